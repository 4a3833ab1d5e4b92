import type { ConsultDesk } from '../router/consult-port.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { DocumentFilterSchema } from '../../../api/contract/index.js';
import { renderForView, retrieveDocument, searchRecord } from './consult-answers.js';
import { summarize } from './document-list.js';
import { profileOf } from './patient-profile.js';

/**
 * Consulting the current patient's record (`document.search|retrieve|render|forget`) over the professional's
 * session: the list, a document's bytes checked against the registry, its display, and forgetting the copy
 * this computer keeps.
 */
export function consultDesk(professional: ProfessionalSession): ConsultDesk {
  // Searches and the profile run one after the other: the profile asked while the window's search is on its
  // way reads the list that search brings, instead of a second search of the record.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  const search: ConsultDesk['search'] = async (request) => {
    const { consultation, session, patient } = professional.consultation();
    const ahead = professional.visitAhead(patient);
    const { visit, ...answer } = await searchRecord(consultation, session, patient, request, ahead);
    professional.learn(visit.documents.map((document) => document.entry));
    const emergencyAccess = professional.emergency();
    return emergencyAccess ? { ...answer, emergencyAccess } : answer;
  };
  return {
    search: (request) => serial(() => search(request)),
    profile: () =>
      serial(async () => {
        const { consultation, patient } = professional.consultation();
        const known = await consultation.known(patient);
        if (known) return { ...profileOf(known.map((cached) => summarize(cached, undefined))), searched: false };
        const answer = await search({ ...DocumentFilterSchema.parse({}) });
        return { ...profileOf(answer.documents), searched: true };
      }),
    retrieve(uniqueId) {
      const { consultation, patient } = professional.consultation();
      return retrieveDocument(consultation, patient, uniqueId);
    },
    render(uniqueId) {
      const { consultation, patient } = professional.consultation();
      return renderForView(consultation, patient, uniqueId);
    },
    forget() {
      const { consultation, patient } = professional.consultation();
      professional.dropAhead();
      consultation.purge(patient);
      return Promise.resolve();
    },
  };
}
