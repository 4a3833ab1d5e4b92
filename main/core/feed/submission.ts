import { createHash } from 'node:crypto';

import type { Signer } from '../../../interop/signing/signer.js';
import { bufferAttachment, type MtomAttachment } from '../../../interop/mtom/index.js';
import { CONTENT_TYPE_CODES, requireConcept } from '../../../interop/value-sets/index.js';
import { signSubmission } from '../../../interop/xades/index.js';
import {
  buildProvideAndRegisterRequest,
  formatDtm,
  newUrnUuid,
  withReplacement,
  type Author,
  type DocumentEntry,
  type SubmissionMetadata,
  type SubmissionSet,
} from '../../../interop/xds/index.js';
import type { ProfessionalIdentity, SoftwareIdentity } from '../session/credentials.js';
import { newDocumentOid } from './patient-document.js';

/** The professional as an XDS author: her national id (XCN) and her practice structure (XON). */
export function xdsAuthor(identity: ProfessionalIdentity): Author {
  return {
    person: { id: identity.nationalId, familyName: identity.lastName, givenName: identity.firstName, assigningAuthority: '1.2.250.1.71.4.2.1', nameTypeCode: 'D', idType: 'IDNPS' },
    institutions: [{ name: identity.structure.name, assigningAuthority: '1.2.250.1.71.4.2.2', idType: 'IDNST', id: identity.structure.id }],
    roles: [],
    specialties: [],
  };
}

/**
 * A submission set for a patient's record. The content type is JDV_J59's only sourced code (`04`,
 * content-type-codes.ts); the set's author is the document's when there is one, so that authorInstitution
 * agrees between set and entries as the DMP requires (dmp-protocol.md §4.3).
 */
export function submissionSetFor(patientId: DocumentEntry['patientId'], authors: readonly Author[], software: SoftwareIdentity, now: Date): SubmissionSet {
  return {
    entryUUID: newUrnUuid(),
    uniqueId: newDocumentOid(),
    sourceId: software.oid,
    submissionTime: formatDtm(now),
    patientId,
    contentTypeCode: requireConcept(CONTENT_TYPE_CODES, '04'),
    authors: [...authors],
    availabilityStatus: 'Approved',
  };
}

export interface ProvideRequest {
  readonly bodyXml: string;
  readonly attachments: readonly MtomAttachment[];
}

/**
 * The ITI-41 request for one document: the set, its entry (and the RPLC link when it replaces one), ONE
 * XAdES signature by `signer` over the whole set, and the document and signature as MTOM parts.
 */
export async function provideRequest(
  entry: DocumentEntry,
  content: Uint8Array,
  options: { readonly signer: Signer; readonly software: SoftwareIdentity; readonly now: Date; readonly replaces?: DocumentEntry },
): Promise<ProvideRequest> {
  const submissionSet = submissionSetFor(entry.patientId, entry.authors.slice(0, 1), options.software, options.now);
  const described: SubmissionMetadata = {
    submissionSet,
    documentEntries: [entry],
    associations: [{ id: newUrnUuid(), type: 'HasMember', sourceObject: submissionSet.entryUUID, targetObject: entry.entryUUID, submissionSetStatus: 'Original' }],
  };
  const metadata = options.replaces ? withReplacement(described, entry.entryUUID, options.replaces.entryUUID) : described;
  const digests = new Map([[entry.uniqueId, createHash('sha256').update(content).digest()]]);
  const signed = await signSubmission(metadata, digests, options.signer, { signingTime: options.now, signatureUniqueId: newDocumentOid() });
  const parts = [
    { id: entry.entryUUID, contentId: 'document-1@passerelle', bytes: content },
    { id: signed.signatureEntryUUID, contentId: 'signature@passerelle', bytes: signed.signature },
  ];
  return {
    bodyXml: buildProvideAndRegisterRequest({ metadata: signed.metadata, documents: parts.map(({ id, contentId }) => ({ id, contentId })) }),
    attachments: parts.map((part) => bufferAttachment(part.bytes, part.contentId, 'text/xml')),
  };
}
