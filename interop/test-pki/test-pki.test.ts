import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadOrCreateTestPki } from './test-pki.js';

const dir = join(mkdtempSync(join(tmpdir(), 'passerelle-pki-')), 'pki');
const pki = loadOrCreateTestPki(dir);

describe('loadOrCreateTestPki', () => {
  it('chains the persons and organisations CAs to the root, and keeps CA keys owner-only', () => {
    const root = new X509Certificate(pki.rootPem);
    const persons = new X509Certificate(pki.personsCaPem);
    const organisations = new X509Certificate(pki.organisationsCaPem);
    expect(root.ca && persons.ca && organisations.ca).toBe(true);
    expect(persons.verify(root.publicKey) && organisations.verify(root.publicKey)).toBe(true);
    expect(persons.subject).toContain('CN=TEST AC IGC-SANTE FORT PERSONNES');
    expect(statSync(join(dir, 'persons-ca.key')).mode & 0o777).toBe(0o600);
  });

  it('returns the same PKI when loaded again', () => {
    const again = loadOrCreateTestPki(dir);
    expect(again.rootPem).toBe(pki.rootPem);
    expect(again.platformServer.certificatePem).toBe(readFileSync(join(dir, 'platform-server.crt'), 'utf8'));
  });

  it('issues a person certificate after IGC-Santé: national id as CN, names, profession as title', () => {
    const issued = pki.issuePerson({
      nationalId: '899700100017',
      lastName: 'LUMIERE-TEST',
      firstName: 'CLAIRE',
      profession: { code: '10', label: 'Médecin' },
      usage: 'authentication',
    });
    const certificate = new X509Certificate(issued.certificatePem);
    expect(certificate.subject).toContain('CN=899700100017');
    expect(certificate.subject).toContain('SN=LUMIERE-TEST');
    expect(certificate.subject).toContain('GN=CLAIRE');
    expect(certificate.subject).toContain('title=Médecin');
    expect(certificate.checkIssued(new X509Certificate(pki.personsCaPem))).toBe(true);
    expect(certificate.keyUsage).toContain('1.3.6.1.5.5.7.3.2');
    expect(certificate.checkPrivateKey(createPrivateKey(issued.privateKeyPem))).toBe(true);
  });

  it('issues organisation certificates from the organisations CA, and a server certificate for localhost', () => {
    const seal = new X509Certificate(
      pki.issueOrganisation({ finess: '750000001', name: 'CHU Fictif', usage: 'signature' }).certificatePem,
    );
    expect(seal.checkIssued(new X509Certificate(pki.organisationsCaPem))).toBe(true);
    const server = new X509Certificate(pki.platformServer.certificatePem);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });
});
