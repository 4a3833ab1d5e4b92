import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isPasserelleError } from '../api/errors/index.js';
import type { VitaleBeneficiaryData } from '../main/core/patient/patient-identity.js';
import { HttpsTransport } from '../main/core/platform/https-transport.js';
import { PlatformClient } from '../main/core/platform/platform-client.js';
import type { DmpSession } from '../main/core/session/dmp-session.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { VITALE_CARDS } from '../native-bridge/emulator/cast.js';
import { failure } from './support/outcomes.js';
import { openPemSession, cardIdentity } from './support/pem-session.js';

let platform: TestPlatform;
const journalPath = join(mkdtempSync(join(tmpdir(), 'passerelle-chain-')), 'journal.sqlite');

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform.dispose());

function sessionFor(label: string, options: { now?: () => Date } = {}): DmpSession {
  return openPemSession(platform, cardIdentity(label), { journalPath, ...options });
}

function beneficiary(label: string, index = 0): VitaleBeneficiaryData {
  const card = VITALE_CARDS.find((c) => c.label === label)!;
  return { holderNir: card.holderNir, ...card.beneficiaries[index]! };
}

describe('the first chain against the mock platform, over mutual TLS', () => {
  it('identifies the adult by INSi, finds no authorization, declares consent, then is authorized — with one VIHF signature', async () => {
    const session = sessionFor('CPS-GENERALISTE');
    const patient = await session.identify(beneficiary('VITALE-ADULTE'));
    expect(patient.status).toBe('RECUP');
    expect(patient.ins.matricule).toBe(VITALE_CARDS[0]!.holderNir);
    expect(patient.ins.oid).toBe('1.2.250.1.213.1.4.10');

    const before = await session.recordStatus(patient);
    expect(before).toMatchObject({ record: { status: 'ACTIF' }, authorization: 'NON_EXISTE' });
    await expect(session.declareConsent(patient, { patientAgreed: false })).rejects.toThrow();
    expect(await session.declareConsent(patient, { patientAgreed: true })).toBe('VALIDE');
    expect((await session.recordStatus(patient)).authorization).toBe('VALIDE');
    expect(session.vihf.signatures).toBe(1);
    expect(session.clock?.warning).toBe(false);

    const audit = JSON.stringify(platform.audit.list({ patient: patient.ins.matricule }));
    expect(audit).toContain('TD0.3');
    expect(audit).toContain('899700100017');
    expect(platform.outbox.forPatient(patient.ins.matricule).length).toBeGreaterThan(0);
  });

  it('qualifies the identity only with a named identity document, and journals it', async () => {
    const session = sessionFor('CPS-GENERALISTE');
    const patient = await session.identify(beneficiary('VITALE-ADULTE'));
    expect(() => session.qualify(patient, ' ')).toThrow();
    expect(session.qualify(patient, 'carte nationale d’identité').status).toBe('QUAL');
  });

  it('reports a closed record and an opposed patient as the platform says', async () => {
    const session = sessionFor('CPS-GENERALISTE');
    const closed = await session.identify(beneficiary('VITALE-DOSSIER-FERME'));
    expect((await session.recordStatus(closed)).record.status).toBe('FERME');
    const opposed = await session.identify(beneficiary('VITALE-OPPOSANT'));
    expect((await session.recordStatus(opposed)).record.status).toBe('INEXISTANT');
  });

  it('tells a blocked professional that the patient forbade access, whatever he declares', async () => {
    const session = sessionFor('CPS-PEDICURE');
    const patient = await session.identify(beneficiary('VITALE-ADULTE'));
    const status = await session.recordStatus(patient);
    expect(status.authorization).toBe('INTERDIT');
    const declared = await session.declareConsent(patient, { patientAgreed: true }).then(
      (value) => value,
      (error: unknown) => (isPasserelleError(error) ? error.code : 'untyped'),
    );
    expect(['INTERDIT', 'ACCESS_FORBIDDEN']).toContain(declared);
  });

  it('never picks one of two homonyms: the family card child is found by her own NIR, homonyms by traits are refused', async () => {
    const session = sessionFor('CPS-GENERALISTE');
    const child = await session.identify(beneficiary('VITALE-FAMILLE', 1));
    expect(child.ins.matricule).toBe(VITALE_CARDS.find((c) => c.label === 'VITALE-FAMILLE')!.beneficiaries[1]!.nir);
    const twin2 = await session.identify(beneficiary('VITALE-JUMEAUX', 1));
    expect(twin2.ins.matricule).not.toBe((await session.identify(beneficiary('VITALE-JUMEAUX', 0))).ins.matricule);
  });

  it('turns a platform clock 10 minutes away into a clock-skew error', async () => {
    const session = sessionFor('CPS-GENERALISTE', { now: () => new Date(Date.now() + 10 * 60 * 1000) });
    const patient = await session.identify(beneficiary('VITALE-ADULTE'));
    expect(session.clock?.warning).toBe(true);
    expect(await failure(session.recordStatus(patient))).toBe('VIHF_CLOCK_SKEW');
  });

  it('refuses a client certificate from outside the test PKI at the TLS handshake', async () => {
    const { issueCertificate } = await import('../interop/test-pki/certificates.js');
    const stranger = issueCertificate({
      subject: [{ shortName: 'CN', value: 'intrus' }],
      isCa: false,
      keyUsage: { digitalSignature: true },
      validYears: 1,
    });
    const transport = new HttpsTransport({
      baseUrl: platform.url,
      trustPem: [platform.pki.rootPem],
      clientCertificatePem: stranger.certificatePem,
      clientKey: { kind: 'pem', pem: stranger.privateKeyPem },
    });
    const client = new PlatformClient(transport);
    const code = await failure(client.call({ service: 'insi', action: 'urn:x', bodyXml: '<x/>' }));
    // The platform drops the connection right after the handshake: the client cannot tell more than that.
    expect(['PLATFORM_TLS_REFUSED', 'PLATFORM_UNREACHABLE']).toContain(code);
  });
});
