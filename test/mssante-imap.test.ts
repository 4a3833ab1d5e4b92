import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { patientMailAddress } from '../interop/mssante/addresses.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../mock-platform/seed/seed-data.js';
import { httpsRequest } from '../mock-platform/test-support/https-client.js';
import { PSC_DEFAULTS } from '../mock-platform/start.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { ONE_PAGE_PDF } from './support/outcomes.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/**
 * The whole MSSanté conversation over real mail protocols, as a script runs it: the GP writes to the patient by
 * SMTP (STARTTLS, her card's certificate through the card's relay), the patient opens it and answers on her
 * portal, and the GP's `message list` reads her mailbox from the operator's Dovecot over IMAP (STARTTLS, the
 * card's certificate): the reply, and the read receipt that makes the message `read`. Then the same with her
 * e-CPS session (SASL XOAUTH2 on SMTP and IMAP, the token introspected at the mock's PSC), and an expired token
 * refused on both, in words.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-mssante-imap-'));
const ADULT = SEED_MATRICULES.adulte;
const GP_ADDRESS = 'claire.lumiere-test@test.mssante.fr';
/** How far the platform's clock is ahead of the workstation's: past a token's life, PSC's tokens are expired. */
let ahead = 0;
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const passerelle = (args: string[], stdin = '1234\n'): Promise<CliRun> => runPasserelle(args, env, stdin);
const withCard = ['--card', 'CPS-GENERALISTE', '--pin-stdin'];

interface Listed {
  sent: { messageId: string; subject: string; status: string; statusAt?: string }[];
  received: { messageId: string; from: string; subject: string; body: string; inReplyTo: string | null }[];
}

const portal = (path: string, body?: unknown) =>
  httpsRequest(platform.port, platform.pki.rootPem, {
    method: body === undefined ? 'GET' : 'POST',
    path,
    headers: {
      Authorization: platform.portal.authorization(ADULT),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function lastPortalMessage(): Promise<{ id: number; subject: string; from: string }> {
  const { messages } = JSON.parse((await portal('/portail/api/messages')).body) as {
    messages: { id: number; subject: string; from: string }[];
  };
  return messages.at(-1)!;
}

async function list(...how: string[]): Promise<Listed> {
  const run = await passerelle(['message', 'list', ...how, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Listed;
}

beforeAll(async () => {
  provisionCastFromTemplate(home, ['CPS-GENERALISTE', 'VITALE-ADULTE']);
  platform = await startTestPlatform({
    pkiDir: join(home, 'pki'),
    clock: () => new Date(Date.now() + ahead),
    psc: { autoApprove: true },
  });
  env = {
    ...process.env,
    PASSERELLE_HOME: home,
    PASSERELLE_PLATFORM_URL: platform.url,
    PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
    PASSERELLE_MSSANTE_SMTP: `localhost:${platform.mssante.smtpPort}`,
    PASSERELLE_MSSANTE_IMAP: `localhost:${platform.mssante.imapPort}`,
  };
  await passerelle(['cards', 'insert', 'CPS-GENERALISTE']);
  await passerelle(['cards', 'insert', 'VITALE-ADULTE']);
}, 180_000);
afterAll(async () => platform.dispose());

describe('MSSanté over SMTP and IMAP with the mock operator', { timeout: 120_000 }, () => {
  let sentId: string;

  it('brings the patient’s reply to the GP’s inbox over IMAP, and her reading makes the message read', async () => {
    const letter = join(home, 'lettre.pdf');
    writeFileSync(letter, ONE_PAGE_PDF);
    const send = await passerelle([
      'message',
      'send',
      ...withCard,
      '--vitale',
      'VITALE-ADULTE',
      '--identity-checked',
      'passeport',
      '--to-patient',
      '--attach',
      letter,
      '--subject',
      'Compte rendu',
      '--json',
    ]);
    expect(send.stderr).toBe('');
    sentId = (JSON.parse(send.stdout) as { message: { messageId: string } }).message.messageId;

    // She opens the letter in the portal's viewer (the read receipt goes then), and answers.
    const message = await lastPortalMessage();
    expect((await portal(`/portail/messages/${message.id}/pieces/0`)).status).toBe(200);
    expect(
      (await portal('/portail/api/messages', { action: 'repondre', message: message.id, texte: 'Merci docteur' }))
        .status,
    ).toBe(200);

    const after = await list(...withCard);
    expect(after.sent[0]).toMatchObject({ messageId: sentId, status: 'read' });
    expect(Date.parse(after.sent[0]!.statusAt ?? '')).toBeGreaterThan(0);
    expect(after.received).toHaveLength(1);
    expect(after.received[0]).toMatchObject({
      from: patientMailAddress(ADULT),
      subject: 'Re: Compte rendu',
      inReplyTo: sentId,
    });
    expect(after.received[0]!.body).toContain('Merci docteur');
  });

  it('sends and reads with the e-CPS session, by XOAUTH2 with the PSC token on SMTP and IMAP', async () => {
    const login = await passerelle(['login', '--e-cps', SEED_PROFESSIONALS.generaliste, '--json'], '');
    expect(login.code).toBe(0);
    const send = await passerelle([
      'message',
      'send',
      '--e-cps',
      '--vitale',
      'VITALE-ADULTE',
      '--to-patient',
      '--subject',
      'Rendez-vous',
      '--json',
    ]);
    expect(send.stderr).toBe('');
    expect(await lastPortalMessage()).toMatchObject({ subject: 'Rendez-vous', from: GP_ADDRESS });

    const listed = await list('--e-cps');
    expect(listed.sent.map((m) => [m.subject, m.status])).toEqual([
      ['Rendez-vous', 'delivered'],
      ['Compte rendu', 'read'],
    ]);
    expect(listed.received.map((m) => m.inReplyTo)).toEqual([sentId]);
    // The structure's certificate is not hers: the operator let her in by her token.
    const log = readFileSync(join(platform.dataDir, 'platform', 'mssante-imap', 'dovecot.log'), 'utf8');
    expect(log).toMatch(new RegExp(`Login: user=<${GP_ADDRESS}>, method=XOAUTH2`));
    expect(log).toMatch(/Login: user=<\d{12}>, method=PLAIN/);
  });

  it('refuses an expired token on SMTP and IMAP, saying to sign in again, and sends nothing', async () => {
    const before = (await lastPortalMessage()).id;
    ahead = (PSC_DEFAULTS.accessTokenSeconds + 60) * 1000;
    try {
      const send = await passerelle([
        'message',
        'send',
        '--e-cps',
        '--vitale',
        'VITALE-ADULTE',
        '--to-patient',
        '--subject',
        'Trop tard',
      ]);
      expect(send.code).toBe(1);
      expect(send.stderr).toContain('refuse votre jeton Pro Santé Connect (expiré ou révoqué)');
      expect(send.stderr).toContain('refuses your Pro Santé Connect token (expired or revoked)');
      const read = await passerelle(['message', 'list', '--e-cps']);
      expect(read.code).toBe(1);
      expect(read.stderr).toContain('passerelle login --e-cps');
      expect(read.stderr).toContain('refuses your Pro Santé Connect token');
    } finally {
      ahead = 0;
    }
    expect((await lastPortalMessage()).id).toBe(before);
  });
});
