/** The XAdES signature of a DMP submission set: signing through a card's Signer, and the platform's check. */
export { signSubmission, type SignedSubmission, type SignSubmissionOptions } from './sign-submission.js';
export { verifySubmission, type VerifySubmissionOptions } from './verify-submission.js';
export {
  checkIssuedBy,
  checkManifest,
  signSubmissionSet,
  verifySignatureDocument,
  PURPOSE_OF_SIGNATURE,
  type ManifestDigests,
  type ManifestDocument,
  type SignatureInput,
  type VerifiedSignature,
} from './xades-signature.js';
