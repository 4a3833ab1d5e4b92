import {
  newUrnUuid,
  UrnUuidSchema,
  type Association,
  type Coded,
  type DocumentEntry,
  type SubmissionMetadata,
} from '../../interop/xds/index.js';
import type { VisibilityCode } from '../../interop/value-sets/index.js';
import type { StoredDocument } from '../store/document-store.js';
import type { VerifiedVihf } from '../vihf/vihf-guard.js';
import type { AdmittedCaller, DocumentAccess } from './document-access.js';
import { isAuthor } from './document-visibility.js';
import { dmpRefusal, xdsRefusal } from './feed-refusal.js';
import { checkConfidentiality } from './metadata-checks.js';

/** One change ITI-57 made, as the audit trail names it. */
export type DocumentChange = 'visibilite' | 'archivage' | 'desarchivage' | 'suppression';

export interface UpdateResult {
  readonly changes: readonly DocumentChange[];
}

const FLAGS: readonly VisibilityCode[] = ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'];

/** The status changes the DMP offers (TD3.3c, TD3.3d): archive and back, delete (final) from either. */
const TRANSITIONS: Readonly<Record<string, DocumentChange>> = {
  'Approved>Archived': 'archivage',
  'Archived>Approved': 'desarchivage',
  'Approved>Deleted': 'suppression',
  'Archived>Deleted': 'suppression',
};

const FLAG_WORDS: Readonly<Record<VisibilityCode, readonly [on: string, off: string]>> = {
  MASQUE_PS: ['masqué aux professionnels', 'rendu visible aux professionnels'],
  INVISIBLE_PATIENT: ['rendu invisible pour vous', 'rendu visible pour vous'],
  INVISIBLE_REPRESENTANTS_LEGAUX: [
    'rendu invisible pour vos représentants légaux',
    'rendu visible pour vos représentants légaux',
  ],
};

const STATUS_WORDS: Readonly<Record<DocumentChange, string>> = {
  visibilite: '',
  archivage: 'archivé',
  desarchivage: 'désarchivé',
  suppression: 'supprimé',
};

/** The entry without what a metadata update may change (and what the registry assigns). */
function invariantPart(entry: DocumentEntry): string {
  const { confidentialityCodes, ...rest } = entry;
  const level = confidentialityCodes
    .filter((c) => !(FLAGS as readonly string[]).includes(c.code))
    .map((c) => `${c.codeSystem}|${c.code}`);
  // Undefined members vanish from the JSON: these are the registry's, not the submitter's.
  const assigned = {
    entryUUID: undefined,
    logicalId: undefined,
    version: undefined,
    availabilityStatus: undefined,
    repositoryUniqueId: undefined,
  };
  return JSON.stringify({ ...rest, ...assigned, level });
}

function flagsOf(codes: readonly Coded[]): Set<string> {
  return new Set(codes.filter((c) => (FLAGS as readonly string[]).includes(c.code)).map((c) => c.code));
}

interface PlannedVersion {
  readonly current: StoredDocument;
  readonly next: DocumentEntry;
  readonly said: string;
}

interface PlannedStatus {
  readonly current: StoredDocument;
  readonly association: Association;
  readonly change: DocumentChange;
}

/**
 * A new metadata version (TD3.3a, TD3.3b): linked by HasMember with PreviousVersion = the version in force;
 * only the DMP's visibility flags may differ; INVISIBLE_REPRESENTANTS_LEGAUX only on a minor's record.
 */
function planVersion(
  entry: DocumentEntry,
  metadata: SubmissionMetadata,
  admitted: AdmittedCaller,
  access: DocumentAccess,
): PlannedVersion {
  const link = metadata.associations.find(
    (a) =>
      a.type === 'HasMember' &&
      a.sourceObject === metadata.submissionSet.entryUUID &&
      a.targetObject === entry.entryUUID,
  );
  if (!link?.previousVersion || !entry.logicalId) {
    throw xdsRefusal(
      'XDSMetadataUpdateError',
      'Une nouvelle version nomme son logicalId et la version remplacée (PreviousVersion).',
      entry.entryUUID,
    );
  }
  const current = access.current(entry.logicalId, admitted);
  if (current.entry.version !== link.previousVersion)
    throw xdsRefusal('XDSMetadataVersionError', undefined, entry.entryUUID);
  checkConfidentiality(entry);
  if (invariantPart(entry) !== invariantPart(current.entry)) {
    throw xdsRefusal(
      'XDSMetadataUpdateError',
      'Seule la visibilité (MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX) peut être modifiée.',
      entry.entryUUID,
    );
  }
  const before = flagsOf(current.entry.confidentialityCodes);
  const after = flagsOf(entry.confidentialityCodes);
  const changed = FLAGS.filter((flag) => before.has(flag) !== after.has(flag));
  if (changed.length === 0)
    throw xdsRefusal('XDSMetadataUpdateError', 'La nouvelle version ne change rien.', entry.entryUUID);
  if (after.has('INVISIBLE_REPRESENTANTS_LEGAUX') && !admitted.patient.minor) {
    throw xdsRefusal(
      'XDSMetadataUpdateError',
      "INVISIBLE_REPRESENTANTS_LEGAUX ne s'applique qu'au dossier d'un mineur.",
      entry.entryUUID,
    );
  }
  if (!access.mayChange(current, admitted)) throw dmpRefusal('ALIMENTATION_NON_AUTORISEE', {}, entry.entryUUID);
  const next: DocumentEntry = {
    ...current.entry,
    entryUUID: UrnUuidSchema.safeParse(entry.entryUUID).success ? entry.entryUUID : newUrnUuid(),
    version: String(Number(current.entry.version ?? '1') + 1),
    confidentialityCodes: entry.confidentialityCodes,
  };
  if (access.documents.byEntryUUID(next.entryUUID))
    throw xdsRefusal('XDSMetadataUpdateError', 'Cet entryUUID est déjà celui d’une autre version.', entry.entryUUID);
  return { current, next, said: changed.map((flag) => FLAG_WORDS[flag][after.has(flag) ? 0 : 1]).join(', ') };
}

/** A status change (TD3.3c, TD3.3d): from the status in force, along the DMP's transitions; delete by the author only. */
function planStatus(association: Association, admitted: AdmittedCaller, access: DocumentAccess): PlannedStatus {
  const current = access.current(association.targetObject, admitted);
  const change = TRANSITIONS[`${association.originalStatus ?? ''}>${association.newStatus ?? ''}`];
  if (!change)
    throw xdsRefusal('XDSMetadataUpdateError', 'Changement de statut non proposé par le DMP.', association.id);
  if (current.entry.availabilityStatus !== association.originalStatus) {
    throw xdsRefusal(
      'XDSMetadataUpdateError',
      `Le statut du document est ${current.entry.availabilityStatus}, pas ${association.originalStatus ?? ''}.`,
      association.targetObject,
    );
  }
  if (change === 'suppression') {
    if (!isAuthor(current.entry, admitted.caller))
      throw dmpRefusal('SUPPRESSION_RESERVEE_AUTEUR', {}, association.targetObject);
  } else if (!access.mayChange(current, admitted)) {
    throw dmpRefusal('ALIMENTATION_NON_AUTORISEE', {}, association.targetObject);
  }
  return { current, association, change };
}

/**
 * ITI-57 as the DMP uses it: new metadata versions that change a document's visibility, and status changes
 * (archive, unarchive, delete). The whole update is checked before anything is written; then, in one
 * transaction, the new versions are stored (the previous ones Deprecated), the statuses changed, the
 * submission set and its associations kept, and the patient notified of each change.
 */
export function updateDocumentSet(
  access: DocumentAccess,
  metadata: SubmissionMetadata,
  caller: VerifiedVihf,
  now: () => Date,
): UpdateResult {
  const { submissionSet } = metadata;
  const admitted = access.admit(submissionSet.patientId, caller);
  const matricule = admitted.patient.matricule;
  if (access.documents.submissionSetByUniqueId(submissionSet.uniqueId)) {
    throw xdsRefusal(
      'XDSDuplicateUniqueIdInRegistry',
      `Un lot porte déjà l'identifiant unique ${submissionSet.uniqueId}.`,
      submissionSet.entryUUID,
    );
  }
  for (const association of metadata.associations) {
    const known =
      association.type === 'UpdateAvailabilityStatus' ||
      (association.type === 'HasMember' && association.sourceObject === submissionSet.entryUUID);
    if (!known)
      throw xdsRefusal(
        'XDSMetadataUpdateError',
        `Association ${association.type} non acceptée dans une mise à jour.`,
        association.id,
      );
  }
  const versions = metadata.documentEntries.map((entry) => planVersion(entry, metadata, admitted, access));
  const statuses = metadata.associations
    .filter((a) => a.type === 'UpdateAvailabilityStatus')
    .map((a) => planStatus(a, admitted, access));
  if (versions.length + statuses.length === 0)
    throw xdsRefusal('XDSMetadataUpdateError', 'La mise à jour ne change aucun document.');
  const touched = [...versions, ...statuses].map((plan) => plan.current.entry.logicalId);
  if (new Set(touched).size !== touched.length)
    throw xdsRefusal('XDSMetadataUpdateError', 'Un document est modifié deux fois dans la même mise à jour.');

  const at = now().toISOString();
  const setId = UrnUuidSchema.safeParse(submissionSet.entryUUID).success ? submissionSet.entryUUID : newUrnUuid();
  access.documents.transaction(() => {
    access.documents.insertSubmissionSet({ ...submissionSet, entryUUID: setId }, matricule, caller.holder, at);
    for (const { current, next, said } of versions) {
      access.documents.setStatus(current.entry.entryUUID, 'Deprecated');
      access.documents.insertDocument({
        ...current,
        entry: next,
        submissionSet: setId,
        submittedBy: caller.holder,
        submittedAt: at,
      });
      access.documents.insertAssociation(
        {
          id: newUrnUuid(),
          type: 'HasMember',
          sourceObject: setId,
          targetObject: next.entryUUID,
          submissionSetStatus: 'Original',
          previousVersion: current.entry.version,
        },
        setId,
      );
      access.notify(matricule, 'document', caller.holder, next, said);
    }
    for (const { current, association, change } of statuses) {
      access.documents.setStatus(current.entry.entryUUID, association.newStatus!);
      access.documents.insertAssociation(
        { ...association, sourceObject: setId, targetObject: current.entry.entryUUID },
        setId,
      );
      access.notify(matricule, 'document', caller.holder, current.entry, STATUS_WORDS[change]);
    }
  });
  return { changes: [...versions.map((): DocumentChange => 'visibilite'), ...statuses.map((plan) => plan.change)] };
}
