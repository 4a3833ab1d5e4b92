/**
 * Something that signs with a private key it never reveals: a card's key through PKCS#11, an establishment's
 * ORG key, or a test key. Everything that signs (VIHF assertions, XAdES submission-set signatures) takes one
 * of these, so the same code serves a CPS card, an ORG certificate and the tests.
 */
export interface Signer {
  /** The signer's X.509 certificate, PEM. */
  readonly certificatePem: string;
  /**
   * RSASSA-PKCS1-v1_5 with SHA-256 over `data` (the signer hashes): the raw signature bytes.
   * May take a second on a real card; may fail with a typed card error (card removed, PIN needed…).
   */
  signSha256(data: Uint8Array): Promise<Uint8Array>;
}
