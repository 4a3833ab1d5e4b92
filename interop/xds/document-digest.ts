import { createHash } from 'node:crypto';

/** What XDS metadata and the submission-set signature need to know of a document's bytes. */
export interface DocumentDigest {
  /** SHA-1, lower-case hex: the DocumentEntry hash. */
  readonly sha1Hex: string;
  /** SHA-256: the digest in the signature's manifest. */
  readonly sha256: Buffer;
  /** The DocumentEntry size, in bytes. */
  readonly size: number;
}

/** SHA-1 of bytes in memory, lower-case hex: the DocumentEntry hash of a small document. */
export function sha1Hex(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Hashes a document in one pass, from its bytes or a stream of them (a 25 MB file is never held whole):
 * the DocumentEntry's hash and size and the manifest's digest.
 */
export async function digestDocument(source: Uint8Array | AsyncIterable<Uint8Array>): Promise<DocumentDigest> {
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  let size = 0;
  const chunks = source instanceof Uint8Array ? [source] : source;
  for await (const chunk of chunks) {
    sha1.update(chunk);
    sha256.update(chunk);
    size += chunk.byteLength;
  }
  return { sha1Hex: sha1.digest('hex'), sha256: sha256.digest(), size };
}
