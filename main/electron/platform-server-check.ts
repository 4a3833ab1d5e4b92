import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

import type { Certificate } from 'electron';

/** Chromium's verdicts, as `setCertificateVerifyProc` takes them (net/base/net_error_list.h). */
export const VERDICT = {
  trusted: 0,
  nameMismatch: -200,
  dateInvalid: -201,
  authorityInvalid: -202,
  invalid: -207,
} as const;

/** The longest chain followed: the platform's is leaf, intermediate, root. */
const MAX_DEPTH = 6;

function chainOf(certificate: Certificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  for (let current: Certificate | undefined = certificate; current && chain.length < MAX_DEPTH;) {
    chain.push(new X509Certificate(current.data));
    current = current.issuerCert;
  }
  return chain;
}

function validAt(certificate: X509Certificate, now: Date): boolean {
  return Date.parse(certificate.validFrom) <= now.getTime() && now.getTime() <= Date.parse(certificate.validTo);
}

/** Issued (names and signature) by a certificate authority: a server certificate vouches for nobody. */
function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

/**
 * The platform's server certificate judged against the anchors Passerelle is configured with (IGC-Santé's roots,
 * the test root for the mock), as Node's TLS judges it for the command line and the service: the IGC-Santé
 * roots are in no operating system's store, and a root the system trusts must not vouch for the platform.
 * The chain is the one the server sent, each link checked (issuer, signature, dates) up to an anchor.
 */
export function platformServerVerdict(
  request: { readonly hostname: string; readonly certificate: Certificate },
  anchors: readonly X509Certificate[],
  now: Date,
): number {
  let chain: X509Certificate[];
  try {
    chain = chainOf(request.certificate);
  } catch {
    return VERDICT.invalid;
  }
  const leaf = chain[0];
  if (!leaf) return VERDICT.invalid;
  const host = request.hostname.replace(/^\[(.*)\]$/, '$1');
  const named = isIP(host) === 0 ? leaf.checkHost(host) : leaf.checkIP(host);
  if (named === undefined) return VERDICT.nameMismatch;
  for (const [index, certificate] of chain.entries()) {
    if (!validAt(certificate, now)) return VERDICT.dateInvalid;
    const anchor = anchors.find(
      (candidate) => candidate.fingerprint256 === certificate.fingerprint256 || issuedBy(certificate, candidate),
    );
    if (anchor) return validAt(anchor, now) ? VERDICT.trusted : VERDICT.dateInvalid;
    const issuer = chain[index + 1];
    if (!issuer || !issuedBy(certificate, issuer)) return VERDICT.authorityInvalid;
  }
  return VERDICT.authorityInvalid;
}
