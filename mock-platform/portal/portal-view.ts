import type { AgendaAppointment, AgendaStore } from '../agenda/agenda-store.js';
import type { AuditEntry, AuditLog } from '../audit/audit-log.js';
import type { NotificationOutbox, PatientNotification } from '../notifications/outbox.js';
import type { DocumentAccess } from '../rules/document-access.js';
import type { RecordRules } from '../rules/record-rules.js';
import type { AuthorizationGrant, BlockedProfessional, PatientRecord, PatientStore } from '../store/patient-store.js';
import { isMasked } from './portal-documents.js';
import { historyInWords, professionalInWords, type HistoryLine, type Names } from './portal-words.js';

/** A document as the portal lists it. */
export interface PortalDocument {
  readonly entryUUID: string;
  readonly uniqueId: string;
  readonly title: string;
  readonly type: string;
  /** HL7 DTM, as the metadata carries it. */
  readonly creationTime: string;
  /** `Approved` or `Archived`. */
  readonly status: string;
  /** Family and given name of the first author. */
  readonly author: string;
  /** The author in the patient's words: "Vous", or the professional's name and profession. */
  readonly authorInWords: string;
  /** She wrote it (class 90, authored with her INS). */
  readonly patientAuthored: boolean;
  /** Masked to professionals (MASQUE_PS), by her or by a professional. */
  readonly masked: boolean;
}

/** Everything the patient sees about her record on the portal (and the JSON API returns). */
export interface PortalView {
  readonly patient: PatientRecord;
  /** True when a legal representative looks at a minor's record. */
  readonly asRepresentative: boolean;
  /**
   * False when a legal representative looks at the record of a minor with a secret connection: the accesses
   * and notifications are hers alone, they could reveal the care she asked to keep secret.
   */
  readonly activityVisible: boolean;
  /** The minors whose records the signed-in person manages as legal representative. */
  readonly represented: readonly string[];
  readonly authorizations: ReadonlyArray<AuthorizationGrant & { readonly status: string }>;
  readonly blocked: readonly BlockedProfessional[];
  readonly history: readonly AuditEntry[];
  /** The same history in her words, newest first: who (named, with the profession), what, when (Paris time). */
  readonly historyInWords: readonly HistoryLine[];
  readonly notifications: readonly PatientNotification[];
  /** Her documents in force, without those hidden from her (or, for a representative, from representatives). */
  readonly documents: readonly PortalDocument[];
  /** Her Mon espace santé agenda: the appointments professionals shared with her, and whether she refuses them. */
  readonly agenda: readonly AgendaAppointment[];
  readonly agendaOpposed: boolean;
  /** A professional (or a structure) in her words: name and profession from the directory, else the number. */
  readonly nameOf: (id: string) => string;
}

/** Gathers the patient's view from the stores. */
export function portalView(
  visitor: { readonly user: string; readonly patient: string },
  deps: {
    readonly rules: RecordRules;
    readonly store: PatientStore;
    readonly audit: AuditLog;
    readonly outbox: NotificationOutbox;
    readonly documents: DocumentAccess;
    readonly agenda: AgendaStore;
    readonly names: Names;
  },
): PortalView {
  const matricule = visitor.patient;
  const patient = deps.rules.patient(matricule);
  const asRepresentative = visitor.user !== matricule;
  const activityVisible = !(asRepresentative && patient.secretConnection);
  const history = activityVisible ? deps.audit.list({ patient: matricule, limit: 200 }) : [];
  return {
    patient,
    asRepresentative,
    activityVisible,
    represented: deps.store.representedBy(visitor.user),
    authorizations: deps.store
      .authorizations(matricule)
      .map((grant) => ({ ...grant, status: deps.rules.authorizationOf(patient, grant.professional) })),
    blocked: deps.store.blocked(matricule),
    history,
    historyInWords: historyInWords(history, deps.names).reverse(),
    notifications: activityVisible ? deps.outbox.forPatient(matricule) : [],
    documents: deps.documents
      .listFor(matricule, { kind: asRepresentative ? 'representative' : 'patient' })
      .map(({ entry }) => {
        const author = entry.authors[0];
        const authorId = author?.person.id ?? '-';
        const authorName = [author?.person.givenName, author?.person.familyName].filter(Boolean).join(' ');
        const patientAuthored = entry.classCode.code === '90' && authorId === matricule;
        return {
          entryUUID: entry.entryUUID,
          uniqueId: entry.uniqueId,
          title: entry.title,
          type: entry.typeCode.displayName,
          creationTime: entry.creationTime,
          status: entry.availabilityStatus,
          author: [entry.authors[0]?.person.familyName, entry.authors[0]?.person.givenName].filter(Boolean).join(' '),
          authorInWords: patientAuthored
            ? 'Vous'
            : professionalInWords(
                deps.names,
                authorId,
                // JDV_J01's first level is the profession, prefixed G15_.
                author?.specialties.find((s) => s.code.startsWith('G15_'))?.code.slice(4),
                authorName,
              ),
          patientAuthored,
          masked: isMasked(entry),
        };
      }),
    agenda: deps.agenda.list(matricule),
    agendaOpposed: deps.agenda.opposed(matricule),
    nameOf: (id) => professionalInWords(deps.names, id),
  };
}
