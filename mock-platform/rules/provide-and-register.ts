import { readFile } from 'node:fs/promises';

import type { DecodedAttachment } from '../../interop/mtom/index.js';
import { verifySubmission } from '../../interop/xades/index.js';
import {
  isSignatureEntry,
  newUrnUuid,
  UrnUuidSchema,
  type DocumentEntry,
  type ProvideAndRegisterRequest,
  type RegistryError,
} from '../../interop/xds/index.js';
import type { ContentStore, ContentToKeep } from '../store/content-store.js';
import type { StoredDocument } from '../store/document-store.js';
import type { AdmittedCaller, DocumentAccess } from './document-access.js';
import type { DocumentContentChecks } from './content-checks.js';
import { isAuthor } from './document-visibility.js';
import { dmpRefusal, FeedRefusal, xdsRefusal } from './feed-refusal.js';
import { checkAgainstValueSets } from './metadata-checks.js';
import type { VerifiedVihf } from '../vihf/vihf-guard.js';

export interface ProvideAndRegisterDependencies {
  readonly access: DocumentAccess;
  readonly content: ContentStore;
  readonly contentChecks: DocumentContentChecks;
  /** The CAs a submission-set signature may chain to (cards' persons CA, establishments' organisations CA). */
  readonly signatureCaPems: readonly string[];
  readonly repositoryUniqueId: string;
  readonly now: () => Date;
}

/** What an accepted ITI-41 did. */
export interface ProvideAndRegisterResult {
  /** Documents stored by this call; 0 for an identical resubmission. */
  readonly stored: number;
  /** Warnings the RegistryResponse carries with its success. */
  readonly warnings: readonly RegistryError[];
}

function bytesOf(attachment: DecodedAttachment): Promise<Buffer> {
  return attachment.data ? Promise.resolve(attachment.data) : readFile(attachment.path ?? '');
}

/** Each DocumentEntry's MTOM part; a part no entry names, or an entry without its part, is refused. */
function partsByEntry(
  request: ProvideAndRegisterRequest,
  attachments: ReadonlyMap<string, DecodedAttachment>,
): Map<string, DecodedAttachment> {
  const parts = new Map<string, DecodedAttachment>();
  for (const document of request.documents) {
    const attachment = attachments.get(document.contentId);
    if (!attachment) throw xdsRefusal('XDSMissingDocument', undefined, document.id);
    parts.set(document.id, attachment);
  }
  const named = new Set(request.documents.map((d) => d.contentId));
  if ([...attachments.keys()].some((id) => !named.has(id))) throw xdsRefusal('XDSMissingDocumentMetadata');
  return parts;
}

/** The declared hash (SHA-1) and size of every document against the bytes received. */
function checkDigests(entries: readonly DocumentEntry[], parts: ReadonlyMap<string, DecodedAttachment>): void {
  for (const entry of entries) {
    const part = parts.get(entry.entryUUID)!;
    if (part.size !== entry.size) throw xdsRefusal('XDSNonIdenticalSize', undefined, entry.entryUUID);
    if (part.sha1Hex !== entry.hash) throw xdsRefusal('XDSNonIdenticalHash', undefined, entry.entryUUID);
  }
}

/** Only the links a DMP submission makes: HasMember from the set (to every entry), signs, RPLC. */
function checkAssociations(request: ProvideAndRegisterRequest): void {
  const { submissionSet, documentEntries, associations } = request.metadata;
  for (const association of associations) {
    if (association.type === 'UpdateAvailabilityStatus')
      throw xdsRefusal('XDSRegistryMetadataError', 'UpdateAvailabilityStatus relève de ITI-57.', association.id);
  }
  for (const entry of documentEntries) {
    if (
      !associations.some(
        (a) =>
          a.type === 'HasMember' && a.sourceObject === submissionSet.entryUUID && a.targetObject === entry.entryUUID,
      )
    ) {
      throw xdsRefusal(
        'XDSRegistryMetadataError',
        'Chaque document doit être membre (HasMember) du lot.',
        entry.entryUUID,
      );
    }
  }
}

type Classified = { readonly fresh: DocumentEntry[]; readonly already: Set<string> };

/**
 * Sorts the entries by what the registry already holds under their uniqueId: nothing (fresh), the same bytes
 * for the same patient (already stored: a client resending after a crash), or something else (refused).
 */
function classify(entries: readonly DocumentEntry[], access: DocumentAccess, patient: string): Classified {
  const fresh: DocumentEntry[] = [];
  const already = new Set<string>();
  for (const entry of entries) {
    const existing = access.documents.byUniqueId(entry.uniqueId);
    if (existing.length === 0) {
      fresh.push(entry);
      continue;
    }
    if (existing.some((stored) => stored.entry.hash !== entry.hash || stored.entry.size !== entry.size)) {
      throw xdsRefusal(
        'XDSNonIdenticalHash',
        `Un autre document porte déjà l'identifiant unique ${entry.uniqueId} : un document corrigé demande un nouvel identifiant (et un remplacement).`,
        entry.entryUUID,
      );
    }
    if (existing.some((stored) => stored.patient !== patient))
      throw xdsRefusal('XDSPatientIdDoesNotMatch', undefined, entry.entryUUID);
    already.add(entry.entryUUID);
  }
  return { fresh, already };
}

/**
 * A minor's secret connection (EX_0.1-1100, EX_2.1-1050): only on a minor's record, and then only documents
 * invisible to her legal representatives may be filed.
 */
function checkSecretConnection(
  contents: readonly DocumentEntry[],
  admitted: AdmittedCaller,
  caller: VerifiedVihf,
): void {
  if (!caller.secretConnection) return;
  if (!admitted.patient.minor) throw dmpRefusal('CONNEXION_SECRETE_MAJEUR');
  for (const entry of contents) {
    if (!entry.confidentialityCodes.some((c) => c.code === 'INVISIBLE_REPRESENTANTS_LEGAUX'))
      throw dmpRefusal('CONNEXION_SECRETE_VISIBILITE', {}, entry.entryUUID);
  }
}

/** A submission set's uniqueId is used once. */
function checkNewSubmissionSet(request: ProvideAndRegisterRequest, access: DocumentAccess): void {
  const { submissionSet } = request.metadata;
  if (access.documents.submissionSetByUniqueId(submissionSet.uniqueId)) {
    throw xdsRefusal(
      'XDSDuplicateUniqueIdInRegistry',
      `Un lot porte déjà l'identifiant unique ${submissionSet.uniqueId}.`,
      submissionSet.entryUUID,
    );
  }
}

/** The documents replaced (RPLC) by fresh entries: in force, visible to the caller, and his to replace. */
function replacements(
  request: ProvideAndRegisterRequest,
  fresh: readonly DocumentEntry[],
  admitted: AdmittedCaller,
  access: DocumentAccess,
): StoredDocument[] {
  const freshIds = new Set(fresh.map((e) => e.entryUUID));
  return request.metadata.associations
    .filter((a) => a.type === 'RPLC' && freshIds.has(a.sourceObject))
    .map((association) => {
      const replaced = access.current(association.targetObject, admitted);
      if (replaced.entry.availabilityStatus !== 'Approved') {
        throw xdsRefusal(
          'XDSMetadataUpdateError',
          'Seul un document approuvé peut être remplacé.',
          association.targetObject,
        );
      }
      if (!access.mayChange(replaced, admitted))
        throw dmpRefusal('ALIMENTATION_NON_AUTORISEE', {}, association.targetObject);
      return replaced;
    });
}

async function checkContents(
  fresh: readonly DocumentEntry[],
  parts: ReadonlyMap<string, DecodedAttachment>,
  admitted: AdmittedCaller,
  checks: DocumentContentChecks,
): Promise<RegistryError[]> {
  const warnings: RegistryError[] = [];
  const errors: RegistryError[] = [];
  for (const entry of fresh) {
    const part = parts.get(entry.entryUUID)!;
    const findings = await checks.check({ size: part.size, read: () => bytesOf(part) }, entry, admitted.patient);
    for (const finding of findings) {
      const error: RegistryError = {
        errorCode: finding.code,
        codeContext: finding.reason,
        severity: finding.severity,
        location: entry.entryUUID,
      };
      (finding.severity === 'Error' ? errors : warnings).push(error);
    }
  }
  const [first, ...others] = errors;
  if (first) throw new FeedRefusal([first, ...others]);
  return warnings;
}

/**
 * The bytes of every entry, one per distinct content, read before the transaction that keeps them (a part
 * beyond the decoder's memory budget is in a file).
 */
async function contentsOf(
  entries: readonly DocumentEntry[],
  parts: ReadonlyMap<string, DecodedAttachment>,
): Promise<Map<string, ContentToKeep>> {
  const distinct = new Map(entries.map((entry) => [nameOf(parts, entry), parts.get(entry.entryUUID)!] as const));
  const read = await Promise.all(
    [...distinct].map(async ([name, part]) => [name, { sha256: part.sha256, data: await bytesOf(part) }] as const),
  );
  return new Map(read);
}

/** The content store's name of an entry's bytes: their SHA-256 in hex. */
function nameOf(parts: ReadonlyMap<string, DecodedAttachment>, entry: DocumentEntry): string {
  return parts.get(entry.entryUUID)!.sha256.toString('hex');
}

/**
 * ITI-41 as the DMP's repository and registry take it, each check refusing with its own code: parts and
 * entries match; one patient, a qualified INS of an open record, the caller not blocked; metadata in the value
 * sets; hash and size of every part; the XAdES signature of the set (chain to the test PKI, manifest covering
 * the set and every document with the digests received); the right to feed (author, or a VALIDE
 * authorization); uniqueIds (an identical resubmission is accepted without storing anything twice, another
 * document under a known uniqueId is refused); replacements; the content checks. What is returned keeps the
 * bytes in the content store and writes the metadata (replaced versions Deprecated) and the patient's notices,
 * to be run inside the caller's transaction (the audit entry's: one commit for bytes, metadata and trail); it
 * decides again what another call committed meanwhile changes, and throws a refusal with nothing written when
 * that refuses.
 */
export async function provideAndRegister(
  deps: ProvideAndRegisterDependencies,
  request: ProvideAndRegisterRequest,
  attachments: ReadonlyMap<string, DecodedAttachment>,
  caller: VerifiedVihf,
): Promise<() => ProvideAndRegisterResult> {
  const { access } = deps;
  const { submissionSet, documentEntries } = request.metadata;
  const parts = partsByEntry(request, attachments);
  for (const entry of documentEntries) {
    const same =
      entry.patientId.id === submissionSet.patientId.id &&
      entry.patientId.assigningAuthority === submissionSet.patientId.assigningAuthority;
    if (!same) throw xdsRefusal('XDSPatientIdDoesNotMatch', undefined, entry.entryUUID);
  }
  const admitted = access.admit(submissionSet.patientId, caller);
  const matricule = admitted.patient.matricule;
  const contents = documentEntries.filter((entry) => !isSignatureEntry(entry));
  if (contents.length === 0) throw xdsRefusal('XDSRegistryMetadataError', 'Le lot ne contient aucun document.');
  for (const entry of contents) access.requireQualifiedTraits(entry, admitted.patient);
  checkSecretConnection(contents, admitted, caller);
  checkAgainstValueSets(request.metadata);
  checkAssociations(request);
  for (const entry of documentEntries) {
    if (entry.repositoryUniqueId !== undefined && entry.repositoryUniqueId !== deps.repositoryUniqueId)
      throw xdsRefusal('XDSUnknownRepositoryId', undefined, entry.entryUUID);
  }
  checkDigests(documentEntries, parts);

  const signature = documentEntries.find(isSignatureEntry);
  if (!signature) throw dmpRefusal('SIGNATURE_LOT_INVALIDE', { raison: 'le lot ne porte pas de signature' });
  const sha256ByEntry = new Map([...parts].map(([id, part]) => [id, part.sha256] as const));
  verifySubmission(request.metadata, await bytesOf(parts.get(signature.entryUUID)!), sha256ByEntry, {
    trustedCaPems: deps.signatureCaPems,
  });

  if (!admitted.authorized && !contents.every((entry) => isAuthor(entry, caller)))
    throw dmpRefusal('ALIMENTATION_NON_AUTORISEE');

  const { fresh: freshAtStart } = classify(documentEntries, access, matricule);
  const freshContents = freshAtStart.filter((entry) => !isSignatureEntry(entry));
  if (freshContents.length === 0) return () => ({ stored: 0, warnings: [] });
  checkNewSubmissionSet(request, access);
  replacements(request, freshContents, admitted, access);
  const warnings = await checkContents(freshContents, parts, admitted, deps.contentChecks);

  // Symbolic ids (Document01…) become the registry's urn:uuid; a first version is its own logical document.
  const ids = new Map<string, string>();
  const idOf = (id: string): string => {
    if (UrnUuidSchema.safeParse(id).success) return id;
    if (!ids.has(id)) ids.set(id, newUrnUuid());
    return ids.get(id)!;
  };
  const setId = idOf(submissionSet.entryUUID);
  const received = await contentsOf(freshAtStart, parts);
  const at = deps.now().toISOString();
  // A transaction of its own (a savepoint within the caller's): a refusal decided here rolls back what it wrote.
  const register = (): number =>
    access.documents.transaction((): number => {
      // Decided again inside the transaction: while this call was checked and its bytes read, another one
      // (the same client resending after a timeout, a colleague replacing the same document) may have committed.
      const { fresh, already } = classify(documentEntries, access, matricule);
      const contents = fresh.filter((entry) => !isSignatureEntry(entry));
      if (contents.length === 0) return 0;
      checkNewSubmissionSet(request, access);
      const replaced = replacements(request, contents, admitted, access);
      deps.content.keep([...new Set(fresh.map((entry) => nameOf(parts, entry)))].map((name) => received.get(name)!));
      access.documents.insertSubmissionSet({ ...submissionSet, entryUUID: setId }, matricule, caller.holder, at);
      for (const entry of fresh) {
        const entryUUID = idOf(entry.entryUUID);
        access.documents.insertDocument({
          entry: {
            ...entry,
            entryUUID,
            logicalId: entryUUID,
            version: '1',
            repositoryUniqueId: deps.repositoryUniqueId,
            availabilityStatus: 'Approved',
          },
          patient: matricule,
          sha256: nameOf(parts, entry),
          submissionSet: setId,
          submittedBy: caller.holder,
          submittedAt: at,
        });
      }
      for (const association of request.metadata.associations) {
        if (already.has(association.sourceObject) || already.has(association.targetObject)) continue;
        access.documents.insertAssociation(
          {
            ...association,
            id: idOf(association.id),
            sourceObject: idOf(association.sourceObject),
            targetObject: idOf(association.targetObject),
          },
          setId,
        );
      }
      for (const old of replaced) access.documents.setStatus(old.entry.entryUUID, 'Deprecated');
      for (const entry of contents)
        access.notify(matricule, 'depot', caller.holder, entry, 'déposé dans votre dossier');
      for (const old of replaced)
        access.notify(matricule, 'document', caller.holder, old.entry, 'remplacé par une nouvelle version');
      return contents.length;
    });
  return () => {
    const stored = register();
    return { stored, warnings: stored === 0 ? [] : warnings };
  };
}
