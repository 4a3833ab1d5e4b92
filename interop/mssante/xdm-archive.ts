import { PasserelleError } from '../../api/errors/index.js';
import { escapeHtml } from '../html/escape-html.js';
import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * The IHE XDM archive (ITI-32) MSSanté carries documents in (mes-services.md §3): `INDEX.HTM` and `README.TXT` at
 * the root, and one submission set under `IHE_XDM/SUBSET01/`: its `METADATA.XML` (an ebRS SubmitObjectsRequest)
 * beside the documents it names.
 */

export const XDM_INDEX = 'INDEX.HTM';
export const XDM_README = 'README.TXT';
export const XDM_SUBSET = 'IHE_XDM/SUBSET01/';
export const XDM_METADATA = `${XDM_SUBSET}METADATA.XML`;
/** The media type an XDM archive is attached with. */
export const XDM_MEDIA_TYPE = 'application/zip';

/** One document of the subset: its file name (the DocumentEntry's `URI`) and its bytes. */
export interface XdmDocument {
  readonly name: string;
  readonly bytes: Buffer;
}

export interface XdmContent {
  readonly metadataXml: string;
  readonly documents: readonly XdmDocument[];
  /** Who made the archive, for README.TXT (ITI-32 asks for the sender's software and contact). */
  readonly software: { readonly name: string; readonly version: string };
}

/** The names documents get in the subset: `DOC0001.XML`, `DOC0002.PDF`… (8.3 names, as ITI-32 recommends). */
export function xdmDocumentName(index: number, extension: 'XML' | 'PDF'): string {
  return `DOC${String(index + 1).padStart(4, '0')}.${extension}`;
}

function readme(content: XdmContent): string {
  return [
    `Archive IHE XDM (ITI-32) produite par ${content.software.name} ${content.software.version}.`,
    `IHE XDM archive (ITI-32) made by ${content.software.name} ${content.software.version}.`,
    '',
    `Métadonnées / metadata: ${XDM_METADATA}`,
    ...content.documents.map((document) => `Document: ${XDM_SUBSET}${document.name}`),
    '',
  ].join('\r\n');
}

function index(content: XdmContent): string {
  const links = content.documents
    .map((d) => `<li><a href="${escapeHtml(XDM_SUBSET + d.name)}">${escapeHtml(d.name)}</a></li>`)
    .join('');
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>IHE XDM</title></head><body><h1>Documents</h1><ul>${links}</ul><p><a href="${XDM_README}">${XDM_README}</a></p></body></html>`;
}

/** The archive's bytes. Entries get a fixed date: the same content makes the same archive. */
export function buildXdmArchive(content: XdmContent): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2000, 0, 1));
  zip.addBuffer(Buffer.from(index(content), 'utf8'), XDM_INDEX, { mtime });
  zip.addBuffer(Buffer.from(readme(content), 'utf8'), XDM_README, { mtime });
  zip.addBuffer(Buffer.from(content.metadataXml, 'utf8'), XDM_METADATA, { mtime });
  for (const document of content.documents) zip.addBuffer(document.bytes, `${XDM_SUBSET}${document.name}`, { mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export interface XdmLimits {
  readonly maxEntries: number;
  /** The most bytes all entries may hold once inflated (an archive inflating far beyond its size is refused). */
  readonly maxBytes: number;
}

const DEFAULT_LIMITS: XdmLimits = { maxEntries: 64, maxBytes: 64 * 1024 * 1024 };

const invalid = (reason: string): PasserelleError => new PasserelleError('XDM_INVALID', { reason });

/** A path inside the archive that stays inside it: no absolute path, no `..`, no backslash. */
function safeName(name: string): boolean {
  return !name.startsWith('/') && !name.includes('\\') && !name.split('/').includes('..') && !name.includes('\0');
}

/**
 * Reads an XDM archive: every file by its path, within the limits (number of entries, inflated bytes counted as
 * they inflate, not as the archive declares them), and checks its layout: INDEX.HTM, README.TXT and the
 * subset's METADATA.XML present, no path leading out of it.
 */
export async function readXdmArchive(bytes: Buffer, limits: XdmLimits = DEFAULT_LIMITS): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error || !file ? reject(invalid('not a zip archive')) : resolve(file),
    ),
  );
  const files = new Map<string, Buffer>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: PasserelleError): void => {
      zip.close();
      reject(error);
    };
    zip.on('error', () => fail(invalid('damaged zip archive')));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (files.size >= limits.maxEntries) return fail(invalid(`more than ${limits.maxEntries} files`));
      if (!safeName(entry.fileName)) return fail(invalid('a file name leads out of the archive'));
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(invalid('damaged zip entry'));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          total += chunk.byteLength;
          if (total > limits.maxBytes) {
            stream.destroy();
            fail(invalid(`more than ${limits.maxBytes} bytes once inflated`));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', () => fail(invalid('damaged zip entry')));
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  for (const required of [XDM_INDEX, XDM_README, XDM_METADATA])
    if (!files.has(required)) throw invalid(`${required} is missing`);
  return files;
}
