import { PasserelleError } from '../../api/errors/index.js';
import type { Signer } from '../signing/signer.js';
import type { SubmissionMetadata } from '../xds/model.js';
import { withSignatureEntry } from '../xds/signature-entry.js';
import { signSubmissionSet } from './xades-signature.js';

/** A submission signed as the DMP expects it. */
export interface SignedSubmission {
  /** The metadata with the signature DocumentEntry and its HasMember and `signs` associations. */
  readonly metadata: SubmissionMetadata;
  /** The signature entry's id: the xdsb:Document that carries `signature`. */
  readonly signatureEntryUUID: string;
  /** The signature document (XML, UTF-8). */
  readonly signature: Buffer;
}

export interface SignSubmissionOptions {
  readonly signingTime: Date;
  /** The uniqueId (OID) given to the signature document. */
  readonly signatureUniqueId: string;
}

/**
 * Signs a whole submission with ONE signature of `signer` (one card operation whatever the number of
 * documents): the manifest names the submission set and every document entry, with the SHA-256 of its bytes
 * from `sha256ByUniqueId`, then the signature is added to the metadata as its own DocumentEntry.
 */
export async function signSubmission(
  metadata: SubmissionMetadata,
  sha256ByUniqueId: ReadonlyMap<string, Uint8Array>,
  signer: Signer,
  options: SignSubmissionOptions,
): Promise<SignedSubmission> {
  const documents = metadata.documentEntries.map((entry) => {
    const sha256 = sha256ByUniqueId.get(entry.uniqueId);
    if (!sha256) {
      throw new PasserelleError('XDS_METADATA_INVALID', {
        field: 'documentEntries',
        reason: 'a document has no digest to sign',
      });
    }
    return { uniqueId: entry.uniqueId, sha256 };
  });
  const signature = await signSubmissionSet({
    submissionSetUniqueId: metadata.submissionSet.uniqueId,
    documents,
    signer,
    signingTime: options.signingTime,
  });
  const signed = withSignatureEntry(metadata, signature, options.signatureUniqueId);
  return { ...signed, signature };
}
