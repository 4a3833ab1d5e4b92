import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { PasserelleError } from '../../api/errors/index.js';
import { ContentIdSchema } from '../xds/messages.js';
import { parameter } from './content-type.js';

/**
 * MTOM/XOP encoding (W3C SOAP MTOM, XOP) of a SOAP 1.2 message whose binary parts stay out of the XML:
 * a multipart/related body streamed part after part, each attachment read from its source only when the
 * body reaches it, so a 25 MB document costs a few chunks of memory, not its size.
 */

/** One binary part: its Content-ID (what `xop:Include href="cid:…"` names), its type and its exact size. */
export interface MtomAttachment {
  readonly contentId: string;
  readonly contentType: string;
  /** Bytes; known up front because Content-Length is. */
  readonly size: number;
  /** Opens the bytes; called once, when the body reaches this part. */
  open(): AsyncIterable<Uint8Array>;
}

export interface MtomMessage {
  /** The HTTP Content-Type: multipart/related with type, start, start-info, action and boundary. */
  readonly contentType: string;
  /** The exact length of `body`, in bytes. */
  readonly contentLength: number;
  readonly body: Readable;
}

export interface EncodeOptions {
  /** The SOAP action (WS-Addressing Action), repeated in the Content-Type as SOAP 1.2 over HTTP does. */
  readonly action?: string;
  /** Fixed only by tests; random otherwise. */
  readonly boundary?: string;
}

const CRLF = '\r\n';
const ROOT_ID = 'root.message@passerelle';

/** An attachment read from a file (its size taken now, its bytes read when sent). */
export async function fileAttachment(path: string, contentId: string, contentType: string): Promise<MtomAttachment> {
  const { size } = await stat(path);
  return { contentId, contentType, size, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

/** Chunks of an attachment in memory, as a file's are read. */
const CHUNK_BYTES = 256 * 1024;

/**
 * An attachment already in memory (documents built here, signatures), handed over in views of 256 kB, not in
 * one piece: the socket then takes it as it drains, instead of the TLS layer holding a ciphered copy of it
 * whole (a CDA at the 25 MB limit would cost 25 MB more).
 */
export function bufferAttachment(bytes: Uint8Array, contentId: string, contentType: string): MtomAttachment {
  return chunkedAttachment(() => chunksOf(bytes), bytes.byteLength, contentId, contentType);
}

/**
 * An attachment produced piece by piece when the body reaches it, never held whole (a document written as it is
 * sent): `chunks` must yield exactly `size` bytes, or the body fails with MTOM_MALFORMED.
 */
export function chunkedAttachment(
  chunks: () => Iterable<Uint8Array>,
  size: number,
  contentId: string,
  contentType: string,
): MtomAttachment {
  return { contentId, contentType, size, open: () => Readable.from(chunks()) };
}

function* chunksOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

function partHeader(boundary: string, contentType: string, contentId: string, encoding: string): Buffer {
  return Buffer.from(
    `--${boundary}${CRLF}Content-Type: ${contentType}${CRLF}Content-Transfer-Encoding: ${encoding}${CRLF}` +
      `Content-ID: <${contentId}>${CRLF}${CRLF}`,
    'utf8',
  );
}

/**
 * Encodes `envelopeXml` (a SOAP 1.2 envelope whose documents are xop:Include references) and its attachments.
 * Content-Length is computed from the declared sizes; an attachment whose source yields another number of
 * bytes makes the body fail with a typed MTOM_MALFORMED error rather than send a wrong length.
 */
export function encodeMtom(
  envelopeXml: string,
  attachments: readonly MtomAttachment[],
  options: EncodeOptions = {},
): MtomMessage {
  const boundary = options.boundary ?? `MIMEBoundary_${randomBytes(24).toString('hex')}`;
  const ids = new Set<string>();
  for (const attachment of attachments) {
    if (!ContentIdSchema.safeParse(attachment.contentId).success || ids.has(attachment.contentId)) {
      throw new PasserelleError('MTOM_MALFORMED', {
        reason: 'an attachment has a missing, malformed or repeated Content-ID',
      });
    }
    ids.add(attachment.contentId);
  }
  const soapType =
    options.action === undefined
      ? 'application/soap+xml'
      : `application/soap+xml; ${parameter('action', options.action)}`;
  const rootHeader = partHeader(
    boundary,
    `application/xop+xml; charset=UTF-8; ${parameter('type', soapType)}`,
    ROOT_ID,
    '8bit',
  );
  const root = Buffer.from(envelopeXml, 'utf8');
  const headers = attachments.map((a) => partHeader(boundary, a.contentType, a.contentId, 'binary'));
  const separator = Buffer.from(CRLF);
  const closing = Buffer.from(`--${boundary}--${CRLF}`);

  const contentLength =
    rootHeader.length +
    root.length +
    separator.length +
    headers.reduce((sum, header, i) => sum + header.length + attachments[i]!.size + separator.length, 0) +
    closing.length;

  async function* parts(): AsyncGenerator<Uint8Array> {
    yield rootHeader;
    yield root;
    yield separator;
    for (const [i, attachment] of attachments.entries()) {
      yield headers[i]!;
      let sent = 0;
      for await (const chunk of attachment.open()) {
        sent += chunk.byteLength;
        if (sent > attachment.size) break;
        yield chunk;
      }
      if (sent !== attachment.size) {
        throw new PasserelleError('MTOM_MALFORMED', { reason: 'an attachment changed size while being sent' });
      }
      yield separator;
    }
    yield closing;
  }

  const contentType = [
    'multipart/related',
    parameter('type', 'application/xop+xml'),
    parameter('start', `<${ROOT_ID}>`),
    parameter('start-info', 'application/soap+xml'),
    ...(options.action === undefined ? [] : [parameter('action', options.action)]),
    parameter('boundary', boundary),
  ].join('; ');
  return { contentType, contentLength, body: Readable.from(coalesced(parts()), { objectMode: false }) };
}

/** Smallest piece of the body handed to the connection, but for the last. */
const WRITE_BYTES = 256 * 1024;

/**
 * The body's pieces gathered into writes of at least 256 kB (headers, separators and small parts with their
 * neighbours; a piece that large goes as it is): each small write behind a large one would otherwise wait, on a
 * connection that delays small segments (Nagle), for the other side's delayed acknowledgement, tens of
 * milliseconds a request.
 */
async function* coalesced(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let bytes = 0;
  for await (const piece of pieces) {
    if (bytes === 0 && piece.byteLength >= WRITE_BYTES) {
      yield piece;
      continue;
    }
    pending.push(piece);
    bytes += piece.byteLength;
    if (bytes >= WRITE_BYTES) {
      yield Buffer.concat(pending, bytes);
      pending = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(pending, bytes);
}
