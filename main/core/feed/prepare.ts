import type { DocumentCheck } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import {
  documentEntryFromCda,
  readCda,
  xdsUniqueId,
  type CdaHeader,
  type ReadCda,
} from '../../../interop/cda/index.js';
import type { VisibilityCode } from '../../../interop/value-sets/confidentiality-codes.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import type { ProfessionalIdentity } from '../session/credentials.js';
import type { DocumentChecker } from './document-check.js';
import {
  checkDocumentPatient,
  requireQualified,
  wrapForPatientBytes,
  wrapPdfForPatient,
  type WrapOptions,
} from './patient-document.js';
import { DocumentRulesError } from './rules-failure.js';
import type { DocumentSource } from './source-file.js';
import { contentDigests, type FiledContent, type SubmittedDocument } from './submission.js';

/** One document to file, before anything is built. */
export interface PrepareInput {
  /** Who the document is about: a qualified identity, whose INS and traits the document's header must state. */
  readonly patient: PatientIdentity;
  readonly source: DocumentSource;
  /**
   * How a PDF or a text is wrapped in a level 1 CDA: its author and the document's facts (type, title, ids,
   * dates). A CDA from another software states all this itself; a PDF or a text without it is refused
   * (DOCUMENT_TYPE_REQUIRED: its type is what the wrapping needs first).
   */
  readonly wrap?: { readonly author: ProfessionalIdentity; readonly options: WrapOptions };
  /** The DMP visibility flags filed beside the document's confidentiality level. */
  readonly visibility?: readonly VisibilityCode[];
  /** The uniqueId the document must have: a queued document's, fixed when it was queued. */
  readonly uniqueId?: string;
}

/** What every document is held to before it leaves: the installation's checks and its size limit. */
export interface PrepareRules {
  readonly checker: DocumentChecker;
  readonly maxDocumentBytes: number;
}

/** A document ready to be submitted: nothing about it is read, built or checked again. */
export interface PreparedDocument extends SubmittedDocument {
  readonly sha256: Buffer;
  /** Its header, as read from the one parse of the document (a copy that holds none of the document's text). */
  readonly header: CdaHeader;
  readonly check: DocumentCheck;
}

/**
 * Prepares one document for filing, the same way for an upload and for a batch item: builds the bytes filed
 * (a PDF's level 1 CDA written as it is read, never held as one text; a text's CDA; a CDA from another software
 * as its exact bytes, a byte-order mark included), parses the CDA ONCE, and on that one reading checks the
 * patient (her qualified INS and traits against the header), the uniqueId when one is expected, the size, and
 * the rules (ours and the official ones when configured), then derives the DocumentEntry, whose hash and size
 * are those of the bytes filed. Typed errors say what is refused; DOCUMENT_RULES_FAILED keeps every finding.
 */
export async function prepare(input: PrepareInput, rules: PrepareRules): Promise<PreparedDocument> {
  const { patient, source } = input;
  requireQualified(patient);
  const { read, content } = documentOf(input);
  checkDocumentPatient(read.header, patient);
  if (input.uniqueId !== undefined && xdsUniqueId(read.header.document.id) !== input.uniqueId)
    throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'the document id differs from the queued one' });
  if (content.byteLength > rules.maxDocumentBytes) {
    throw new PasserelleError('DOCUMENT_TOO_LARGE', {
      file: source.file,
      size: content.byteLength,
      limit: rules.maxDocumentBytes,
    });
  }
  const check = await rules.checker.check(read);
  if (!check.valid) throw new DocumentRulesError(check);
  const { sha1, sha256 } = contentDigests(content);
  // A copy: the strings read from the CDA are views on its whole text (tens of MB for a large document), which
  // whatever keeps the prepared document (a feed's memory of what it filed, a batch until its send) would keep.
  const header = structuredClone(read.header);
  const entry = {
    ...documentEntryFromCda(header, {
      content: new Uint8Array(0),
      ...(input.visibility ? { visibility: input.visibility } : {}),
    }),
    hash: sha1.toString('hex'),
    size: content.byteLength,
  };
  return { content, sha256, header, entry, check };
}

/** The CDA as read (parsed once) and as the bytes filed. */
function documentOf({ patient, source, wrap }: PrepareInput): { read: ReadCda; content: FiledContent } {
  if (source.kind === 'cda') return { read: source.read ?? readCda(source.xml), content: source.bytes };
  if (!wrap) throw new PasserelleError('DOCUMENT_TYPE_REQUIRED');
  if (source.kind === 'pdf') {
    // The text read is the document around the PDF's first bytes only (patient-document.ts says why it is the
    // same document to read); the bytes filed hold the whole PDF, written into them each time they are read.
    const { text, content } = wrapPdfForPatient(source.bytes, patient, wrap.author, wrap.options);
    return { read: readCda(text), content };
  }
  const content = wrapForPatientBytes({ kind: 'text', text: source.text }, patient, wrap.author, wrap.options);
  return { read: readCda(content.toString('utf8')), content };
}
