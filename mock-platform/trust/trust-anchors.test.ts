import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadOrCreateTestPki, type TestPki } from '../../interop/test-pki/test-pki.js';
import { TrustAnchors } from './trust-anchors.js';

describe('the trust anchors', () => {
  let dir: string;
  let pki: TestPki;
  const person = (issuer: TestPki): X509Certificate =>
    new X509Certificate(
      issuer.issuePerson({
        nationalId: '810000000001',
        lastName: 'MARTIN',
        firstName: 'Anne',
        profession: { code: '10', label: 'Médecin' },
        usage: 'authentication',
      }).certificatePem,
    );

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trust-anchors-'));
    pki = loadOrCreateTestPki(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a card certificate its persons CA issued, valid now, and not before it is valid', () => {
    const trust = new TrustAnchors(pki);
    const certificate = person(pki);
    expect(trust.classify(certificate, new Date())?.family).toBe('persons');
    expect(trust.classify(certificate, new Date(Date.parse(certificate.validFrom) - 1000))).toBeUndefined();
  });

  it('refuses a certificate whose CA the root did not sign, though the CA itself issued it', () => {
    // The organisations CA stands for the root here: it signed neither CA.
    const trust = new TrustAnchors({ ...pki, rootPem: pki.organisationsCaPem });
    expect(trust.classify(person(pki), new Date())).toBeUndefined();
  });
});
