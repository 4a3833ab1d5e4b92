import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MSS_HEADERS, patientMailAddress } from '../../interop/mssante/addresses.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import { portalRequest } from '../test-support/portal-client.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

const ADULT = SEED_MATRICULES.adulte;
const GP = 'claire.lumiere-test@test.mssante.fr';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page>>endobj\n%%EOF\n');

/** The patient's mailbox on the portal: the JSON API, the page, the viewer, her answers and her opposition. */
describe('the portal’s mailbox', { timeout: 60_000 }, () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const card = platform.pki.issuePerson({
      nationalId: SEED_PROFESSIONALS.generaliste,
      lastName: 'LUMIERE-TEST',
      firstName: 'CLAIRE',
      usage: 'authentication',
    });
    await nodemailer
      .createTransport({
        host: 'localhost',
        port: platform.mssante.smtpPort,
        secure: false,
        requireTLS: true,
        tls: { ca: [platform.pki.rootPem], cert: card.certificatePem, key: card.privateKeyPem },
      })
      .sendMail({
        from: GP,
        to: patientMailAddress(ADULT),
        subject: 'Compte rendu',
        text: 'Bonjour',
        headers: { [MSS_HEADERS.nil]: 'PASSERELLE-TEST-NIL', [MSS_HEADERS.ins]: 'O' },
        attachments: [{ filename: 'lettre.pdf', content: PDF, contentType: 'application/pdf' }],
      });
  });
  afterAll(() => platform.dispose());

  const portal = (path: string, options: { method?: string; body?: unknown; as?: string } = {}) =>
    portalRequest(platform, path, {
      as: options.as ?? ADULT,
      ...(options.method === undefined ? {} : { method: options.method }),
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });

  it('returns the mailbox as JSON with each message’s sender, subject, date, attachments and X-MSS values', async () => {
    const answer = await portal('/portail/api/messages');
    expect(answer.status).toBe(200);
    const mailbox = JSON.parse(answer.body) as {
      address: string;
      opposition: boolean;
      messages: { receivedAt: string }[];
    };
    expect(mailbox.messages[0]?.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(mailbox.address).toBe(patientMailAddress(ADULT));
    expect(mailbox.opposition).toBe(false);
    expect(mailbox.messages).toEqual([
      expect.objectContaining({
        from: GP,
        subject: 'Compte rendu',
        attachments: [{ name: 'lettre.pdf', mediaType: 'application/pdf' }],
        'X-MSS-INS': 'O',
        'X-MSS-NIL': 'PASSERELLE-TEST-NIL',
      }),
    ]);
  });

  it('shows another patient nothing of it', async () => {
    const other = JSON.parse((await portal('/portail/api/messages', { as: SEED_MATRICULES.famillePere })).body) as {
      messages: unknown[];
    };
    expect(other.messages).toEqual([]);
  });

  it('lists the mailbox on the page and opens a PDF attachment in a sandbox', async () => {
    const page = await portal('/portail/');
    expect(page.body).toContain('<h2>Messagerie</h2>');
    expect(page.body).toContain('Compte rendu');
    const link = /href="(\/portail\/messages\/\d+\/pieces\/0)"/.exec(page.body)?.[1];
    expect(link).toBeDefined();
    const attachment = await portal(link!);
    expect(attachment.status).toBe(200);
    expect(attachment.headers['content-type']).toBe('application/pdf');
    expect(attachment.headers['content-security-policy']).toMatch(/^sandbox;/);
    expect(attachment.body).toContain('%PDF-1.4');
    expect((await portal('/portail/messages/99999/pieces/0')).status).toBe(404);
  });

  it('sends her answer to the professional, refuses a first word, and records her opposition', async () => {
    const [message] = (JSON.parse((await portal('/portail/api/messages')).body) as { messages: { id: number }[] })
      .messages;
    const answered = await portal('/portail/api/messages', {
      method: 'POST',
      body: { action: 'repondre', message: message!.id, texte: 'Merci' },
    });
    expect(answered.status).toBe(200);
    expect(platform.mssante.mailboxes.list(GP).at(-1)).toMatchObject({ subject: 'Re: Compte rendu' });

    const first = await portal('/portail/api/messages', {
      method: 'POST',
      body: { action: 'repondre', texte: 'Bonjour' },
    });
    expect(first.status).toBe(403);
    expect(JSON.parse(first.body)).toMatchObject({ code: 'PATIENT_INITIATEUR' });

    const opposed = await portal('/portail/api/messages', {
      method: 'POST',
      body: { action: 'opposition-messagerie', opposition: true },
    });
    expect(JSON.parse(opposed.body)).toMatchObject({ opposition: true });
    expect(platform.mssante.mailboxes.opposed(ADULT)).toBe(true);
  });
});
