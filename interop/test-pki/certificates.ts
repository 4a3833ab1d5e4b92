import { generateKeyPairSync, randomBytes } from 'node:crypto';

import forge from 'node-forge';

/** A certificate with its private key, both PEM. Only emulated cards and test fixtures ever hold a PEM key. */
export interface KeyAndCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

export type NameAttribute =
  { readonly shortName: string; readonly value: string } | { readonly type: string; readonly value: string };

export interface CertificateRequest {
  readonly subject: readonly NameAttribute[];
  /** The issuer; absent for a self-signed root. */
  readonly issuer?: KeyAndCertificate;
  readonly isCa: boolean;
  readonly keyUsage: Readonly<Record<string, boolean>>;
  readonly extKeyUsage?: Readonly<Record<string, boolean>>;
  readonly altNames?: readonly ({ type: 2; value: string } | { type: 7; ip: string })[];
  readonly validYears: number;
  readonly now?: Date;
}

/**
 * Issues one certificate. Keys come from Node's native generator: node-forge's own RSA key generation is
 * pure JavaScript and takes seconds per key, which a cast of twenty cards cannot afford.
 */
export function issueCertificate(request: CertificateRequest): KeyAndCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // A positive serial of 16 random bytes, as RFC 5280 asks.
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = request.now ?? new Date();
  certificate.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  certificate.validity.notAfter = new Date(now.getTime() + request.validYears * 365 * 24 * 3600 * 1000);
  // UTF8String, not forge's default PrintableString: French names carry accents (title=Médecin).
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  certificate.setSubject(request.subject.map((attribute) => ({ ...attribute, valueTagClass: utf8 })));
  const issuerCertificate = request.issuer ? forge.pki.certificateFromPem(request.issuer.certificatePem) : certificate;
  certificate.setIssuer(issuerCertificate.subject.attributes);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: request.isCa, critical: true },
    { name: 'keyUsage', critical: true, ...request.keyUsage },
    { name: 'subjectKeyIdentifier' },
  ];
  if (request.extKeyUsage) extensions.push({ name: 'extKeyUsage', ...request.extKeyUsage });
  if (request.altNames) extensions.push({ name: 'subjectAltName', altNames: request.altNames });
  if (request.issuer) {
    extensions.push({
      name: 'authorityKeyIdentifier',
      keyIdentifier: issuerCertificate.generateSubjectKeyIdentifier().getBytes(),
    });
  }
  certificate.setExtensions(extensions);
  const signingKey = forge.pki.privateKeyFromPem(request.issuer ? request.issuer.privateKeyPem : privateKey);
  certificate.sign(signingKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: privateKey };
}
