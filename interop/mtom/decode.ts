import { createHash, randomBytes, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

import { isPasserelleError, PasserelleError } from '../../api/errors/index.js';
import { parseContentType } from './content-type.js';

/**
 * Streaming MTOM/XOP decoder, for the platform receiving ITI-41 and the client receiving ITI-43: reads a
 * multipart/related body chunk by chunk, keeps the root part (the SOAP envelope) in memory under a cap and
 * sends each attachment to a buffer or a file as it arrives, with its size, SHA-1 and SHA-256. It never
 * holds more of an attachment than 256 kB plus one chunk and a boundary when writing to files. Malformed input ends
 * in a typed MTOM_* error, and files already written are removed.
 */

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

export interface DecodeOptions {
  /** Largest root part accepted (default 10 MB). */
  readonly maxRootBytes?: number;
  /** Largest attachment accepted (default 25 MB, the DMP's document limit). */
  readonly maxAttachmentBytes?: number;
  /** Most attachments accepted (default 100). */
  readonly maxAttachments?: number;
  /** Write attachments to files in this directory (names of our own choosing) instead of memory. */
  readonly directory?: string;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_PREAMBLE_BYTES = 64 * 1024;
/** Bytes of an attachment gathered before they are written to its file. */
const FILE_WRITE_BYTES = 256 * 1024;

function malformed(reason: string): PasserelleError {
  return new PasserelleError('MTOM_MALFORMED', { reason });
}

interface Part {
  readonly contentId: string;
  readonly contentType: string;
  readonly isRoot: boolean;
  readonly limit: number;
  readonly sha1: Hash;
  readonly sha256: Hash;
  /** The part's bytes when kept in memory; when written to a file, those not written yet (`pending` bytes). */
  readonly chunks: Buffer[];
  readonly file?: { handle: FileHandle; path: string };
  size: number;
  pending: number;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed('a part header is not "Name: value"');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function stripAngles(id: string): string {
  return id.startsWith('<') && id.endsWith('>') ? id.slice(1, -1) : id;
}

/** The attachment named by `cid:` `contentId`; a typed MTOM_PART_MISSING error when the message lacks it. */
export function attachmentFor(decoded: DecodedMtom, contentId: string): DecodedAttachment {
  const found = decoded.attachments.get(contentId);
  if (!found) throw new PasserelleError('MTOM_PART_MISSING', { contentId });
  return found;
}

/** Removes the files a decoded message wrote (once the platform has stored or refused them). */
export async function discardAttachments(decoded: DecodedMtom): Promise<void> {
  const paths = [...decoded.attachments.values()].flatMap((a) => (a.path ? [a.path] : []));
  await Promise.all(paths.map((path) => rm(path, { force: true })));
}

/** Decodes an MTOM/XOP body whose HTTP Content-Type is `contentType`. */
export async function decodeMtom(
  contentType: string,
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: DecodeOptions = {},
): Promise<DecodedMtom> {
  const type = parseContentType(contentType);
  const boundary = type.parameters.get('boundary');
  if (type.mediaType !== 'multipart/related' || type.parameters.get('type')?.toLowerCase() !== 'application/xop+xml') {
    throw malformed('not a multipart/related XOP message');
  }
  if (!boundary || boundary.length > 70) throw malformed('no usable boundary');
  const startId = type.parameters.has('start') ? stripAngles(type.parameters.get('start')!) : undefined;
  const maxRoot = options.maxRootBytes ?? 10 * 1024 * 1024;
  const maxAttachment = options.maxAttachmentBytes ?? 25 * 1024 * 1024;
  const maxAttachments = options.maxAttachments ?? 100;
  const delimiter = Buffer.from(`\r\n--${boundary}`);

  let root: { contentType: string; xml: string } | undefined;
  const attachments = new Map<string, DecodedAttachment>();
  const written: string[] = [];
  // Both change inside the helpers below; the casts keep TypeScript from narrowing them to their first value.
  let part = undefined as Part | undefined;
  let state = 'preamble' as 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'epilogue';
  // A leading CRLF lets the first boundary, which has none before it, match the delimiter.
  let buffer: Buffer = CRLF;
  let preamble = 0;

  async function startPart(headers: Map<string, string>): Promise<void> {
    const id = stripAngles(headers.get('content-id') ?? '');
    const partType = headers.get('content-type') ?? 'application/octet-stream';
    const encoding = (headers.get('content-transfer-encoding') ?? 'binary').toLowerCase();
    if (!['binary', '8bit', '7bit'].includes(encoding))
      throw malformed('a part uses a transfer encoding other than binary');
    // The root comes first (XOP §4.1 packages put it there; the start parameter only names it).
    const isRoot = root === undefined;
    if (isRoot && startId !== undefined && id !== startId)
      throw malformed('the first part is not the root named by start');
    if (!isRoot) {
      if (id === '') throw malformed('an attachment has no Content-ID');
      if (attachments.has(id)) throw malformed('two attachments share a Content-ID');
      if (attachments.size >= maxAttachments) throw malformed('too many attachments');
    } else if (!parseContentType(partType).mediaType.startsWith('application/xop+xml')) {
      throw malformed('the root part is not application/xop+xml');
    }
    let file: Part['file'];
    if (!isRoot && options.directory) {
      const path = join(options.directory, `mtom-${randomBytes(12).toString('hex')}.part`);
      file = { handle: await open(path, 'wx', 0o600), path };
      written.push(path);
    }
    part = {
      contentId: id,
      contentType: partType,
      isRoot,
      limit: isRoot ? maxRoot : maxAttachment,
      sha1: createHash('sha1'),
      sha256: createHash('sha256'),
      chunks: [],
      file,
      size: 0,
      pending: 0,
    };
  }

  async function write(bytes: Buffer): Promise<void> {
    if (!part || bytes.length === 0) return;
    part.size += bytes.length;
    if (part.size > part.limit) throw new PasserelleError('MTOM_PART_TOO_LARGE', { limit: part.limit });
    part.sha1.update(bytes);
    part.sha256.update(bytes);
    if (!part.file) {
      part.chunks.push(Buffer.from(bytes));
      return;
    }
    // Pieces go to the file together once they reach FILE_WRITE_BYTES: one write per 256 kB, not per packet.
    part.chunks.push(bytes);
    part.pending += bytes.length;
    if (part.pending >= FILE_WRITE_BYTES) await flush(part);
  }

  async function flush(target: Part): Promise<void> {
    if (!target.file || target.chunks.length === 0) return;
    const { bytesWritten } = await target.file.handle.writev(target.chunks);
    if (bytesWritten !== target.pending) throw malformed('an attachment could not be written whole');
    target.chunks.length = 0;
    target.pending = 0;
  }

  async function endPart(): Promise<void> {
    if (!part) return;
    const done = part;
    part = undefined;
    await flush(done);
    if (done.file) await done.file.handle.close();
    if (done.isRoot) {
      root = { contentType: done.contentType, xml: Buffer.concat(done.chunks).toString('utf8') };
      return;
    }
    attachments.set(done.contentId, {
      contentId: done.contentId,
      contentType: done.contentType,
      size: done.size,
      sha1Hex: done.sha1.digest('hex'),
      sha256: done.sha256.digest(),
      ...(done.file ? { path: done.file.path } : { data: Buffer.concat(done.chunks) }),
    });
  }

  async function drain(): Promise<void> {
    for (;;) {
      switch (state) {
        case 'preamble': {
          const at = buffer.indexOf(delimiter);
          if (at < 0) {
            const keep = Math.min(buffer.length, delimiter.length - 1);
            preamble += buffer.length - keep;
            if (preamble > MAX_PREAMBLE_BYTES) throw malformed('no boundary where the message should start');
            buffer = buffer.subarray(buffer.length - keep);
            return;
          }
          buffer = buffer.subarray(at + delimiter.length);
          state = 'afterDelimiter';
          break;
        }
        case 'afterDelimiter': {
          if (buffer.length < 2) return;
          if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
            state = 'epilogue';
            break;
          }
          const end = buffer.indexOf(CRLF);
          if (end < 0) {
            if (buffer.length > 1024) throw malformed('garbage after a boundary');
            return;
          }
          if (!/^[ \t]*$/.test(buffer.subarray(0, end).toString('latin1'))) throw malformed('garbage after a boundary');
          buffer = buffer.subarray(end + 2);
          state = 'headers';
          break;
        }
        case 'headers': {
          const end = buffer.subarray(0, 2).equals(CRLF) ? -2 : buffer.indexOf(HEADER_END);
          if (end === -1) {
            if (buffer.length > MAX_HEADER_BYTES) throw malformed('part headers too long');
            return;
          }
          await startPart(parseHeaders(end < 0 ? '' : buffer.subarray(0, end).toString('utf8')));
          buffer = buffer.subarray(end < 0 ? 2 : end + HEADER_END.length);
          state = 'body';
          break;
        }
        case 'body': {
          const at = buffer.indexOf(delimiter);
          if (at < 0) {
            const safe = buffer.length - (delimiter.length - 1);
            if (safe > 0) {
              await write(buffer.subarray(0, safe));
              buffer = buffer.subarray(safe);
            }
            return;
          }
          await write(buffer.subarray(0, at));
          await endPart();
          buffer = buffer.subarray(at + delimiter.length);
          state = 'afterDelimiter';
          break;
        }
        case 'epilogue':
          buffer = Buffer.alloc(0);
          return;
      }
    }
  }

  try {
    for await (const chunk of body) {
      buffer = Buffer.concat([buffer, chunk]);
      await drain();
    }
    if (state !== 'epilogue') throw malformed('the message ends before its closing boundary');
    if (!root) throw malformed('no root part');
    return { rootContentType: root.contentType, rootXml: root.xml, attachments };
  } catch (error) {
    await part?.file?.handle.close().catch(() => undefined);
    await Promise.all(written.map((path) => rm(path, { force: true })));
    if (isPasserelleError(error)) throw error;
    throw new PasserelleError(
      'MTOM_MALFORMED',
      { reason: 'the message could not be read to its end' },
      { cause: error },
    );
  }
}
