import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import { parseCsv } from './csv-table.js';
import { MANIFEST_FIELDS } from './manifest-entry.js';

/** One entry of a manifest as read, not yet checked, with its line (CSV) or its position (JSON, from 1). */
export interface RawEntry {
  readonly line: number;
  readonly raw: unknown;
}

export interface Manifest {
  readonly format: 'csv' | 'json';
  readonly entries: readonly RawEntry[];
}

/** A manifest larger than this is not a day's batch but a mistake (a document renamed .csv). */
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

const JsonManifestSchema = z.object({ version: z.literal(1).optional(), documents: z.array(z.unknown()) });

/**
 * Reads a manifest, CSV or JSON by its extension, into raw entries. What makes the whole file unusable (not
 * readable, not JSON, no `documents`, a CSV without the header line, an unknown column) is an error naming
 * the file (`file`: the name it has in the batch, when `path` is where a link inside the batch leads); a bad
 * entry is not, it is reported on its own by the checks.
 */
export async function readManifest(path: string, file = basename(path)): Promise<Manifest> {
  manifestExtension(file);
  return manifestFromText(file, await readText(path, file));
}

/** As {@link readManifest}, for a manifest already in memory (a folder dropped in the window). */
export function manifestFromBytes(file: string, bytes: Buffer): Manifest {
  manifestExtension(file);
  return manifestFromText(file, decodeManifest(bytes, file));
}

/** As {@link readSidecar}, for a sidecar already in memory. */
export function sidecarFromBytes(file: string, bytes: Buffer): Record<string, unknown> {
  return sidecarFromText(file, decodeManifest(bytes, file));
}

function manifestExtension(file: string): '.csv' | '.json' {
  const extension = extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.json')
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', { file, reason: 'extension .csv or .json expected' });
  return extension;
}

function manifestFromText(file: string, text: string): Manifest {
  return manifestExtension(file) === '.json' ? jsonManifest(text, file) : csvManifest(text, file);
}

/** A sidecar (`NAME.pdf.json`, its name in the batch `file`): one entry as a JSON object, its `file` implied by its own name. */
export async function readSidecar(path: string, file = basename(path)): Promise<Record<string, unknown>> {
  return sidecarFromText(file, await readText(path, file));
}

function sidecarFromText(file: string, text: string): Record<string, unknown> {
  const json = parseJson(text, file);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', {
      file,
      reason: 'one JSON object describing the document expected',
    });
  }
  return { ...(json as Record<string, unknown>), file: file.slice(0, -'.json'.length) };
}

async function readText(path: string, file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new PasserelleError(
      'MANIFEST_UNREADABLE',
      { file, reason: (cause as NodeJS.ErrnoException).code ?? 'error' },
      { cause },
    );
  }
  return decodeManifest(bytes, file);
}

function decodeManifest(bytes: Buffer, file: string): string {
  if (bytes.length > MAX_MANIFEST_BYTES)
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', { file, reason: `larger than ${MAX_MANIFEST_BYTES} bytes` });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', { file, reason: 'not UTF-8 text' }, { cause });
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (cause) {
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', { file, reason: 'not JSON' }, { cause });
  }
}

function jsonManifest(text: string, file: string): Manifest {
  const json = parseJson(text, file);
  const parsed = JsonManifestSchema.safeParse(json);
  if (!parsed.success)
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', {
      file,
      reason: 'an object with a "documents" array (and "version": 1) expected',
    });
  return { format: 'json', entries: parsed.data.documents.map((raw, index) => ({ line: index + 1, raw })) };
}

const COLUMNS = new Map<string, string>(MANIFEST_FIELDS.map(([json, csv]) => [csv, json]));

function csvManifest(text: string, file: string): Manifest {
  const reading = parseCsv(text);
  if ('error' in reading)
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', {
      file,
      reason: `line ${reading.error.line}: ${reading.error.reason}`,
    });
  const [header, ...rows] = reading.records;
  if (!header) throw new PasserelleError('MANIFEST_FORMAT_INVALID', { file, reason: 'empty file' });
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const unknown = names.find((name) => !COLUMNS.has(name));
  if (unknown !== undefined)
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', { file, reason: `unknown column "${unknown.slice(0, 40)}"` });
  if (!names.includes('file'))
    throw new PasserelleError('MANIFEST_FORMAT_INVALID', {
      file,
      reason: 'the header line (file;ins_matricule;…) is missing',
    });
  const entries = rows.map((row): RawEntry => {
    const raw: Record<string, unknown> = {};
    names.forEach((name, index) => {
      const value = row.cells[index];
      if (value === undefined || value.trim() === '') return;
      const path = COLUMNS.get(name)!.split('.');
      let node = raw;
      for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
      node[path.at(-1)!] = value;
    });
    return { line: row.line, raw };
  });
  return { format: 'csv', entries };
}
