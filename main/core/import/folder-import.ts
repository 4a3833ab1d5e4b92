import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

import { isPasserelleError, PasserelleError } from '../../../api/errors/index.js';
import { readCdaHeader, tsToUtcDtm, type Ii } from '../../../interop/cda/index.js';
import { checkDocumentPatient, newDocumentOid } from '../feed/patient-document.js';
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  documentSourceFromBytes,
  readDocumentSource,
  type DocumentSource,
} from '../feed/source-file.js';
import type { DurableQueue } from '../queue/durable-queue.js';
import { storedError, type StoredError } from '../queue/failure-class.js';
import { patientIdentityOf, type ItemSource, type QueuedDocument } from '../queue/queued-document.js';
import { checkEntry, type ManifestEntry } from './manifest-entry.js';
import {
  manifestFromBytes,
  readManifest,
  readSidecar,
  sidecarFromBytes,
  type Manifest,
  type RawEntry,
} from './manifest-file.js';

export interface ImportOptions {
  /** The largest document accepted, in bytes (the settings' maxDocumentBytes; 25 MB by default). */
  readonly maxDocumentBytes?: number;
  readonly now?: () => Date;
}

export interface ImportedItem {
  /** The queue item: the new one, or for a duplicate the one already there. */
  readonly id: string;
  readonly file: string;
  readonly manifest?: string;
  readonly line?: number;
}

export interface ImportResult {
  readonly queued: readonly ImportedItem[];
  /** Already queued or sent by an earlier import: nothing added. */
  readonly duplicates: readonly ImportedItem[];
  readonly toFix: readonly (ImportedItem & { readonly error: StoredError })[];
}

interface Collector {
  queued: ImportedItem[];
  duplicates: ImportedItem[];
  toFix: (ImportedItem & { error: StoredError })[];
}

const DOCUMENT_EXTENSIONS = new Set(['.pdf', '.xml', '.txt']);
const SIDECAR = /\.(pdf|xml|txt)\.json$/i;

/**
 * Imports the documents a manifest (CSV or JSON) describes, each file named relative to the manifest's folder.
 * Each entry is checked, then its file (see `importEntry`); good ones are queued (once: see the queue's
 * idempotence key), bad ones recorded "to fix" with their reason, and the import goes on. A manifest that
 * cannot be read at all is an error.
 */
export async function importManifest(
  queue: DurableQueue,
  manifestPath: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const collector: Collector = { queued: [], duplicates: [], toFix: [] };
  const path = resolve(manifestPath);
  const name = basename(path);
  const files = await diskFiles(dirname(path));
  const real = await files.locate(path);
  if (real === undefined) throw new PasserelleError('IMPORT_LINK_OUTSIDE_FOLDER', { file: name });
  const manifest = await files.manifest(name, real);
  for (const entry of manifest.entries)
    await importEntry(queue, entry, manifest.format, name, collector, options, files);
  return collector;
}

/** The files of a batch as the import reads them: a folder on disk, or files held in memory. */
interface BatchFiles {
  readonly root: string;
  /**
   * Where a path of the batch really is, its links followed: undefined when they lead outside the batch
   * folder, the path itself when it does not exist (reading it then says so).
   */
  readonly locate: (path: string) => Promise<string | undefined>;
  /** Reads the manifest or sidecar `name` of the batch from `path`, where it really is. */
  readonly manifest: (name: string, path: string) => Promise<Manifest>;
  readonly sidecar: (name: string, path: string) => Promise<Record<string, unknown>>;
  readonly document: (path: string, maxBytes: number) => Promise<DocumentSource>;
}

/** Whether `path` is strictly inside `folder` (both absolute), by their names alone. */
function isInside(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/**
 * A batch folder on disk. Links are followed while they stay inside it, but a file or folder whose real path
 * is not under the folder's own real path is never read: a batch folder is often a share that other software
 * writes to, and a link there must not make Passerelle read a file from elsewhere on the disk and send it to a
 * patient's record (or quote it in a reason). What is read is the real path that was checked.
 */
async function diskFiles(folder: string): Promise<BatchFiles> {
  const root = resolve(folder);
  const realRoot = await realpath(root).catch(() => root);
  return {
    root,
    locate: async (path) => {
      let real: string;
      try {
        real = await realpath(path);
      } catch {
        return path;
      }
      return isInside(realRoot, real) ? real : undefined;
    },
    manifest: (name, path) => readManifest(path, name),
    sidecar: (name, path) => readSidecar(path, name),
    document: readDocumentSource,
  };
}

const linkOutside = (file: string, line?: number): StoredError => ({
  code: 'IMPORT_LINK_OUTSIDE_FOLDER',
  details: { ...(line === undefined ? {} : { line }), file },
});

/**
 * A one-shot import of a folder as a hospital's software leaves it: every `.csv` and `.json` file at its top
 * is a manifest, except `NAME.pdf.json` (`.xml.json`, `.txt.json`), the sidecar that describes the document
 * `NAME.pdf` beside it. A document at the top that no manifest line or sidecar describes is reported "to fix".
 * A manifest that cannot be read is reported "to fix" too, so that one bad file does not stop the others.
 */
export async function importFolder(
  queue: DurableQueue,
  folder: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const files = await diskFiles(folder);
  let names: string[];
  try {
    // Links too: where each leads is checked before it is read.
    names = (await readdir(files.root, { withFileTypes: true }))
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => e.name)
      .sort();
  } catch (cause) {
    throw new PasserelleError(
      'FILE_UNREADABLE',
      { path: basename(files.root), reason: (cause as NodeJS.ErrnoException).code ?? 'error' },
      { cause },
    );
  }
  return importBatch(queue, files, names, options);
}

/** A file of a batch held in memory: its name (no folder) and its bytes. */
export interface BatchFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/**
 * As {@link importFolder}, for a folder's files already in memory (dropped in the window): nothing is written
 * to disk but the queue, which seals what it keeps. The files are named by their base name only, as at the top
 * of a folder; two files of the same name are refused.
 */
export async function importFiles(
  queue: DurableQueue,
  files: readonly BatchFile[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  // A root no disk path can reach: the entries' `file` resolve inside it, and only the files given are found.
  const root = resolve('/', 'passerelle-dropped-batch');
  const byPath = new Map<string, BatchFile>();
  for (const file of files) {
    const name = basename(file.name);
    if (byPath.has(join(root, name))) throw new PasserelleError('IMPORT_FILE_TWICE', { file: name });
    byPath.set(join(root, name), { name, bytes: file.bytes });
  }
  const bytesOf = (path: string): BatchFile => {
    const file = byPath.get(path);
    if (!file) throw new PasserelleError('FILE_NOT_FOUND', { path: basename(path) });
    return file;
  };
  return importBatch(
    queue,
    {
      root,
      // Files in memory have no links: each path is where it is.
      locate: (path) => Promise.resolve(path),
      // Thrown inside a promise, as reading a file would fail: each caller's catch then sees it the same way.
      manifest: (name, path) => inPromise(() => manifestFromBytes(name, bytesOf(path).bytes)),
      sidecar: (name, path) => inPromise(() => sidecarFromBytes(name, bytesOf(path).bytes)),
      document: (path, maxBytes) =>
        inPromise(() => {
          const file = bytesOf(path);
          return documentSourceFromBytes(file.name, file.bytes, maxBytes);
        }),
    },
    [...byPath.values()].map((f) => f.name).sort(),
    options,
  );
}

const inPromise = <T>(run: () => T): Promise<T> => Promise.resolve().then(run);

/** Imports a batch whose top holds `names` (sorted): see {@link importFolder}. */
async function importBatch(
  queue: DurableQueue,
  files: BatchFiles,
  names: readonly string[],
  options: ImportOptions,
): Promise<ImportResult> {
  const { root } = files;
  const collector: Collector = { queued: [], duplicates: [], toFix: [] };
  const described = new Set<string>();
  for (const name of names.filter((n) => /\.(csv|json)$/i.test(n) && !SIDECAR.test(n))) {
    const real = await files.locate(join(root, name));
    if (real === undefined) {
      record(queue, collector, { file: name, path: join(root, name) }, linkOutside(name));
      continue;
    }
    let manifest;
    try {
      manifest = await files.manifest(name, real);
    } catch (error) {
      if (!isPasserelleError(error)) throw error;
      record(queue, collector, { file: name, path: join(root, name) }, storedError(error));
      continue;
    }
    queue.dismissToFix({ file: name, path: join(root, name) });
    for (const entry of manifest.entries) {
      const file = fileOf(entry.raw);
      if (file !== undefined) described.add(resolve(root, file));
      await importEntry(queue, entry, manifest.format, name, collector, options, files);
    }
  }
  for (const name of names.filter((n) => SIDECAR.test(n))) {
    const documentName = name.slice(0, -'.json'.length);
    described.add(join(root, documentName));
    const real = await files.locate(join(root, name));
    if (real === undefined) {
      record(queue, collector, { file: documentName, path: join(root, documentName) }, linkOutside(name));
      continue;
    }
    let raw: Record<string, unknown>;
    try {
      raw = await files.sidecar(name, real);
    } catch (error) {
      if (!isPasserelleError(error)) throw error;
      record(queue, collector, { file: documentName, path: join(root, documentName) }, storedError(error));
      continue;
    }
    await importEntry(queue, { line: 1, raw }, 'json', name, collector, options, files);
  }
  for (const name of names.filter((n) => DOCUMENT_EXTENSIONS.has(extname(n).toLowerCase()))) {
    const path = join(root, name);
    if (described.has(path)) continue;
    const error: StoredError =
      (await files.locate(path)) === undefined
        ? linkOutside(name)
        : { code: 'IMPORT_DOCUMENT_UNDESCRIBED', details: { file: name } };
    record(queue, collector, { file: name, path }, error);
  }
  return collector;
}

function fileOf(raw: unknown): string | undefined {
  const file = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).file : undefined;
  return typeof file === 'string' && file.trim() !== '' ? file.trim() : undefined;
}

/**
 * One entry: its fields (manifest-entry.ts), a file inside the manifest's folder — by its name, then by where
 * its links lead —, the file itself (feed/source-file.ts: not empty, not too large, a real and readable PDF,
 * UTF-8 text or XML), and for a CDA its header, which must name the same patient with the same traits and the
 * same type. A PDF or a text gets new ids here; a CDA keeps its own: the uniqueId is fixed before it reaches
 * the queue.
 */
async function importEntry(
  queue: DurableQueue,
  entry: RawEntry,
  format: 'csv' | 'json',
  manifestName: string,
  collector: Collector,
  options: ImportOptions,
  files: BatchFiles,
): Promise<void> {
  const file = fileOf(entry.raw);
  const path = file === undefined ? undefined : resolve(files.root, file);
  const source: ItemSource = {
    file: file === undefined ? '' : basename(file),
    ...(path ? { path } : {}),
    manifest: manifestName,
    line: entry.line,
  };
  const checked = checkEntry(entry.raw, entry.line, format);
  if (!checked.ok) return record(queue, collector, source, checked.error, entry.raw);
  if (!isInside(files.root, path!)) {
    return record(
      queue,
      collector,
      source,
      { code: 'IMPORT_FILE_OUTSIDE_FOLDER', details: { line: entry.line } },
      entry.raw,
    );
  }
  const real = await files.locate(path!);
  if (real === undefined) return record(queue, collector, source, linkOutside(file!, entry.line), entry.raw);
  try {
    const prepared = await documentFor(real, checked.entry, entry.line, options, files.document);
    const result = queue.enqueue({ ...prepared, source });
    const item = { id: result.id, file: source.file, manifest: manifestName, line: entry.line };
    (result.status === 'queued' ? collector.queued : collector.duplicates).push(item);
  } catch (error) {
    // A queue that cannot be written stops the import: nothing could be recorded, not even "to fix".
    if (!isPasserelleError(error) || error.code === 'QUEUE_STORAGE_FAILED') throw error;
    record(queue, collector, source, storedError(error), entry.raw);
  }
}

async function documentFor(
  path: string,
  entry: ManifestEntry,
  line: number,
  options: ImportOptions,
  read: BatchFiles['document'],
) {
  const source: DocumentSource = await read(path, options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES);
  const now = (options.now ?? (() => new Date()))();
  if (source.kind !== 'cda') {
    const content = source.kind === 'pdf' ? source.bytes : Buffer.from(source.text, 'utf8');
    const document: QueuedDocument = { ...entry.document, kind: source.kind };
    return { document, content, documentId: newDocumentOid(), setId: newDocumentOid(), effectiveTime: now };
  }
  const header = readCdaHeader(source.xml);
  checkDocumentPatient(header, patientIdentityOf(entry.document));
  if (header.document.typeCode.code !== entry.document.typeCode) {
    throw new PasserelleError('DOCUMENT_TYPE_DIFFERS', {
      line,
      stated: entry.document.typeCode,
      found: header.document.typeCode.code,
    });
  }
  const document: QueuedDocument = { ...entry.document, kind: 'cda' };
  return {
    document,
    content: source.bytes,
    documentId: iiText(header.document.id),
    setId: iiText(header.document.setId),
    effectiveTime: dateOfTs(header.document.effectiveTime) ?? now,
  };
}

/** An instance identifier as XDS writes a uniqueId: `root`, or `root^extension`. */
const iiText = (ii: Ii): string => (ii.extension ? `${ii.root}^${ii.extension}` : ii.root);

function dateOfTs(ts: string): Date | undefined {
  const dtm = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?/.exec(tsToUtcDtm(ts));
  if (!dtm) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = dtm;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

function record(
  queue: DurableQueue,
  collector: Collector,
  source: ItemSource,
  error: StoredError,
  raw?: unknown,
): void {
  const rawRecord =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const { id } = queue.recordToFix({ source, error, ...(rawRecord ? { raw: rawRecord } : {}) });
  collector.toFix.push({
    id,
    file: source.file,
    ...(source.manifest ? { manifest: source.manifest } : {}),
    ...(source.line ? { line: source.line } : {}),
    error,
  });
}

/** Whether a path is a folder (the CLI's `batch import <folder|manifest>`). */
export async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The command's `batch import <folder|manifest>` and the API's path source: a folder, else one manifest. */
export async function importPath(
  queue: DurableQueue,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const target = resolve(path);
  return (await isFolder(target)) ? importFolder(queue, target, options) : importManifest(queue, target, options);
}
