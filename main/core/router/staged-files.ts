import { randomUUID } from 'node:crypto';

import { PasserelleError } from '../../../api/errors/index.js';
import { readBodyWithin } from './read-body.js';

/** A file the UI handed over (dropped or chosen), held in memory until a method takes it. */
export interface StagedFile {
  readonly fileId: string;
  /** The file's own name, without any folder: its extension says what it is (.pdf, .txt, .xml, .csv, .json). */
  readonly name: string;
  readonly bytes: Buffer;
}

export interface StagedFilesOptions {
  /** Above any document limit a setting may choose: the desk applies the exact one. */
  readonly maxFileBytes?: number;
  /** All files held at once: a dropped folder of a day's discharge letters fits, a runaway page does not. */
  readonly maxTotalBytes?: number;
  /** A file nobody took by then is dropped: patient data does not linger in memory. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

const MiB = 1024 * 1024;

/** The largest file the UI may hand over; transports bound the body of `/api/files` with it. */
export const MAX_STAGED_FILE_BYTES = 64 * MiB;

/** Keeps the name a file had on the user's disk and nothing that could steer a path or a terminal. */
function cleanName(raw: string | null): string {
  let decoded = '';
  try {
    decoded = decodeURIComponent(raw ?? '');
  } catch {
    throw new PasserelleError('INVALID_INPUT', { reason: 'x-file-name is not percent-encoded UTF-8' });
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const name = (decoded.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..' || name.length > 255) {
    throw new PasserelleError('INVALID_INPUT', { reason: 'x-file-name must name a file (1 to 255 characters)' });
  }
  return name;
}

/**
 * Files sent by the renderer as raw bytes (`POST /api/files`), for the JSON methods that then name them by
 * `fileId` (a document to upload, a folder to import). Both transports carry them the same way, and the
 * bytes never touch the disk unencrypted: they stay in memory, each taken once, dropped after a while.
 */
export class StagedFiles {
  private readonly files = new Map<string, StagedFile & { readonly expires: number }>();
  private readonly maxFileBytes: number;
  private readonly maxTotalBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: StagedFilesOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? MAX_STAGED_FILE_BYTES;
    this.maxTotalBytes = options.maxTotalBytes ?? 512 * MiB;
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
    this.now = options.now ?? Date.now;
  }

  private held(): number {
    let total = 0;
    for (const file of this.files.values()) total += file.bytes.byteLength;
    return total;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, file] of this.files) if (file.expires <= now) this.files.delete(id);
  }

  /**
   * Reads the body of a `POST /api/files` (its method and Content-Type admitted on the head) within the room
   * left, refusing on the name and the declared length before reading any of it, and never reading more than
   * one chunk beyond the room.
   */
  async stage(request: Request): Promise<{ fileId: string; name: string; size: number }> {
    const name = cleanName(request.headers.get('x-file-name'));
    this.dropExpired();
    const room = Math.min(this.maxFileBytes, this.maxTotalBytes - this.held());
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > room) throw new PasserelleError('REQUEST_TOO_LARGE', { limit: room });
    const bytes = await readBodyWithin(request, room);
    const fileId = randomUUID();
    this.files.set(fileId, { fileId, name, bytes, expires: this.now() + this.ttlMs });
    return { fileId, name, size: bytes.byteLength };
  }

  /** Hands the file over and forgets it: a file is filed or imported once. */
  take(fileId: string): StagedFile {
    this.dropExpired();
    const file = this.files.get(fileId);
    if (!file) throw new PasserelleError('STAGED_FILE_UNKNOWN', { fileId: fileId.slice(0, 64) });
    this.files.delete(fileId);
    return { fileId: file.fileId, name: file.name, bytes: file.bytes };
  }

  clear(): void {
    this.files.clear();
  }
}
