import { sign } from 'node:crypto';

import type { Signer } from '../../interop/signing/signer.js';

/** A Signer over a PEM key from the test PKI: what a card does, without the card. */
export function pemSigner(pair: { readonly certificatePem: string; readonly privateKeyPem: string }): Signer {
  return {
    certificatePem: pair.certificatePem,
    signSha256: (data) => Promise.resolve(new Uint8Array(sign('sha256', data, pair.privateKeyPem))),
  };
}
