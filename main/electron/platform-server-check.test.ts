import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Certificate } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { issueCertificate } from '../../interop/test-pki/certificates.js';
import { loadOrCreateTestPki, type TestPki } from '../../interop/test-pki/index.js';
import { platformServerVerdict, VERDICT } from './platform-server-check.js';

let dir: string;
let pki: TestPki;
let root: X509Certificate;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-server-check-'));
  pki = loadOrCreateTestPki(join(dir, 'pki'));
  root = new X509Certificate(pki.rootPem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A chain as Chromium hands it to the verify proc: each certificate links to its issuer. */
function chain(...pems: string[]): Certificate {
  const [first, ...rest] = pems;
  return { data: first!, ...(rest.length > 0 ? { issuerCert: chain(...rest) } : {}) } as Certificate;
}

describe('the platform server check', () => {
  it('trusts the platform’s chain up to a configured anchor, by name or address', () => {
    const sent = chain(pki.platformServer.certificatePem, pki.organisationsCaPem);
    const now = new Date();
    expect(platformServerVerdict({ hostname: 'localhost', certificate: sent }, [root], now)).toBe(VERDICT.trusted);
    expect(platformServerVerdict({ hostname: '127.0.0.1', certificate: sent }, [root], now)).toBe(VERDICT.trusted);
    expect(platformServerVerdict({ hostname: '[::1]', certificate: sent }, [root], now)).toBe(VERDICT.trusted);
    expect(platformServerVerdict({ hostname: '10.0.0.1', certificate: sent }, [root], now)).toBe(VERDICT.nameMismatch);
  });

  it('refuses a chain that reaches none of the anchors, even one the system would trust', () => {
    const sent = chain(pki.platformServer.certificatePem, pki.organisationsCaPem, pki.rootPem);
    const elsewhere = [new X509Certificate(pki.vitaleIssuerPem)];
    expect(platformServerVerdict({ hostname: 'localhost', certificate: sent }, elsewhere, new Date())).toBe(
      VERDICT.authorityInvalid,
    );
  });

  it('refuses another server’s name, and a certificate out of its dates', () => {
    const sent = chain(pki.platformServer.certificatePem, pki.organisationsCaPem);
    expect(platformServerVerdict({ hostname: 'dmp.example', certificate: sent }, [root], new Date())).toBe(
      VERDICT.nameMismatch,
    );
    const later = new Date(Date.now() + 20 * 365 * 24 * 3600 * 1000);
    expect(platformServerVerdict({ hostname: 'localhost', certificate: sent }, [root], later)).toBe(
      VERDICT.dateInvalid,
    );
  });

  it('refuses a server certificate issued by another end-entity certificate, though it chains to the root', () => {
    const vitaleIssuer = { certificatePem: pki.vitaleIssuerPem, privateKeyPem: pki.vitaleIssuer.privateKeyPem };
    const forged = issueCertificate({
      subject: [{ shortName: 'CN', value: 'localhost' }],
      issuer: vitaleIssuer,
      isCa: false,
      keyUsage: { digitalSignature: true },
      altNames: [{ type: 2, value: 'localhost' }],
      validYears: 1,
    });
    const sent = chain(forged.certificatePem, pki.vitaleIssuerPem);
    expect(platformServerVerdict({ hostname: 'localhost', certificate: sent }, [root], new Date())).toBe(
      VERDICT.authorityInvalid,
    );
  });

  it('refuses what is not a certificate', () => {
    expect(platformServerVerdict({ hostname: 'localhost', certificate: chain('garbage') }, [root], new Date())).toBe(
      VERDICT.invalid,
    );
  });
});
