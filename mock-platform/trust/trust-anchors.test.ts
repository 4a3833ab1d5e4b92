import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { issueCertificate, type NameAttribute } from '../../interop/test-pki/certificates.js';
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

  it('does not take a certificate for one it accepted before that names the same subject and issuer', () => {
    const trust = new TrustAnchors(pki);
    const genuine = person(pki);
    // The same names, issued by an impostor CA that bears the persons CA's name.
    const namesOf = (pem: string): NameAttribute[] =>
      forge.pki
        .certificateFromPem(pem)
        // Values as forge reads them: UTF-8 bytes in a binary string.
        .subject.attributes.map((name) => ({ type: name.type!, value: forge.util.decodeUtf8(name.value as string) }));
    const impostorCa = issueCertificate({
      subject: namesOf(pki.personsCaPem),
      isCa: true,
      keyUsage: { keyCertSign: true, cRLSign: true },
      validYears: 1,
    });
    const lookalike = new X509Certificate(
      issueCertificate({
        subject: namesOf(genuine.toString()),
        issuer: impostorCa,
        isCa: false,
        keyUsage: { digitalSignature: true },
        validYears: 1,
      }).certificatePem,
    );
    expect(lookalike.subject).toBe(genuine.subject);
    expect(lookalike.issuer).toBe(genuine.issuer);
    expect(trust.classify(genuine, new Date())?.family).toBe('persons');
    expect(trust.classify(lookalike, new Date())).toBeUndefined();
    expect(trust.classify(genuine, new Date())?.family).toBe('persons');
    // And the other way round, on fresh anchors: the refusal is not what is kept for the genuine one.
    const fresh = new TrustAnchors(pki);
    expect(fresh.classify(lookalike, new Date())).toBeUndefined();
    expect(fresh.classify(genuine, new Date())?.family).toBe('persons');
  });

  it('refuses a certificate whose CA the root did not sign, though the CA itself issued it', () => {
    // The organisations CA stands for the root here: it signed neither CA.
    const trust = new TrustAnchors({ ...pki, rootPem: pki.organisationsCaPem });
    expect(trust.classify(person(pki), new Date())).toBeUndefined();
  });
});
