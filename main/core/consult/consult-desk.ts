import type { ConsultDesk } from '../router/consult-port.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { documentHistory, renderForView, retrieveDocument, searchRecord } from './consult-answers.js';

/**
 * Consulting the current patient's record (`document.search|retrieve|render|history|forget`) over the professional's
 * session: the list, a document's bytes checked against the registry, its display, its earlier versions, and forgetting the copy
 * this computer keeps.
 */
export function consultDesk(professional: ProfessionalSession): ConsultDesk {
  return {
    async search(request) {
      const { consultation, session, patient } = professional.consultation();
      const ahead = professional.visitAhead(patient);
      const { visit, ...answer } = await searchRecord(consultation, session, patient, request, ahead);
      professional.learn(visit.documents.map((document) => document.entry));
      const emergencyAccess = professional.emergency();
      return emergencyAccess ? { ...answer, emergencyAccess } : answer;
    },
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
      consultation.purge(patient);
      return Promise.resolve();
    },
  };
}
