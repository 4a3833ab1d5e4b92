import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';
import { readCda, type ReadCda } from '../../../interop/cda/index.js';

/** The DMP's documented ceiling for one document, and Passerelle's default (configurable). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/**
 * What a professional hands over to be filed: a PDF or a text to wrap in a CDA, or a CDA her software wrote.
 * A CDA keeps its bytes, which are what is filed and hashed (a byte-order mark included), and its text, which
 * is what is read and checked; once read ({@link readUploadSource}), its reading too, so that filing it does
 * not parse it again.
 */
export type DocumentSource =
  | { readonly kind: 'pdf'; readonly file: string; readonly bytes: Buffer }
  | { readonly kind: 'text'; readonly file: string; readonly text: string }
  | {
      readonly kind: 'cda';
      readonly file: string;
      readonly xml: string;
      readonly bytes: Buffer;
      readonly read?: ReadCda;
    };

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * Reads a file to file and refuses, before anything is built or sent, what would reach the record broken:
 * an empty file, one above the limit (checked on its size, so a huge file is never read), a "PDF" that is
 * not one, a damaged or cut PDF, an encrypted PDF (unreadable for the patient) or one without a page, a text
 * that is not UTF-8.
 * The kind comes from the extension; the content must then agree with it.
 */
export async function readDocumentSource(
  path: string,
  maxBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
): Promise<DocumentSource> {
  const file = basename(path);
  kindOf(file);
  return documentSourceFromBytes(file, await readBounded(path, file, maxBytes), maxBytes);
}

function kindOf(file: string): DocumentSource['kind'] {
  const kind = ({ '.pdf': 'pdf', '.txt': 'text', '.xml': 'cda' } as const)[extname(file).toLowerCase()];
  if (!kind) throw new PasserelleError('DOCUMENT_SOURCE_UNSUPPORTED', { file });
  return kind;
}

/** As {@link readDocumentSource}, for bytes already in memory (a file dropped in the window). */
export function documentSourceFromBytes(
  file: string,
  bytes: Buffer,
  maxBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
): DocumentSource {
  const kind = kindOf(file);
  if (bytes.byteLength === 0) throw new PasserelleError('DOCUMENT_FILE_EMPTY', { file });
  if (bytes.byteLength > maxBytes)
    throw new PasserelleError('DOCUMENT_TOO_LARGE', { file, size: bytes.byteLength, limit: maxBytes });
  if (kind === 'pdf') checkPdf(bytes, file);
  return sourceOfKind(kind, file, bytes);
}

/**
 * A file's bytes as the source of its kind: a PDF as they are, a text or a CDA decoded (UTF-8, or refused).
 * What a queued document's bytes become, checked as {@link documentSourceFromBytes} does when it was imported.
 */
export function sourceOfKind(kind: DocumentSource['kind'], file: string, bytes: Buffer): DocumentSource {
  if (kind === 'pdf') return { kind, file, bytes };
  const text = decodeUtf8(bytes);
  if (kind === 'text') {
    if (text === undefined || text.trim() === '') throw new PasserelleError('TEXT_INVALID', { file });
    return { kind, file, text };
  }
  if (text === undefined) throw new PasserelleError('XML_MALFORMED', { reason: 'the file is not UTF-8' });
  return { kind, file, xml: text, bytes };
}

/**
 * A file about to be filed: as {@link readDocumentSource}, and a CDA parsed and its header read now (safely: no
 * DTD, no entity), so that broken XML or a header without its patient is refused before any card or platform
 * is used; the source keeps that reading for the filing.
 */
export async function readUploadSource(
  path: string,
  maxBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
): Promise<DocumentSource> {
  return withHeaderRead(await readDocumentSource(path, maxBytes));
}

/** As {@link readUploadSource}, for bytes already in memory. */
export function uploadSourceFromBytes(
  file: string,
  bytes: Buffer,
  maxBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
): DocumentSource {
  return withHeaderRead(documentSourceFromBytes(file, bytes, maxBytes));
}

function withHeaderRead(source: DocumentSource): DocumentSource {
  return source.kind === 'cda' ? { ...source, read: readCda(source.xml) } : source;
}

async function readBounded(path: string, file: string, maxBytes: number): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT')
      throw new PasserelleError('FILE_NOT_FOUND', { path: file }, { cause });
    throw new PasserelleError(
      'FILE_UNREADABLE',
      { path: file, reason: (cause as NodeJS.ErrnoException).code ?? 'error' },
      { cause },
    );
  }
  if (size === 0) throw new PasserelleError('DOCUMENT_FILE_EMPTY', { file });
  if (size > maxBytes) throw new PasserelleError('DOCUMENT_TOO_LARGE', { file, size, limit: maxBytes });
  const handle = await open(path, 'r');
  try {
    // Read at most one byte beyond the limit: a file growing while read is caught, not loaded whole.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes)
      throw new PasserelleError('DOCUMENT_TOO_LARGE', { file, size: bytesRead, limit: maxBytes });
    if (bytesRead === 0) throw new PasserelleError('DOCUMENT_FILE_EMPTY', { file });
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A PDF's readability, from its bytes alone (no PDF library here): the header, the end-of-file marker, an
 * `/Encrypt` dictionary in a trailer, and at least one `/Type /Page` object (`/Pages` is the tree, not a
 * page). Page objects packed in compressed object streams (`/ObjStm`, PDF 1.5) cannot be seen this way, so
 * such a file is given the benefit of the doubt rather than refused. The bytes are searched where they are: a
 * copy as text would cost the file's size again (25 MB at the limit).
 *
 * The end is checked first: a file cut short (a copy or a download interrupted) has lost its end-of-file
 * marker, and often its pages too, which must not make it "a PDF without a page".
 */
function checkPdf(bytes: Buffer, file: string): void {
  if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw new PasserelleError('PDF_INVALID', { file });
  if (!bytes.subarray(-PDF_END_WINDOW).includes(PDF_END)) throw new PasserelleError('PDF_DAMAGED', { file });
  if (hasEncryptDictionary(bytes)) throw new PasserelleError('PDF_ENCRYPTED', { file });
  if (!hasPageObject(bytes) && !bytes.includes(OBJECT_STREAM)) throw new PasserelleError('PDF_EMPTY', { file });
}

/**
 * The end-of-file marker of a complete PDF (ISO 32000-1 §7.5.5), and how far from the end readers look for it:
 * the last 1024 bytes, as Acrobat does (some writers leave a few bytes after it).
 */
const PDF_END = Buffer.from('%%EOF', 'latin1');
const PDF_END_WINDOW = 1024;
const ENCRYPT = Buffer.from('/Encrypt', 'latin1');
const TYPE = Buffer.from('/Type', 'latin1');
const PAGE = Buffer.from('/Page', 'latin1');
const OBJECT_STREAM = Buffer.from('/ObjStm', 'latin1');

/** What `\s` matches among the 256 characters a byte reads as in Latin-1. */
function isSpace(byte: number): boolean {
  return (byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0xa0;
}

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/** `/Encrypt` followed by a space, `/` or `<` (a name, not `/EncryptMetadata`). */
function hasEncryptDictionary(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(ENCRYPT); at >= 0; at = bytes.indexOf(ENCRYPT, at + 1)) {
    const next = bytes[at + ENCRYPT.length];
    if (next !== undefined && (isSpace(next) || next === 0x2f || next === 0x3c)) return true;
  }
  return false;
}

/** `/Type`, spaces or none, then `/Page` not followed by a letter (`/Pages` is the tree). */
function hasPageObject(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(TYPE); at >= 0; at = bytes.indexOf(TYPE, at + 1)) {
    let value = at + TYPE.length;
    while (value < bytes.length && isSpace(bytes[value]!)) value += 1;
    if (!bytes.subarray(value, value + PAGE.length).equals(PAGE)) continue;
    const next = bytes[value + PAGE.length];
    if (next === undefined || !isLetter(next)) return true;
  }
  return false;
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}
