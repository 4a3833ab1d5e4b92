import type { Cx, DocumentEntry, SourcePatientInfo } from '../../interop/xds/index.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import { targetPatient } from '../services/patient-identifier.js';
import type { DocumentStore, StoredDocument } from '../store/document-store.js';
import type { EmergencyAccess } from '../store/emergency-access-store.js';
import type { PatientRecord, PatientStore } from '../store/patient-store.js';
import type { VerifiedVihf } from '../vihf/vihf-guard.js';
import {
  hasFlag,
  isAuthor,
  isVisibleTo,
  professionalSees,
  professionalViewer,
  type Viewer,
} from './document-visibility.js';
import { dmpRefusal, xdsRefusal } from './feed-refusal.js';
import type { RecordRules } from './record-rules.js';

/** A caller admitted on a record for feeding or updating it. */
export interface AdmittedCaller {
  readonly patient: PatientRecord;
  readonly caller: VerifiedVihf;
  /** The caller holds a VALIDE authorization on the record (otherwise only his own documents are his to touch). */
  readonly authorized: boolean;
  /** The break-glass or centre 15 access the call runs under, when the VIHF asks for one. */
  readonly emergency?: EmergencyAccess;
}

const normalize = (text: string): string => text.normalize('NFC').trim().toUpperCase();

/**
 * True when traits (a document's sourcePatientInfo, a CDA's recordTarget) are the INS's reference traits, as
 * a qualified identity's are: birth name, first or all first names, birth date, sex.
 */
export function hasReferenceTraits(info: SourcePatientInfo, patient: PatientRecord): boolean {
  const { traits } = patient;
  const given = normalize(info.givenName);
  return (
    normalize(info.familyName) === normalize(traits.birthName) &&
    (given === normalize(traits.firstNames[0] ?? '') || given === normalize(traits.firstNames.join(' '))) &&
    info.birthDate === traits.birthDate.replace(/-/g, '') &&
    info.sex === traits.sex
  );
}

/**
 * What ITI-41 and ITI-57 share: who may act on which record, which documents a viewer sees, and how the
 * patient is told of a change. Built on RecordRules (record open, blocks, authorizations, access modes).
 */
export class DocumentAccess {
  constructor(
    readonly records: RecordRules,
    readonly patients: PatientStore,
    readonly documents: DocumentStore,
    private readonly outbox: NotificationOutbox,
  ) {}

  /**
   * The record a submission is about, and the caller's standing on it: the set's patientId must be an INS
   * (type NH, test OID, valid key) naming the VIHF's patient; the patient must be known under her current
   * INS (an INS replaced by another is no longer qualified); the record open; the caller not blocked by her;
   * the access mode admitted (centre 15 for regulation physicians, neither emergency mode opposed by her), which
   * opens or continues an emergency access.
   */
  admit(patientId: Cx, caller: VerifiedVihf): AdmittedCaller {
    if (patientId.idType !== 'NH')
      throw dmpRefusal('INS_INVALIDE', { raison: 'identifiant de type NH (INS) attendu dans patientId' });
    const ins = targetPatient(caller, { matricule: patientId.id.toUpperCase(), oid: patientId.assigningAuthority });
    if (this.patients.holderOfPreviousIns(ins.matricule))
      throw dmpRefusal('INS_NON_QUALIFIE', { raison: 'cet INS a été remplacé par un autre INS' });
    const known = this.patients.find(ins.matricule);
    if (!known) throw xdsRefusal('XDSUnknownPatientId');
    if (known.oid !== ins.oid)
      throw dmpRefusal('INS_NON_QUALIFIE', { raison: "l'OID de l'INS n'est pas celui du référentiel" });
    // The record and the block read once: checked here, they are not read again for the authorization.
    const patient = this.records.openRecord(known);
    if (this.patients.isBlocked(patient.matricule, caller.holder)) throw dmpRefusal('PS_BLOQUE');
    const emergency = this.records.admitAccessMode(patient, caller);
    return {
      patient,
      caller,
      authorized: this.records.grantOf(patient, caller.holder) === 'VALIDE',
      ...(emergency ? { emergency } : {}),
    };
  }

  /**
   * A qualified identity is one whose traits were checked against the national registry: the document must
   * carry them (sourcePatientInfo: birth name, first name, birth date, sex) and they must be the INS's.
   */
  requireQualifiedTraits(entry: DocumentEntry, patient: PatientRecord): void {
    if (!entry.sourcePatientInfo)
      throw dmpRefusal(
        'INS_NON_QUALIFIE',
        { raison: "traits d'identité (sourcePatientInfo) absents" },
        entry.entryUUID,
      );
    if (!hasReferenceTraits(entry.sourcePatientInfo, patient)) {
      throw dmpRefusal(
        'INS_NON_QUALIFIE',
        { raison: "les traits d'identité du document ne sont pas ceux de l'INS" },
        entry.entryUUID,
      );
    }
  }

  /** Whether the caller may change a document: its author always, anyone else with a valid authorization. */
  mayChange(document: StoredDocument, admitted: AdmittedCaller): boolean {
    return admitted.authorized || isAuthor(document.entry, admitted.caller);
  }

  /**
   * The document in force that `objectId` names (the entryUUID of its current version, or its logicalId) on the
   * admitted record, as the caller may see it. A document masked from him, or of a type his profession may not
   * read, is unknown to him, as it would be to a search; an older version is refused with XDSMetadataVersionError.
   */
  current(objectId: string, admitted: AdmittedCaller): StoredDocument {
    // A first version's entryUUID is also its logicalId: read as the logicalId, it names the version in force.
    const named = this.documents.latestVersion(objectId) ?? this.documents.byEntryUUID(objectId);
    if (
      !named ||
      named.patient !== admitted.patient.matricule ||
      !professionalSees(named.entry, professionalViewer(admitted.patient, admitted.caller), admitted.caller.profession)
    ) {
      throw xdsRefusal(
        'UnresolvedReferenceException',
        `Aucun document en vigueur ne porte l'identifiant ${objectId} dans ce dossier.`,
        objectId,
      );
    }
    const latest = this.documents.latestVersion(named.entry.logicalId ?? named.entry.entryUUID);
    if (latest && latest.entry.entryUUID !== named.entry.entryUUID)
      throw xdsRefusal('XDSMetadataVersionError', undefined, objectId);
    if (named.entry.availabilityStatus !== 'Approved' && named.entry.availabilityStatus !== 'Archived') {
      throw xdsRefusal(
        'XDSMetadataUpdateError',
        `Le document ${objectId} n'est plus en vigueur (${named.entry.availabilityStatus}).`,
        objectId,
      );
    }
    return named;
  }

  /** The patient's documents in force that a viewer sees. */
  listFor(matricule: string, viewer: Viewer): StoredDocument[] {
    return this.documents.current(matricule).filter((document) => isVisibleTo(document.entry, viewer));
  }

  /**
   * Tells the patient what a professional did with a document. A document hidden from her or from her legal
   * representatives (who read her notifications) is not named: the notice would reveal what the hiding keeps
   * back, until the professional makes it visible again.
   */
  notify(patient: string, kind: 'depot' | 'document', actor: string, entry: DocumentEntry, what: string): void {
    const named = !hasFlag(entry, 'INVISIBLE_PATIENT') && !hasFlag(entry, 'INVISIBLE_REPRESENTANTS_LEGAUX');
    this.outbox.notify(
      patient,
      kind,
      actor,
      named
        ? `Document « ${entry.title} » : ${what} par le professionnel ${actor}.`
        : `Votre dossier a été mis à jour par le professionnel ${actor}.`,
    );
  }
}
