import { createHash, randomBytes, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

import { PasserelleError } from '../../api/errors/index.js';
import { parseContentType } from './content-type.js';
import { malformed } from './multipart-scanner.js';

/** One decoded attachment. `data` when kept in memory, `path` when written to the directory. */
export interface DecodedAttachment {
  readonly contentId: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha1Hex: string;
  readonly sha256: Buffer;
  readonly data?: Buffer;
  readonly path?: string;
}

export interface DecodedMtom {
  /** The root part's Content-Type (application/xop+xml; type="application/soap+xml"…). */
  readonly rootContentType: string;
  /** The SOAP envelope, with its xop:Include references. */
  readonly rootXml: string;
  readonly attachments: ReadonlyMap<string, DecodedAttachment>;
}

/** What one message may hold. */
export interface PartLimits {
  readonly maxRootBytes: number;
  readonly maxAttachmentBytes: number;
  readonly maxAttachments: number;
  /** Attachment bytes kept in memory, over all the message's parts, before a part goes to its file. */
  readonly memoryBytes: number;
}

/** Bytes of an attachment gathered before they are written to its file. */
const FILE_WRITE_BYTES = 256 * 1024;
const TRANSFER_ENCODINGS = new Set(['binary', '8bit', '7bit']);

interface Part {
  readonly contentId: string;
  readonly contentType: string;
  readonly isRoot: boolean;
  readonly limit: number;
  /** SHA-1 and SHA-256 of an attachment as it comes; none for the root, whose digests nothing reads. */
  readonly digests: { readonly sha1: Hash; readonly sha256: Hash } | undefined;
  /** The part's bytes when kept in memory; when written to a file, those not written yet (`pending` bytes). */
  readonly chunks: Buffer[];
  file?: { readonly handle: FileHandle; readonly path: string };
  size: number;
  pending: number;
}

/** A Content-ID without its angle brackets (`<a@b>` → `a@b`), as `cid:` URLs name it. */
export function stripAngles(id: string): string {
  return id.startsWith('<') && id.endsWith('>') ? id.slice(1, -1) : id;
}

/**
 * The parts of an XOP package as they arrive (XOP §4.1): the root first (the SOAP envelope, kept in memory),
 * then attachments, each with a Content-ID, hashed (SHA-1, SHA-256) as it comes and kept in memory or written
 * to a file of our own naming in `directory` once the message's attachments held in memory would exceed
 * `memoryBytes`, at most 256 kB plus one chunk then held at a time. Every limit is checked as the bytes come,
 * so that an oversized message is refused before it is read whole.
 */
export class XopParts {
  private root: { readonly contentType: string; readonly xml: string } | undefined;
  private readonly attachments = new Map<string, DecodedAttachment>();
  private readonly written: string[] = [];
  private part: Part | undefined;
  /** Attachment bytes held in memory so far. */
  private inMemory = 0;

  constructor(
    /** The root's Content-ID, when the message's Content-Type names it (`start`). */
    private readonly startId: string | undefined,
    private readonly limits: PartLimits,
    private readonly directory?: string,
  ) {}

  /** A part begins with these headers. */
  start(headers: ReadonlyMap<string, string>): void {
    const contentId = stripAngles(headers.get('content-id') ?? '');
    const contentType = headers.get('content-type') ?? 'application/octet-stream';
    if (!TRANSFER_ENCODINGS.has((headers.get('content-transfer-encoding') ?? 'binary').toLowerCase()))
      throw malformed('a part uses a transfer encoding other than binary');
    // The root comes first (XOP §4.1 packages put it there; the start parameter only names it).
    const isRoot = this.root === undefined;
    if (isRoot) this.checkRoot(contentId, contentType);
    else this.checkAttachment(contentId);
    this.part = {
      contentId,
      contentType,
      isRoot,
      limit: isRoot ? this.limits.maxRootBytes : this.limits.maxAttachmentBytes,
      digests: isRoot ? undefined : { sha1: createHash('sha1'), sha256: createHash('sha256') },
      chunks: [],
      size: 0,
      pending: 0,
    };
  }

  /** The next bytes of the current part. */
  async write(bytes: Buffer): Promise<void> {
    const part = this.part;
    if (!part) return;
    part.size += bytes.length;
    if (part.size > part.limit) throw new PasserelleError('MTOM_PART_TOO_LARGE', { limit: part.limit });
    part.digests?.sha1.update(bytes);
    part.digests?.sha256.update(bytes);
    if (!part.file && !part.isRoot && this.directory && this.inMemory + bytes.length > this.limits.memoryBytes)
      await this.spill(part, this.directory);
    if (!part.file) {
      // A view, not a copy: the part's end copies its pieces into one buffer, so no chunk they come from is kept
      // beyond the part (and a part goes on in its file as its pieces come).
      part.chunks.push(bytes);
      if (!part.isRoot) this.inMemory += bytes.length;
      return;
    }
    // Pieces go to the file together once they reach FILE_WRITE_BYTES: one write per 256 kB, not per packet.
    part.chunks.push(bytes);
    part.pending += bytes.length;
    if (part.pending >= FILE_WRITE_BYTES) await flush(part);
  }

  /** The current part is whole. */
  async end(): Promise<void> {
    const done = this.part;
    if (!done) return;
    this.part = undefined;
    await flush(done);
    if (done.file) await done.file.handle.close();
    // The root, the one part without digests.
    if (!done.digests) {
      this.root = { contentType: done.contentType, xml: Buffer.concat(done.chunks).toString('utf8') };
      return;
    }
    this.attachments.set(done.contentId, {
      contentId: done.contentId,
      contentType: done.contentType,
      size: done.size,
      sha1Hex: done.digests.sha1.digest('hex'),
      sha256: done.digests.sha256.digest(),
      ...(done.file ? { path: done.file.path } : { data: Buffer.concat(done.chunks) }),
    });
  }

  /** The message, once every part has ended. */
  decoded(): DecodedMtom {
    if (!this.root) throw malformed('no root part');
    return { rootContentType: this.root.contentType, rootXml: this.root.xml, attachments: this.attachments };
  }

  /** After a failure: the file being written is closed, and every file written removed. */
  async discard(): Promise<void> {
    await this.part?.file?.handle.close().catch(() => undefined);
    await Promise.all(this.written.map((path) => rm(path, { force: true })));
  }

  /** The part goes on in a file of its own: what it held in memory is written there first. */
  private async spill(part: Part, directory: string): Promise<void> {
    const path = join(directory, `mtom-${randomBytes(12).toString('hex')}.part`);
    part.file = { handle: await open(path, 'wx', 0o600), path };
    this.written.push(path);
    const held = part.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    this.inMemory -= held;
    part.pending = held;
  }

  private checkRoot(contentId: string, contentType: string): void {
    if (this.startId !== undefined && contentId !== this.startId)
      throw malformed('the first part is not the root named by start');
    if (!parseContentType(contentType).mediaType.startsWith('application/xop+xml'))
      throw malformed('the root part is not application/xop+xml');
  }

  private checkAttachment(contentId: string): void {
    if (contentId === '') throw malformed('an attachment has no Content-ID');
    if (this.attachments.has(contentId)) throw malformed('two attachments share a Content-ID');
    if (this.attachments.size >= this.limits.maxAttachments) throw malformed('too many attachments');
  }
}

async function flush(part: Part): Promise<void> {
  if (!part.file || part.chunks.length === 0) return;
  const { bytesWritten } = await part.file.handle.writev(part.chunks);
  if (bytesWritten !== part.pending) throw malformed('an attachment could not be written whole');
  part.chunks.length = 0;
  part.pending = 0;
}
