import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MSS_HEADERS, patientMailAddress } from '../../../interop/mssante/addresses.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../../../mock-platform/seed/seed-data.js';
import { startTestPlatform, type TestPlatform } from '../../../mock-platform/testing.js';
import { submitMessage, type SmtpAuthentication } from './smtp-submission.js';

/**
 * The client's SMTP submission against the mock operator: the card's certificate (a PEM key here; the card's
 * relay is the CLI scenario's), SASL XOAUTH2 with a token asked for at each connection (the e-CPS session's
 * interface point, tested with a verifier standing in for Pro Santé Connect), and the operator's refusals read
 * back as typed errors.
 */
const ADULT = SEED_MATRICULES.adulte;
const GP = 'claire.lumiere-test@test.mssante.fr';
const HOSPITAL = 'helene.salpetre-test@test.mssante.fr';
let platform: TestPlatform;
let card: SmtpAuthentication;

beforeAll(async () => {
  platform = await startTestPlatform({
    mssante: {
      verifyAccessToken: (token) => Promise.resolve(token === 'jeton-psc' ? SEED_PROFESSIONALS.hospitalier : undefined),
    },
  });
  const issued = platform.pki.issuePerson({
    nationalId: SEED_PROFESSIONALS.generaliste,
    lastName: 'LUMIERE-TEST',
    firstName: 'CLAIRE',
    usage: 'authentication',
  });
  card = {
    kind: 'certificate',
    tls: { certificatePem: issued.certificatePem, key: { kind: 'pem', pem: issued.privateKeyPem } },
  };
});
afterAll(() => platform.dispose());

async function raw(from: string, headers: Record<string, string>): Promise<Buffer> {
  return new MailComposer({ from, to: patientMailAddress(ADULT), subject: 'Essai', text: 'x', headers })
    .compile()
    .build();
}

const submit = async (authentication: SmtpAuthentication, from: string, headers: Record<string, string>) =>
  submitMessage({
    server: { host: 'localhost', port: platform.mssante.smtpPort },
    trust: [platform.pki.rootPem],
    authentication,
    envelope: { from, to: [patientMailAddress(ADULT)] },
    raw: await raw(from, headers),
  });

const HEADERS = { [MSS_HEADERS.nil]: 'NIL', [MSS_HEADERS.ins]: 'O' };

describe('SMTP submission to the MSSanté operator', { timeout: 30_000 }, () => {
  it('submits under the card’s certificate', async () => {
    await submit(card, GP, HEADERS);
    expect(platform.mssante.patients.view(ADULT).messages.at(-1)).toMatchObject({ from: GP });
  });

  it('submits with an access token asked for at the connection (XOAUTH2), and says a refused one', async () => {
    let asked = 0;
    const token = (value: string): SmtpAuthentication => ({
      kind: 'token',
      user: HOSPITAL,
      accessToken: () => {
        asked += 1;
        return Promise.resolve(value);
      },
    });
    await submit(token('jeton-psc'), HOSPITAL, HEADERS);
    expect(asked).toBe(1);
    expect(platform.mssante.patients.view(ADULT).messages.at(-1)).toMatchObject({ from: HOSPITAL });
    await expect(submit(token('jeton-expire'), HOSPITAL, HEADERS)).rejects.toMatchObject({
      code: 'MSS_TOKEN_REFUSED',
    });
  });

  it('reads each refusal back as its typed error', async () => {
    await expect(submit(card, GP, { [MSS_HEADERS.ins]: 'O' })).rejects.toMatchObject({
      code: 'MSS_HEADER_MISSING',
      details: { header: 'X-MSS-NIL' },
    });
    await expect(submit(card, HOSPITAL, HEADERS)).rejects.toMatchObject({ code: 'MSS_SENDER_REFUSED' });
    platform.mssante.patients.setOpposition(ADULT, true);
    await expect(submit(card, GP, HEADERS)).rejects.toMatchObject({ code: 'MSS_PATIENT_OPPOSED' });
    platform.mssante.patients.setOpposition(ADULT, false);
  });

  it('says an operator that does not answer, and one whose certificate it cannot trust', async () => {
    await expect(
      submitMessage({
        server: { host: 'localhost', port: 1 },
        trust: [platform.pki.rootPem],
        authentication: card,
        envelope: { from: GP, to: [patientMailAddress(ADULT)] },
        raw: await raw(GP, HEADERS),
      }),
    ).rejects.toMatchObject({ code: 'MSS_OPERATOR_UNREACHABLE' });
    await expect(
      submitMessage({
        server: { host: 'localhost', port: platform.mssante.smtpPort },
        trust: [platform.pki.personsCaPem],
        authentication: card,
        envelope: { from: GP, to: [patientMailAddress(ADULT)] },
        raw: await raw(GP, HEADERS),
      }),
    ).rejects.toMatchObject({ code: 'MSS_TLS_REFUSED' });
  });
});
