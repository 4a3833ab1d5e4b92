import { createHash } from 'node:crypto';

import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MSS_HEADERS, patientMailAddress } from '../../interop/mssante/addresses.js';
import { buildXdmArchive, xdmDocumentName } from '../../interop/mssante/xdm-archive.js';
import { sampleSubmission } from '../../interop/xds/sample-metadata.js';
import { xdmMetadataXml } from '../../interop/xds/xdm-metadata.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../seed/seed-data.js';
import { smtpReply } from '../test-support/smtp-reply.js';
import { startTestPlatform, type TestPlatform } from '../testing.js';

/** The mock operator over a real SMTP conversation: STARTTLS, the card's certificate, its rules, the mailboxes. */
let platform: TestPlatform;
let card: { cert: string; key: string };
const GP = 'claire.lumiere-test@test.mssante.fr';
const POSTMASTER = 'mailer-daemon@test.mssante.fr';
const ADULT = SEED_MATRICULES.adulte;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page>>endobj\n%%EOF\n');

beforeAll(async () => {
  platform = await startTestPlatform({ mssante: { maxMessageBytes: 200_000 } });
  const issued = platform.pki.issuePerson({
    nationalId: SEED_PROFESSIONALS.generaliste,
    lastName: 'LUMIERE-TEST',
    firstName: 'CLAIRE',
    usage: 'authentication',
  });
  card = { cert: issued.certificatePem, key: issued.privateKeyPem };
}, 60_000);
afterAll(async () => platform.dispose());

function transport(tls: { cert?: string; key?: string } = card) {
  return nodemailer.createTransport({
    host: 'localhost',
    port: platform.mssante.smtpPort,
    secure: false,
    requireTLS: true,
    tls: { ca: [platform.pki.rootPem], minVersion: 'TLSv1.2', ...tls },
  });
}

const headers = (extra: Record<string, string> = {}) => ({
  [MSS_HEADERS.nil]: 'PASSERELLE-TEST-NIL',
  [MSS_HEADERS.ins]: 'O',
  ...extra,
});

async function xdmFor(matricule: string): Promise<Buffer> {
  const cda = Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>');
  const metadata = sampleSubmission([cda]);
  const patientId = { ...metadata.submissionSet.patientId, id: matricule };
  const entry = { ...metadata.documentEntries[0]!, patientId, uri: xdmDocumentName(0, 'XML') };
  return buildXdmArchive({
    metadataXml: xdmMetadataXml({
      ...metadata,
      submissionSet: { ...metadata.submissionSet, patientId },
      documentEntries: [entry],
    }),
    documents: [{ name: entry.uri, bytes: cda }],
    software: { name: 'Passerelle', version: 'test' },
  });
}

const inbox = (matricule: string) => platform.mssante.patients.view(matricule).messages;

describe('the mock MSSanté operator', { timeout: 60_000 }, () => {
  it('delivers a card-authenticated message with a PDF to the patient’s mailbox, its X-MSS headers kept', async () => {
    const before = inbox(ADULT).length;
    const sent = await transport().sendMail({
      from: GP,
      to: patientMailAddress(ADULT),
      subject: 'Compte rendu',
      text: 'Bonjour',
      headers: headers(),
      attachments: [{ filename: 'lettre.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    expect(sent.accepted).toEqual([patientMailAddress(ADULT)]);
    const [message] = inbox(ADULT).slice(before);
    expect(message).toMatchObject({
      from: GP,
      subject: 'Compte rendu',
      attachments: [{ name: 'lettre.pdf', mediaType: 'application/pdf' }],
      'X-MSS-INS': 'O',
      'X-MSS-NIL': 'PASSERELLE-TEST-NIL',
      canReply: true,
    });
  });

  it('accepts a valid XDM archive named by X-MSS-CODECDA', async () => {
    const xdm = await xdmFor(ADULT);
    await transport().sendMail({
      from: GP,
      to: patientMailAddress(ADULT),
      subject: 'Lettre',
      text: 'Lettre de liaison',
      headers: headers({ [MSS_HEADERS.codeCda]: '11490-0' }),
      attachments: [{ filename: 'IHE_XDM.ZIP', content: xdm, contentType: 'application/zip' }],
    });
    expect(inbox(ADULT).at(-1)).toMatchObject({ subject: 'Lettre', 'X-MSS-CODECDA': '11490-0' });
  });

  const refusals: ReadonlyArray<[string, () => Promise<unknown>, RegExp]> = [
    [
      'an unknown INS',
      () =>
        transport().sendMail({ from: GP, to: patientMailAddress('299999999999999'), text: 'x', headers: headers() }),
      /^550 INS_INCONNU/,
    ],
    [
      'a message without X-MSS-NIL',
      () => transport().sendMail({ from: GP, to: patientMailAddress(ADULT), text: 'x', headers: { 'X-MSS-INS': 'O' } }),
      /^550 ENTETE_MANQUANTE : en-tête X-MSS-NIL/,
    ],
    [
      'a message to a patient without X-MSS-INS',
      () =>
        transport().sendMail({
          from: GP,
          to: patientMailAddress(ADULT),
          text: 'x',
          headers: { 'X-MSS-NIL': 'PASSERELLE-TEST-NIL' },
        }),
      /^550 ENTETE_MANQUANTE : en-tête X-MSS-INS/,
    ],
    [
      'an XDM archive without X-MSS-CODECDA',
      async () =>
        transport().sendMail({
          from: GP,
          to: patientMailAddress(ADULT),
          text: 'x',
          headers: headers(),
          attachments: [{ filename: 'IHE_XDM.ZIP', content: await xdmFor(ADULT), contentType: 'application/zip' }],
        }),
      /^550 ENTETE_MANQUANTE : en-tête X-MSS-CODECDA/,
    ],
    [
      'an XDM archive about another patient',
      async () =>
        transport().sendMail({
          from: GP,
          to: patientMailAddress(ADULT),
          text: 'x',
          headers: headers({ [MSS_HEADERS.codeCda]: '11490-0' }),
          attachments: [
            {
              filename: 'IHE_XDM.ZIP',
              content: await xdmFor(SEED_MATRICULES.famillePere),
              contentType: 'application/zip',
            },
          ],
        }),
      /^550 XDM_INVALIDE/,
    ],
    [
      'a zip that is not an XDM archive',
      () =>
        transport().sendMail({
          from: GP,
          to: patientMailAddress(ADULT),
          text: 'x',
          headers: headers({ [MSS_HEADERS.codeCda]: '11490-0' }),
          attachments: [
            { filename: 'IHE_XDM.ZIP', content: Buffer.from('PK not a zip'), contentType: 'application/zip' },
          ],
        }),
      /^550 XDM_INVALIDE/,
    ],
    [
      'a message above the size limit',
      () =>
        transport().sendMail({
          from: GP,
          to: patientMailAddress(ADULT),
          text: 'x'.repeat(300_000),
          headers: headers(),
        }),
      /^552 /,
    ],
    [
      'a colleague the operator does not know',
      () => transport().sendMail({ from: GP, to: 'inconnu@test.mssante.fr', text: 'x', headers: headers() }),
      /^550 DESTINATAIRE_INCONNU/,
    ],
  ];

  it.each(refusals)('refuses %s whole, delivering nothing to anyone', async (_name, send, reply) => {
    const before = inbox(ADULT).length;
    const colleague = platform.mssante.mailboxes.list('helene.salpetre-test@test.mssante.fr').length;
    expect(await smtpReply(send())).toMatch(reply);
    expect(inbox(ADULT)).toHaveLength(before);
    expect(platform.mssante.mailboxes.list('helene.salpetre-test@test.mssante.fr')).toHaveLength(colleague);
  });

  it('refuses a message to a patient who opposed messaging, in words, and takes it again once she withdraws it', async () => {
    platform.mssante.patients.setOpposition(ADULT, true);
    const send = () =>
      transport().sendMail({
        from: GP,
        to: patientMailAddress(ADULT),
        subject: 'Rappel',
        text: 'x',
        headers: headers(),
      });
    expect(await smtpReply(send())).toMatch(/^550 OPPOSITION_PATIENT : le patient s’est opposé à la messagerie \//);
    platform.mssante.patients.setOpposition(ADULT, false);
    await expect(send()).resolves.toMatchObject({ accepted: [patientMailAddress(ADULT)] });
  });

  it('lets the patient answer a professional, not write first, nor answer after X-MSS-MES: FIN', async () => {
    await transport().sendMail({
      from: GP,
      to: patientMailAddress(ADULT),
      subject: 'Résultats',
      text: 'Vos résultats sont normaux.',
      headers: headers(),
    });
    const open = inbox(ADULT).at(-1)!;
    const reply = await platform.mssante.patients.reply(ADULT, open.id, 'Merci docteur');
    expect(reply).toMatchObject({
      mailbox: GP,
      subject: 'Re: Résultats',
      inReplyTo: platform.mssante.mailboxes.find(patientMailAddress(ADULT), open.id)?.messageId,
    });
    await expect(platform.mssante.patients.reply(ADULT, undefined, 'Bonjour')).rejects.toMatchObject({
      rule: 'PATIENT_INITIATEUR',
    });

    await transport().sendMail({
      from: GP,
      to: patientMailAddress(ADULT),
      subject: 'Information',
      text: 'Ne pas répondre',
      headers: headers({ [MSS_HEADERS.mes]: 'FIN' }),
    });
    const closed = inbox(ADULT).at(-1)!;
    expect(closed.canReply).toBe(false);
    await expect(platform.mssante.patients.reply(ADULT, closed.id, 'Merci')).rejects.toMatchObject({
      rule: 'CONVERSATION_CLOSE',
    });
    const received = platform.mssante.mailboxes.list(GP).filter((m) => m.from !== POSTMASTER);
    expect(received.at(-1)?.subject).toBe('Re: Résultats');
  });

  it('reports to the sender’s mailbox each message delivered, and each refused with its rule (DSN)', async () => {
    const delivered = await transport().sendMail({
      from: GP,
      to: patientMailAddress(ADULT),
      subject: 'Remis',
      text: 'x',
      headers: headers(),
    });
    platform.mssante.patients.setOpposition(ADULT, true);
    const refused = transport().sendMail({
      from: GP,
      to: patientMailAddress(ADULT),
      subject: 'Refusé',
      text: 'x',
      headers: headers(),
    });
    await expect(refused).rejects.toMatchObject({ responseCode: 550 });
    platform.mssante.patients.setOpposition(ADULT, false);
    const [ok, failed] = platform.mssante.mailboxes
      .list(GP)
      .filter((m) => m.from === POSTMASTER)
      .slice(-2);
    expect(ok!.inReplyTo).toBe(delivered.messageId);
    const report = (id: number) => platform.mssante.mailboxes.raw(GP, id)!.toString('latin1');
    expect(report(ok!.id)).toMatch(/report-type=delivery-status[\s\S]*Action: delivered\r\nStatus: 2\.0\.0/);
    expect(report(failed!.id)).toMatch(
      /Action: failed\r\nStatus: 5\.7\.1\r\nDiagnostic-Code: smtp; 550 OPPOSITION_PATIENT : le patient s'est oppose/,
    );
  });

  it('serves her mailbox over IMAP after STARTTLS to her card’s certificate, and to nobody without one', async () => {
    const imap = (tls: { cert?: string; key?: string }) =>
      new ImapFlow({
        host: 'localhost',
        port: platform.mssante.imapPort,
        secure: false,
        doSTARTTLS: true,
        logger: false,
        tls: { ca: [platform.pki.rootPem], minVersion: 'TLSv1.2', ...tls },
        auth: { user: SEED_PROFESSIONALS.generaliste, pass: 'ignoré', loginMethod: 'AUTH=PLAIN' },
      });
    const client = imap(card);
    await client.connect();
    const subjects: string[] = [];
    const lock = await client.getMailboxLock('INBOX');
    try {
      for await (const message of client.fetch('1:*', { envelope: true }))
        subjects.push(message.envelope?.subject ?? '');
    } finally {
      lock.release();
    }
    await client.logout();
    expect(subjects).toContain('Re: Résultats');
    expect(subjects).toContain('Delivery Status Notification (delivered)');
    await expect(imap({}).connect()).rejects.toMatchObject({ authenticationFailed: true });
  });

  it('keeps the delivered bytes: an attachment comes back as sent', async () => {
    const message = inbox(ADULT).find((m) => m.attachments.some((a) => a.name === 'lettre.pdf'))!;
    const found = await platform.mssante.patients.attachment(ADULT, message.id, 0);
    expect(createHash('sha256').update(found!.content).digest('hex')).toBe(
      createHash('sha256').update(PDF).digest('hex'),
    );
  });
});
