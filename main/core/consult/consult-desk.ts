import { DocumentFilterSchema, type RequestOf, type SearchAnswer } from '../../../api/contract/index.js';
import type { DocumentEntry } from '../../../interop/xds/index.js';
import { insReference, type PatientIdentity } from '../patient/patient-identity.js';
import type { ConsultDesk } from '../router/consult-port.js';
import { PREFETCH_FRESH_MS, type PrefetchedVisit } from '../session/patient-prefetch.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { documentHistory, renderForView, retrieveDocument, searchRecord } from './consult-answers.js';
import { summarize } from './document-list.js';
import { profileOf } from './patient-profile.js';
import type { VisitOutcome } from './record-consultation.js';

/** The current patient's record as another desk reads it (the GP's reminders), without a visit of its own. */
export interface RecordReader {
  /**
   * Her documents (in force and archived included as the copy holds them): the copy the window's last search
   * brought up to date while no other visit followed it, else a visit handed over to the window's next search —
   * one opening of her record, one visit.
   */
  readonly documents: () => Promise<DocumentEntry[]>;
}

/**
 * Consulting the current patient's record (`document.search|retrieve|render|history|forget`) over the professional's
 * session: the list, a document's bytes checked against the registry, its display, its earlier versions, and forgetting the copy
 * this computer keeps.
 */
export function consultDesk(professional: ProfessionalSession): ConsultDesk & RecordReader {
  // Searches and the profile run one after the other: the profile asked while the window's search is on its
  // way reads the list that search brings, instead of a second search of the record.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  // The visit a profile had to make (nothing listed yet): handed to the window's search that follows, once and
  // while fresh, so that her first visit reads as one, with one search of the record.
  // A visit made since (a filing's) makes it stale.
  let handedOver:
    | { readonly patient: string; readonly visit: PrefetchedVisit; readonly at: number; readonly visits: number }
    | undefined;
  const takeHandedOver = (
    patient: PatientIdentity,
    now: number,
    visits: number,
  ): Promise<PrefetchedVisit> | undefined => {
    const held = handedOver;
    handedOver = undefined;
    const fresh =
      held?.patient === insReference(patient) && now - held.at < PREFETCH_FRESH_MS && held.visits === visits;
    return fresh ? Promise.resolve(held.visit) : undefined;
  };
  // The last search this desk made (its patient, and the visits the consultation had made then): while no other
  // visit followed, the copy it brought up to date is the record as the window shows it.
  let searched: { readonly patient: string; readonly visits: number } | undefined;
  const search = async (
    request: RequestOf<'document.search'>,
    handOver = false,
  ): Promise<SearchAnswer & { readonly visit: VisitOutcome }> => {
    const { consultation, session, patient } = professional.consultation();
    const now = session.context.now().getTime();
    // The profile's visit, when one was just made, is the freshest: whatever was asked ahead was spent on it.
    const ahead = takeHandedOver(patient, now, consultation.visits) ?? professional.visitAhead(patient);
    const { visit, ...answer } = await searchRecord(consultation, session, patient, request, ahead);
    professional.learn(visit.documents.map((document) => document.entry));
    searched = { patient: insReference(patient), visits: consultation.visits };
    if (handOver)
      handedOver = {
        patient: insReference(patient),
        visit: { outcome: visit, roundTrips: answer.roundTrips },
        at: now,
        visits: consultation.visits,
      };
    const emergencyAccess = professional.emergency();
    return { ...answer, ...(emergencyAccess ? { emergencyAccess } : {}), visit };
  };
  return {
    search: (request) =>
      serial(async () => {
        const { visit: _visit, ...answer } = await search(request);
        return answer;
      }),
    profile: () =>
      serial(async () => {
        const { consultation, patient } = professional.consultation();
        const known = await consultation.known(patient);
        if (known) return { ...profileOf(known.map((cached) => summarize(cached, undefined))), searched: false };
        const answer = await search({ ...DocumentFilterSchema.parse({}) }, true);
        return { ...profileOf(answer.documents), searched: true };
      }),
    documents: () =>
      serial(async () => {
        const { consultation, patient } = professional.consultation();
        if (searched?.patient === insReference(patient) && searched.visits === consultation.visits) {
          const known = await consultation.known(patient);
          if (known) return known.map((cached) => cached.entry);
        }
        const { visit } = await search({ ...DocumentFilterSchema.parse({}) }, true);
        return visit.documents.map((cached) => cached.entry);
      }),
    retrieve(uniqueId) {
      const { consultation, patient } = professional.consultation();
      return retrieveDocument(consultation, patient, uniqueId);
    },
    render(uniqueId) {
      const { consultation, patient } = professional.consultation();
      return renderForView(consultation, patient, uniqueId);
    },
    history(uniqueId) {
      const { consultation, patient } = professional.consultation();
      return documentHistory(consultation, patient, uniqueId);
    },
    forget() {
      const { consultation, patient } = professional.consultation();
      professional.dropAhead();
      handedOver = undefined;
      searched = undefined;
      consultation.purge(patient);
      return Promise.resolve();
    },
  };
}
