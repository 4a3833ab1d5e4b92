import { createPrivateKey, createSign } from 'node:crypto';

import type { KeyAndCertificate } from '../../interop/test-pki/index.js';
import type { Signer } from '../../interop/signing/signer.js';
import type { PlatformCredentials, ProfessionalIdentity } from '../../main/core/session/credentials.js';

/** A Signer over a PEM key, counting its signatures: the test stand-in for a card's key. */
export function pemSigner(issued: KeyAndCertificate): Signer & { readonly count: () => number } {
  const key = createPrivateKey(issued.privateKeyPem);
  let signatures = 0;
  return {
    certificatePem: issued.certificatePem,
    count: () => signatures,
    signSha256(data: Uint8Array): Promise<Uint8Array> {
      signatures += 1;
      return Promise.resolve(createSign('sha256').update(data).sign(key));
    },
  };
}

/** Direct-mode credentials from a person certificate issued by the test PKI, the key held in PEM. */
export function pemCredentials(issued: KeyAndCertificate, identity: ProfessionalIdentity): PlatformCredentials {
  return {
    authMode: 'DIRECTE',
    identity,
    actor: identity.nationalId,
    vihfSigner: pemSigner(issued),
    documentSigner: pemSigner(issued),
    tls: { certificatePem: issued.certificatePem, key: { kind: 'pem', pem: issued.privateKeyPem } },
  };
}
