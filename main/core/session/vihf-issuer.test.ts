import { createPrivateKey, createSign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import { loadOrCreateTestPki } from '../../../interop/test-pki/index.js';
import type { PlatformCredentials } from './credentials.js';
import { passerelleSoftware } from './software.js';
import { VihfIssuer } from './vihf-issuer.js';

const identity = {
  nationalId: '899700100017',
  lastName: 'LUMIERE-TEST',
  firstName: 'CLAIRE',
  profession: { code: '10', label: 'Médecin' },
  structure: { id: '1750000019', name: 'Cabinet fictif', sector: 'SA07' },
};
const pki = loadOrCreateTestPki(join(mkdtempSync(join(tmpdir(), 'passerelle-vihf-')), 'pki'));
const issued = pki.issuePerson({ ...identity, usage: 'authentication' });
const key = createPrivateKey(issued.privateKeyPem);
const signer = {
  certificatePem: issued.certificatePem,
  signSha256: (data: Uint8Array) => Promise.resolve(createSign('sha256').update(data).sign(key)),
};
const credentials: PlatformCredentials = {
  authMode: 'DIRECTE',
  identity,
  actor: identity.nationalId,
  vihfSigner: signer,
  documentSigner: signer,
  tls: { certificatePem: issued.certificatePem, key: { kind: 'pem', pem: issued.privateKeyPem } },
};
const patient = { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.10' };
/** The same physician acting in a SAMU regulation situation (the centre 15 of his card). */
const regulating: PlatformCredentials = {
  ...credentials,
  identity: {
    ...identity,
    structure: { id: '1750000027', name: 'SAMU Fictif 75 - Centre 15', sector: 'SA01', medicalRegulation: true },
  },
};
const REGULATION_CLAIM = /<saml2:Attribute Name="Acces_Regulation_Medicale"><saml2:AttributeValue>(\w+)</;
const software = passerelleSoftware('0.1.0-test');

describe('VihfIssuer', () => {
  it('signs once for calls that ask the same patient’s token at the same time', async () => {
    const issuer = new VihfIssuer(credentials, software);
    const tokens = await Promise.all([
      issuer.forPatient(patient),
      issuer.forPatient(patient),
      issuer.forPatient(patient),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(issuer.signatures).toBe(1);
  });

  it('signs again once the token is older than its reuse period', async () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const issuer = new VihfIssuer(credentials, software, () => now, 60_000);
    await issuer.forPatient(patient);
    now = new Date(now.getTime() + 61_000);
    await issuer.forPatient(patient);
    expect(issuer.signatures).toBe(2);
  });

  it('does not keep a failed signature: the next call asks the card again', async () => {
    let refuse = true;
    const flaky: PlatformCredentials = {
      ...credentials,
      vihfSigner: {
        certificatePem: credentials.vihfSigner.certificatePem,
        signSha256: (data) =>
          refuse ? Promise.reject(new Error('card removed')) : credentials.vihfSigner.signSha256(data),
      },
    };
    const issuer = new VihfIssuer(flaky, software);
    await expect(issuer.forPatient(patient)).rejects.toThrow('card removed');
    refuse = false;
    await expect(issuer.forPatient(patient)).resolves.toContain('Assertion');
    expect(issuer.signatures).toBe(1);
  });

  it('states the medical regulation only from a SAMU regulation situation, and refuses centre 15 from any other before the card is asked', async () => {
    const regulator = new VihfIssuer(regulating, software);
    const regulation = await regulator.forPatient(patient, { mode: 'centre_15', reason: 'Appel au 15' });
    expect(REGULATION_CLAIM.exec(regulation)?.[1]).toBe('VRAI');
    expect(await regulator.forPatient(patient, { mode: 'bris_de_glace', reason: 'Inconscient' })).not.toMatch(
      REGULATION_CLAIM,
    );

    const physician = new VihfIssuer(credentials, software);
    const refusal: unknown = await physician.forPatient(patient, { mode: 'centre_15', reason: 'Appel au 15' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isPasserelleError(refusal) && refusal.code).toBe('CENTRE_15_REGULATION_ONLY');
    expect(physician.signatures).toBe(0);
  });

  it('does not take a regulation situation on a card for a non-physician', async () => {
    const nurse = new VihfIssuer(
      { ...regulating, identity: { ...regulating.identity, profession: { code: '60', label: 'Infirmier' } } },
      software,
    );
    await expect(nurse.forPatient(patient, { mode: 'centre_15', reason: 'Appel au 15' })).rejects.toMatchObject({
      code: 'CENTRE_15_REGULATION_ONLY',
    });
  });
});
