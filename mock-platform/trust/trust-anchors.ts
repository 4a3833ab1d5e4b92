import { X509Certificate } from 'node:crypto';

/** Which branch of the test PKI issued a certificate: a person's card, or an establishment (ORG). */
export type CertificateFamily = 'persons' | 'organisations';

/** The CA certificates the platform trusts, as the test PKI hands them out. */
export interface TrustedCas {
  readonly rootPem: string;
  readonly personsCaPem: string;
  readonly organisationsCaPem: string;
}

/** A certificate the platform accepted, with what the rules need from it. */
export interface TrustedCertificate {
  readonly family: CertificateFamily;
  readonly certificate: X509Certificate;
  /** The subject's CN: a professional's national id on a card, the structure's name or id on an ORG certificate. */
  readonly commonName: string;
}

function commonNameOf(certificate: X509Certificate): string {
  const line = certificate.subject.split('\n').find((part) => part.startsWith('CN='));
  return line?.slice(3) ?? '';
}

/** A CA the platform trusts, with whether the root's signature on it holds. */
interface TrustedCa {
  readonly family: CertificateFamily;
  readonly ca: X509Certificate;
  readonly signedByRoot: boolean;
}

/** Certificates whose issuing CAs are remembered: the cards, seals and VIHF signers of a few hundred sessions. */
const ISSUERS_KEPT = 256;

/**
 * The platform's trust decision for client and VIHF-signing certificates: issued (signature checked) by the
 * persons CA or the organisations CA, itself issued by the test root, and valid at the platform's time.
 */
export class TrustAnchors {
  private readonly root: X509Certificate;
  /**
   * Each CA with whether the root's signature on it holds: checked once here rather than at every call, since
   * neither certificate ever changes (their validity, which depends on the clock, is checked at every call).
   */
  private readonly cas: readonly TrustedCa[];
  /**
   * The CAs that issued a certificate and whose signature on it holds, by the certificate's exact bytes (DER,
   * in base64), oldest first: a fact of those bytes, checked once rather than at every call of a kept-alive
   * connection or a batch. Another certificate, even one naming the same subject and issuer, has other bytes.
   */
  private readonly issuers = new Map<string, readonly TrustedCa[]>();

  constructor(pki: TrustedCas) {
    this.root = new X509Certificate(pki.rootPem);
    this.cas = [
      { family: 'persons' as const, ca: new X509Certificate(pki.personsCaPem) },
      { family: 'organisations' as const, ca: new X509Certificate(pki.organisationsCaPem) },
    ].map((each) => ({ ...each, signedByRoot: each.ca.verify(this.root.publicKey) }));
  }

  /** The trusted CAs as PEM, for the TLS server's `ca` option. */
  get caPems(): string[] {
    return [this.root.toString(), ...this.cas.map(({ ca }) => ca.toString())];
  }

  /** The certificate's family when the test PKI issued it and it is valid at `now`; undefined otherwise. */
  classify(certificate: X509Certificate, now: Date): TrustedCertificate | undefined {
    if (!withinValidity(certificate, now)) return undefined;
    for (const { family, ca, signedByRoot } of this.issuersOf(certificate)) {
      if (signedByRoot && withinValidity(ca, now)) {
        return { family, certificate, commonName: commonNameOf(certificate) };
      }
    }
    return undefined;
  }

  /** The CAs, in their order, that issued `certificate` and signed it. */
  private issuersOf(certificate: X509Certificate): readonly TrustedCa[] {
    const key = certificate.raw.toString('base64');
    const known = this.issuers.get(key);
    if (known) return known;
    const found = this.cas.filter(({ ca }) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
    if (this.issuers.size >= ISSUERS_KEPT) this.issuers.delete(this.issuers.keys().next().value!);
    this.issuers.set(key, found);
    return found;
  }
}

function withinValidity(certificate: X509Certificate, now: Date): boolean {
  return Date.parse(certificate.validFrom) <= now.getTime() && now.getTime() <= Date.parse(certificate.validTo);
}
