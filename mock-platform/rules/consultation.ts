import {
  registryError,
  type Association,
  type Cx,
  type DocumentReference,
  type RegistryError,
  type SubmissionSet,
} from '../../interop/xds/index.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import { targetPatient } from '../services/patient-identifier.js';
import type { StoredDocument } from '../store/document-store.js';
import type { EmergencyAccess } from '../store/emergency-access-store.js';
import type { PatientRecord } from '../store/patient-store.js';
import type { VerifiedVihf } from '../vihf/vihf-guard.js';
import type { DocumentAccess } from './document-access.js';
import { hasFlag, professionalSees, professionalViewer, type ProfessionalViewer } from './document-visibility.js';
import { dmpRefusal } from './feed-refusal.js';

/** A professional admitted to consult a record (ITI-18, ITI-43). */
export interface Reader {
  readonly patient: PatientRecord;
  readonly caller: VerifiedVihf;
  readonly viewer: ProfessionalViewer;
  /** The break-glass or centre 15 access he reads under, instead of the patient's consent. */
  readonly emergency?: EmergencyAccess;
}

/** One document asked for by ITI-43 and what the repository found for it. */
export type RetrieveOutcome =
  | { readonly kind: 'found'; readonly uniqueId: string; readonly document: StoredDocument }
  | { readonly kind: 'refused'; readonly uniqueId: string; readonly error: RegistryError };

const MODE_NOTES = {
  normal: '',
  bris_de_glace: ' (accès en mode bris de glace)',
  centre_15: ' (accès par la régulation médicale, centre 15)',
} as const;

/**
 * Who may consult a record and which of its documents he sees: the rules shared by every stored query and by
 * retrieve. A document the caller may not see is absent from his answers and unknown to his retrieves, in
 * the very words used for a document that does not exist.
 */
export class Consultation {
  constructor(
    private readonly access: DocumentAccess,
    private readonly outbox: NotificationOutbox,
  ) {}

  /**
   * The feed's admission (INS of the VIHF's patient, record open, caller not blocked, access mode admitted)
   * and, in the normal mode, a VALIDE authorization: consulting needs the patient's consent (EF_DMP04_01),
   * which break-glass and centre 15 do without (CSP L. 1111-17 I; the emergency access is opened, and notified
   * to her, by the admission). `patientId` is the query's own patient parameter when it has one; otherwise the
   * VIHF's `resource-id` names the record.
   */
  admit(caller: VerifiedVihf, patientId?: Cx): Reader {
    const ins = targetPatient(caller);
    const admitted = this.access.admit(
      patientId ?? { id: ins.matricule, assigningAuthority: ins.oid, idType: 'NH' },
      caller,
    );
    if (caller.accessMode === 'normal' && !admitted.authorized) {
      throw dmpRefusal('AUTORISATION_REQUISE', {
        statut: this.access.records.authorizationOf(admitted.patient, caller.holder),
      });
    }
    return {
      patient: admitted.patient,
      caller,
      viewer: professionalViewer(admitted.patient, caller),
      ...(admitted.emergency ? { emergency: admitted.emergency } : {}),
    };
  }

  /**
   * Whether the reader sees this metadata version: one of his patient's, of a document not deleted, of a type
   * his profession may read, not masked from him. The version in force decides as well as the version itself,
   * so that an older version does not show what a newer one hides, and nothing of a deleted document remains.
   */
  sees(reader: Reader, document: StoredDocument): boolean {
    if (document.patient !== reader.patient.matricule) return false;
    const latest =
      this.access.documents.latestVersion(document.entry.logicalId ?? document.entry.entryUUID) ?? document;
    return [document, latest].every(
      ({ entry }) =>
        entry.availabilityStatus !== 'Deleted' && professionalSees(entry, reader.viewer, reader.caller.profession),
    );
  }

  /** The metadata versions of the reader's record he sees, whatever their status but Deleted. */
  documents(reader: Reader): StoredDocument[] {
    return this.access.documents.versionsOf(reader.patient.matricule).filter((document) => this.sees(reader, document));
  }

  /**
   * The submission sets of the record that bring at least one version the reader sees: a set of documents
   * all hidden from him would tell him that something was filed.
   */
  submissionSets(reader: Reader, seen: readonly StoredDocument[] = this.documents(reader)): SubmissionSet[] {
    const seenIds = new Set(seen.map((document) => document.entry.entryUUID));
    return this.access.documents
      .submissionSetsOf(reader.patient.matricule)
      .filter((set) =>
        this.access.documents
          .associationsOf(set.entryUUID)
          .some((a) => a.type === 'HasMember' && a.sourceObject === set.entryUUID && seenIds.has(a.targetObject)),
      );
  }

  /** The associations the registry holds on an object (the caller keeps those whose both ends the reader sees). */
  associationsOf(objectId: string): Association[] {
    return this.access.documents.associationsOf(objectId);
  }

  /**
   * ITI-43: each uniqueId's newest version the reader sees. A document absent, another patient's, deleted,
   * masked from him or out of his profession's matrix gets the same XDSDocumentUniqueIdError, word for word.
   */
  retrieve(reader: Reader, requests: readonly DocumentReference[], repositoryUniqueId: string): RetrieveOutcome[] {
    return requests.map(({ repositoryUniqueId: asked, documentUniqueId: uniqueId }) => {
      if (asked !== repositoryUniqueId) {
        return {
          kind: 'refused',
          uniqueId,
          error: registryError('XDSUnknownRepositoryId', {
            codeContext: `Entrepôt de documents inconnu : ${asked}.`,
            location: uniqueId,
          }),
        };
      }
      const document = this.access.documents
        .byUniqueId(uniqueId)
        .filter((candidate) => this.sees(reader, candidate))
        .at(-1);
      return document
        ? { kind: 'found', uniqueId, document }
        : {
            kind: 'refused',
            uniqueId,
            error: registryError('XDSDocumentUniqueIdError', {
              codeContext: `Aucun document ${uniqueId} dans ce dossier.`,
              location: uniqueId,
            }),
          };
    });
  }

  /**
   * Tells the patient that a professional consulted her record, and in which mode. A retrieved document is
   * named only when she and her representatives see it, as for uploads: the notice must not reveal what
   * hiding keeps back.
   */
  notifyAccess(
    reader: Reader,
    what: { readonly search: true } | { readonly retrieved: readonly StoredDocument[] },
  ): void {
    const { caller } = reader;
    const who = `Le professionnel ${caller.subjectName} (${caller.holder})`;
    const how = MODE_NOTES[caller.accessMode];
    let message: string;
    if ('search' in what) {
      message = `${who} a consulté la liste des documents de votre dossier${how}.`;
    } else {
      const named = what.retrieved.filter(
        ({ entry }) => !hasFlag(entry, 'INVISIBLE_PATIENT') && !hasFlag(entry, 'INVISIBLE_REPRESENTANTS_LEGAUX'),
      );
      message =
        named.length === what.retrieved.length
          ? `${who} a consulté ${named.map(({ entry }) => `le document « ${entry.title} »`).join(', ')}${how}.`
          : `${who} a consulté des documents de votre dossier${how}.`;
    }
    this.outbox.notify(reader.patient.matricule, 'acces', caller.holder, message);
  }
}
