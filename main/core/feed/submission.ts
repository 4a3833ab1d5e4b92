import { createHash } from 'node:crypto';

import { PasserelleError } from '../../../api/errors/index.js';
import type { Signer } from '../../../interop/signing/signer.js';
import { bufferAttachment, chunkedAttachment, type MtomAttachment } from '../../../interop/mtom/index.js';
import { CONTENT_TYPE_CODES, requireConcept } from '../../../interop/value-sets/index.js';
import { signSubmission } from '../../../interop/xades/index.js';
import {
  buildProvideAndRegisterRequest,
  formatDtm,
  newUrnUuid,
  withReplacement,
  type Author,
  type DocumentEntry,
  type SubmissionSet,
  submissionOf,
} from '../../../interop/xds/index.js';
import type { ProfessionalIdentity, SoftwareIdentity } from '../session/credentials.js';
import { newDocumentOid } from './patient-document.js';

/** The professional as an XDS author: her national id (XCN) and her practice structure (XON). */
export function xdsAuthor(identity: ProfessionalIdentity): Author {
  return {
    person: {
      id: identity.nationalId,
      familyName: identity.lastName,
      givenName: identity.firstName,
      assigningAuthority: '1.2.250.1.71.4.2.1',
      nameTypeCode: 'D',
      idType: 'IDNPS',
    },
    institutions: [
      {
        name: identity.structure.name,
        assigningAuthority: '1.2.250.1.71.4.2.2',
        idType: 'IDNST',
        id: identity.structure.id,
      },
    ],
    roles: [],
    specialties: [],
  };
}

/**
 * A submission set for a patient's record. The content type is JDV_J59's only sourced code (`04`,
 * content-type-codes.ts); the set's author is the document's when there is one, so that authorInstitution
 * agrees between set and entries as the DMP requires (dmp-protocol.md §4.3).
 */
export function submissionSetFor(
  patientId: DocumentEntry['patientId'],
  authors: readonly Author[],
  software: SoftwareIdentity,
  now: Date,
): SubmissionSet {
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
 * Bytes filed without being held whole (a level 1 CDA around a large PDF): written again, piece by piece, each
 * time they are read (for their digests, then for the MTOM part).
 */
export interface StreamedContent {
  readonly byteLength: number;
  chunks(): Iterable<Uint8Array>;
}

/** The exact bytes of a document filed: in memory, or written as they are read. */
export type FiledContent = Uint8Array | StreamedContent;

const piecesOf = (content: FiledContent): Iterable<Uint8Array> =>
  content instanceof Uint8Array ? [content] : content.chunks();

/** The digest of bytes filed, read piece by piece when they are streamed. */
export function digestOf(algorithm: 'sha1' | 'sha256', content: FiledContent): Buffer {
  const hash = createHash(algorithm);
  for (const chunk of piecesOf(content)) hash.update(chunk);
  return hash.digest();
}

/**
 * Both digests a filing needs, in one reading of the bytes: the SHA-1 of the DocumentEntry (XDS) and the SHA-256
 * the XAdES signature names. Streamed bytes are written once for both, not once each.
 */
export function contentDigests(content: FiledContent): { readonly sha1: Buffer; readonly sha256: Buffer } {
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  for (const chunk of piecesOf(content)) {
    sha1.update(chunk);
    sha256.update(chunk);
  }
  return { sha1: sha1.digest(), sha256: sha256.digest() };
}

/** Bytes filed as one buffer, written once from their pieces when they are streamed (what a queue keeps). */
export function filedBytes(content: FiledContent): Buffer {
  if (content instanceof Uint8Array) return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const bytes = Buffer.allocUnsafe(content.byteLength);
  let offset = 0;
  for (const chunk of content.chunks()) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  if (offset !== bytes.byteLength) throw new Error(`filed bytes: ${offset} written of ${bytes.byteLength}`);
  return bytes;
}

/** One document of a submission: its DocumentEntry and the exact bytes filed. */
export interface SubmittedDocument {
  readonly entry: DocumentEntry;
  readonly content: FiledContent;
  /** The bytes' SHA-256 when it is known already (computed when they were prepared), so as not to read them again. */
  readonly sha256?: Buffer;
}

export interface ProvideOptions {
  readonly signer: Signer;
  readonly software: SoftwareIdentity;
  readonly now: Date;
  /**
   * The submission set's author: who submits (in indirect mode the establishment's user, under the site's
   * structure). By default the first document's first author, as a professional filing her own document.
   */
  readonly authors?: readonly Author[];
  /** The document that the set's one document replaces (an RPLC association). */
  readonly replaces?: DocumentEntry;
}

/**
 * The ITI-41 request for the documents of ONE patient in one submission set (a single upload is a set of
 * one): one HasMember association per document (and the RPLC link when the one document replaces another),
 * ONE XAdES signature by `signer` whose manifest names the set and every document, and the documents and the
 * signature as MTOM parts (`document-1@passerelle`, `document-2@passerelle`…, `signature@passerelle`).
 * The registry stores the set whole or not at all. Documents of different patients, two documents under one
 * uniqueId, or a replacement in a set of several, are refused here: the DMP takes one patient per submission set.
 */
export async function provideSetRequest(
  documents: readonly SubmittedDocument[],
  options: ProvideOptions,
): Promise<ProvideRequest> {
  const [first] = documents;
  if (!first)
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: 'documentEntries',
      reason: 'a submission set holds at least one document',
    });
  const patient = first.entry.patientId;
  if (
    documents.some(
      ({ entry }) =>
        entry.patientId.id !== patient.id || entry.patientId.assigningAuthority !== patient.assigningAuthority,
    )
  ) {
    throw new PasserelleError('XDS_METADATA_INVALID', { field: 'patientId', reason: 'one patient per submission set' });
  }
  if (new Set(documents.map(({ entry }) => entry.uniqueId)).size !== documents.length) {
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: 'uniqueId',
      reason: 'two documents of the set have the same uniqueId',
    });
  }
  if (options.replaces && documents.length > 1) {
    throw new PasserelleError('XDS_METADATA_INVALID', {
      field: 'replaces',
      reason: 'a replacement is filed alone in its submission set',
    });
  }
  const { replaces } = options;
  const submissionSet = submissionSetFor(
    patient,
    options.authors ?? first.entry.authors.slice(0, 1),
    options.software,
    options.now,
  );
  const described = submissionOf(
    submissionSet,
    documents.map(({ entry }) => entry),
  );
  const metadata = replaces ? withReplacement(described, first.entry.entryUUID, replaces.entryUUID) : described;
  const digests = new Map(
    documents.map(({ entry, content, sha256 }) => [entry.uniqueId, sha256 ?? digestOf('sha256', content)]),
  );
  const signed = await signSubmission(metadata, digests, options.signer, {
    signingTime: options.now,
    signatureUniqueId: newDocumentOid(),
  });
  const parts = [
    ...documents.map(({ entry, content }, index) => ({
      id: entry.entryUUID,
      contentId: `document-${index + 1}@passerelle`,
      bytes: content,
    })),
    { id: signed.signatureEntryUUID, contentId: 'signature@passerelle', bytes: signed.signature },
  ];
  const attachment = ({ bytes, contentId }: (typeof parts)[number]): MtomAttachment =>
    bytes instanceof Uint8Array
      ? bufferAttachment(bytes, contentId, 'text/xml')
      : chunkedAttachment(() => bytes.chunks(), bytes.byteLength, contentId, 'text/xml');
  return {
    bodyXml: buildProvideAndRegisterRequest({
      metadata: signed.metadata,
      documents: parts.map(({ id, contentId }) => ({ id, contentId })),
    }),
    attachments: parts.map(attachment),
  };
}
