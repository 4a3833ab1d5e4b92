import { rm } from 'node:fs/promises';

import { isPasserelleError, PasserelleError } from '../../api/errors/index.js';
import { parseContentType } from './content-type.js';
import { malformed, MultipartScanner } from './multipart-scanner.js';
import { stripAngles, XopParts, type DecodedAttachment, type DecodedMtom, type PartLimits } from './xop-parts.js';

/**
 * Streaming MTOM/XOP decoder, for the platform receiving ITI-41 and the client receiving ITI-43: reads a
 * multipart/related body chunk by chunk (`MultipartScanner`), keeps the root part (the SOAP envelope) in memory
 * under a cap and sends each attachment to a buffer or a file as it arrives, with its size, SHA-1 and SHA-256
 * (`XopParts`). It never holds more of an attachment than 256 kB plus one chunk and a boundary when writing to
 * files. Malformed input ends in a typed MTOM_* error, and files already written are removed.
 */

export interface DecodeOptions {
  /** Largest root part accepted (default 10 MB). */
  readonly maxRootBytes?: number;
  /** Largest attachment accepted (default 25 MB, the DMP's document limit). */
  readonly maxAttachmentBytes?: number;
  /** Most attachments accepted (default 100). */
  readonly maxAttachments?: number;
  /** Write attachments to files in this directory (names of our own choosing) instead of memory. */
  readonly directory?: string;
  /**
   * With a directory: attachment bytes the message may keep in memory before the rest goes to files (default
   * 0, every attachment to a file). A document of a few hundred kB then costs no file opened, written and read
   * back; the message's memory stays bounded by this figure whatever it carries.
   */
  readonly memoryBytes?: number;
}

function limitsOf(options: DecodeOptions): PartLimits {
  return {
    maxRootBytes: options.maxRootBytes ?? 10 * 1024 * 1024,
    maxAttachmentBytes: options.maxAttachmentBytes ?? 25 * 1024 * 1024,
    maxAttachments: options.maxAttachments ?? 100,
    memoryBytes: options.memoryBytes ?? 0,
  };
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
  const start = type.parameters.get('start');
  const scanner = new MultipartScanner(boundary);
  const parts = new XopParts(
    start === undefined ? undefined : stripAngles(start),
    limitsOf(options),
    options.directory,
  );
  try {
    for await (const chunk of body) {
      for (const event of scanner.push(chunk)) {
        if (event.kind === 'headers') parts.start(event.headers);
        else if (event.kind === 'body') await parts.write(event.bytes);
        else await parts.end();
      }
    }
    scanner.finish();
    return parts.decoded();
  } catch (error) {
    await parts.discard();
    if (isPasserelleError(error)) throw error;
    throw new PasserelleError(
      'MTOM_MALFORMED',
      { reason: 'the message could not be read to its end' },
      { cause: error },
    );
  }
}
