import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  writevSync,
} from 'node:fs';
import { join } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';
import { FsyncThread, type PendingSync } from './fsync-thread.js';

const SEGMENT_MAGIC = Buffer.from('PQL1', 'ascii');
const RECORD_MAGIC = 0x50515231; // "PQR1"
/** A record's prefix: magic, header length, payload length (u32 each, big-endian). */
const PREFIX_BYTES = 12;
/** A segment is closed and the next one started past this size, so that no file grows without end. */
const SEGMENT_BYTES = 64 * 1024 * 1024;

export interface PayloadLogOptions {
  /** Past this size a writer starts a new segment (default 64 MB). */
  readonly segmentBytes?: number;
}
const MAX_HEADER_BYTES = 1024 * 1024;
const SEGMENT_NAME = /^[0-9a-f-]{36}\.log$/;

interface OpenSegment {
  readonly name: string;
  readonly fd: number;
  size: number;
  readonly dataStart: number;
}

/** Where an appended payload lies: its segment, where its record starts, and the payload's own bytes. */
export interface LoggedPayload {
  readonly segment: string;
  readonly recordStart: number;
  readonly offset: number;
  readonly length: number;
}

/** A segment found on disk: the owner that wrote it (undefined when its first bytes are not ours) and its size. */
export interface LogSegment {
  readonly name: string;
  readonly owner: string | undefined;
  readonly size: number;
  /** Where its first record starts. */
  readonly dataStart: number;
}

/** A record just written: durable once `durable()` returns (the disk is synced on another thread meanwhile). */
export interface AppendedPayload extends LoggedPayload {
  durable(): void;
}

/** A complete record read back: its header, and where its payload lies (not read until asked). */
export interface LogRecord {
  readonly header: Buffer;
  readonly payload: LoggedPayload;
}

/**
 * The queue's documents on disk, appended to log segments: each enqueue writes its sealed document, with a
 * header that holds what its row is made from, to the end of a file of its own process, and waits for that
 * file alone (one write, one fsync of a file that exists: no directory entry to make durable, no database
 * pages written a page at a time). The fsync runs on a thread of its own (`FsyncThread`) while the enqueue
 * computes the document's keys and writes its row; the row commits once the document is durable, without
 * waiting for the disk again, and is rebuilt from the header if a power cut loses it (`QueueIntake.recoverLog`).
 *
 * One writer per segment (the queue open in one process, named in the segment's first bytes), so that it
 * may take back its own last record when its row could not be written; readers read records at the offsets
 * their rows give. Segments are kept as long as the rows that point into them, as the rows' payloads were.
 */
export class PayloadLog {
  private current: OpenSegment | undefined;
  /** The segments this writer finished, with their final size. */
  private readonly finished = new Map<string, number>();
  private pending: PendingSync | undefined;

  private readonly segmentBytes: number;

  constructor(
    private readonly dir: string,
    private readonly owner: string,
    options: PayloadLogOptions = {},
  ) {
    this.segmentBytes = options.segmentBytes ?? SEGMENT_BYTES;
  }

  /**
   * Appends a record and starts syncing it to disk on the sync thread: the caller does what does not need it
   * durable, then calls `durable()`, which waits for what is left of the sync.
   */
  append(header: Buffer, payload: Buffer): AppendedPayload {
    const bytes = PREFIX_BYTES + header.length + payload.length;
    const segment = this.segmentFor(bytes);
    const prefix = Buffer.allocUnsafe(PREFIX_BYTES);
    prefix.writeUInt32BE(RECORD_MAGIC, 0);
    prefix.writeUInt32BE(header.length, 4);
    prefix.writeUInt32BE(payload.length, 8);
    const recordStart = segment.size;
    let sync: PendingSync;
    try {
      writeAll(segment.fd, [prefix, header, payload], recordStart);
      sync = FsyncThread.get().start(segment.fd);
    } catch (error) {
      this.truncate(recordStart);
      throw storageError(this.dir, error);
    }
    segment.size += bytes;
    this.pending = sync;
    const offset = recordStart + PREFIX_BYTES + header.length;
    return {
      segment: segment.name,
      recordStart,
      offset,
      length: payload.length,
      durable: () => {
        try {
          sync.wait();
        } catch (error) {
          throw storageError(this.dir, error);
        }
      },
    };
  }

  /** Takes back this writer's last record (its row was not written): nothing of it is replayed later. */
  undo(payload: LoggedPayload): void {
    if (this.current?.name !== payload.segment || this.current.size !== payload.offset + payload.length) return;
    this.settle();
    this.truncate(payload.recordStart);
  }

  /** A payload's bytes, at the place its row names. */
  read(payload: Omit<LoggedPayload, 'recordStart'>): Buffer {
    let fd: number;
    try {
      fd = openSync(this.pathOf(payload.segment), 'r');
    } catch (cause) {
      throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queue document log missing' }, { cause });
    }
    try {
      const bytes = Buffer.allocUnsafe(payload.length);
      if (readAll(fd, bytes, payload.offset) !== payload.length)
        throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queue document log cut short' });
      return bytes;
    } finally {
      closeSync(fd);
    }
  }

  /** The segments on disk, each with the owner named in its first bytes. */
  segments(): LogSegment[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((name) => SEGMENT_NAME.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw storageError(this.dir, error);
    }
    try {
      return names.map((name) => this.segment(name));
    } catch (error) {
      throw storageError(this.dir, error);
    }
  }

  private segment(name: string): LogSegment {
    const fd = openSync(this.pathOf(name), 'r');
    try {
      const size = fstatSync(fd).size;
      const head = Buffer.alloc(SEGMENT_MAGIC.length + 2);
      if (readAll(fd, head, 0) !== head.length || !head.subarray(0, 4).equals(SEGMENT_MAGIC))
        return { name, owner: undefined, size, dataStart: size };
      const owner = Buffer.alloc(head.readUInt16BE(4));
      const dataStart = head.length + owner.length;
      if (readAll(fd, owner, head.length) !== owner.length) return { name, owner: undefined, size, dataStart: size };
      return { name, owner: owner.toString('utf8'), size, dataStart };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The complete records of a segment from `from` on, in order. A record cut short (its writer died in the
   * middle of writing it, before the enqueue returned) ends the reading: nothing after it was ever written.
   */
  *records(segment: LogSegment, from: number): Generator<LogRecord> {
    const fd = openSync(this.pathOf(segment.name), 'r');
    try {
      let at = Math.max(from, segment.dataStart);
      const prefix = Buffer.alloc(PREFIX_BYTES);
      while (at + PREFIX_BYTES <= segment.size) {
        if (readAll(fd, prefix, at) !== PREFIX_BYTES || prefix.readUInt32BE(0) !== RECORD_MAGIC) return;
        const headerLength = prefix.readUInt32BE(4);
        const length = prefix.readUInt32BE(8);
        const offset = at + PREFIX_BYTES + headerLength;
        if (headerLength > MAX_HEADER_BYTES || offset + length > segment.size) return;
        const header = Buffer.alloc(headerLength);
        if (readAll(fd, header, at + PREFIX_BYTES) !== headerLength) return;
        yield { header, payload: { segment: segment.name, recordStart: at, offset, length } };
        at = offset + length;
      }
    } finally {
      closeSync(fd);
    }
  }

  /** The segments this writer appended to, each with its size: every record in them has its row or was taken back. */
  writtenSegments(): { name: string; size: number }[] {
    const sizes = new Map(this.finished);
    if (this.current) sizes.set(this.current.name, this.current.size);
    return [...sizes].map(([name, size]) => ({ name, size }));
  }

  close(): void {
    this.settle();
    if (!this.current) return;
    closeSync(this.current.fd);
    this.finished.set(this.current.name, this.current.size);
    this.current = undefined;
  }

  /** Waits for the sync in flight, if any: the file is not truncated nor closed under it. */
  private settle(): void {
    try {
      this.pending?.wait();
    } catch {
      // What it synced is being taken back or was reported to its enqueue already.
    }
    this.pending = undefined;
  }

  private segmentFor(bytes: number): OpenSegment {
    // A document larger than a segment has one of its own.
    if (
      this.current &&
      (this.current.size + bytes <= this.segmentBytes || this.current.size === this.current.dataStart)
    )
      return this.current;
    this.close();
    const name = `${randomUUID()}.log`;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const fd = openSync(this.pathOf(name), 'wx', 0o600);
      const owner = Buffer.from(this.owner, 'utf8');
      const length = Buffer.alloc(2);
      length.writeUInt16BE(owner.length);
      writeAll(fd, [SEGMENT_MAGIC, length, owner], 0);
      fsyncSync(fd);
      syncFolder(this.dir);
      const dataStart = SEGMENT_MAGIC.length + 2 + owner.length;
      this.current = { name, fd, size: dataStart, dataStart };
    } catch (error) {
      throw storageError(this.dir, error);
    }
    return this.current;
  }

  private truncate(to: number): void {
    if (!this.current) return;
    try {
      ftruncateSync(this.current.fd, to);
      this.current.size = to;
    } catch {
      // The disk refused even that: the record stays, and a later recovery finds its row missing and files it
      // again only if it is complete and its document not already queued.
    }
  }

  private pathOf(name: string): string {
    if (!SEGMENT_NAME.test(name))
      throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queue document log of another name' });
    return join(this.dir, name);
  }
}

function writeAll(fd: number, parts: readonly Buffer[], position: number): void {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  let written = writevSync(fd, parts, position);
  // A short write (rare: a signal, a nearly full disk) goes on from where it stopped.
  while (written < total) {
    const rest = Buffer.concat(parts).subarray(written);
    written += writevSync(fd, [rest], position + written);
  }
}

function readAll(fd: number, into: Buffer, position: number): number {
  let read = 0;
  while (read < into.length) {
    const n = readSync(fd, into, read, into.length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

/** Makes a new file's name durable; a system that cannot sync a folder (Windows) journals it itself. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function storageError(dir: string, error: unknown): PasserelleError {
  if (error instanceof PasserelleError) return error;
  return new PasserelleError(
    'QUEUE_STORAGE_FAILED',
    { path: dir, reason: (error as NodeJS.ErrnoException).code ?? 'EIO' },
    { cause: error },
  );
}
