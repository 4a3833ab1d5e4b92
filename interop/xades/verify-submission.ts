import { PasserelleError } from '../../api/errors/index.js';
import type { SubmissionMetadata } from '../xds/model.js';
import { isSignatureEntry } from '../xds/signature-entry.js';
import { checkIssuedBy, checkManifest, verifySignatureDocument, type VerifiedSignature } from './xades-signature.js';

export interface VerifySubmissionOptions {
  /** Trusted authorities (PEM): when given, the signing certificate must be issued by one of them. */
  readonly trustedCaPems?: readonly string[];
}

function invalid(reason: string): PasserelleError {
  return new PasserelleError('XADES_SIGNATURE_INVALID', { reason });
}

/**
 * The platform's check of a received submission: exactly one signature entry, linked by HasMember from the
 * submission set and by `signs` to it; a valid signature; a manifest that covers the submission set and
 * every other document with the SHA-256 of the bytes received (`sha256ByEntryUUID`). Returns the signing
 * certificate and time; typed XADES_SIGNATURE_INVALID or XADES_MANIFEST_MISMATCH errors otherwise.
 */
export function verifySubmission(
  metadata: SubmissionMetadata,
  signature: Uint8Array,
  sha256ByEntryUUID: ReadonlyMap<string, Uint8Array>,
  options: VerifySubmissionOptions = {},
): VerifiedSignature {
  const signatures = metadata.documentEntries.filter(isSignatureEntry);
  const [entry] = signatures;
  if (!entry || signatures.length > 1) throw invalid('a submission carries exactly one signature entry');
  const set = metadata.submissionSet;
  const linked = (type: string, source: string, target: string): boolean =>
    metadata.associations.some((a) => a.type === type && a.sourceObject === source && a.targetObject === target);
  if (!linked('HasMember', set.entryUUID, entry.entryUUID) || !linked('signs', entry.entryUUID, set.entryUUID)) {
    throw invalid('the signature entry is not linked to the submission set by HasMember and signs');
  }
  const verified = verifySignatureDocument(signature);
  const documents = metadata.documentEntries
    .filter((e) => e !== entry)
    .map((e) => {
      const sha256 = sha256ByEntryUUID.get(e.entryUUID);
      if (!sha256) throw new PasserelleError('MTOM_PART_MISSING', { contentId: e.entryUUID });
      return { uniqueId: e.uniqueId, sha256 };
    });
  checkManifest(verified.manifest, set.uniqueId, documents);
  if (options.trustedCaPems && !checkIssuedBy(verified.certificate, options.trustedCaPems, verified.signingTime)) {
    throw invalid('the signing certificate is not issued by a trusted authority');
  }
  return { certificatePem: verified.certificatePem, signingTime: verified.signingTime };
}
