import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MSS_HEADERS, patientMailAddress } from '../interop/mssante/addresses.js';
import { readXdmArchive, XDM_METADATA } from '../interop/mssante/xdm-archive.js';
import { readXdmMetadata } from '../interop/xds/xdm-metadata.js';
import { SEED_MATRICULES } from '../mock-platform/seed/seed-data.js';
import { httpsRequest } from '../mock-platform/test-support/https-client.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { ansExampleFor } from './support/ans-example.js';
import { ebrsProblems } from './support/ebrs.js';
import { ONE_PAGE_PDF } from './support/outcomes.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/**
 * `passerelle message send` and `message list` as a script runs them: emulated cards, the mock platform and its
 * MSSanté operator, a real SMTP conversation under the card's certificate (the card's TLS relay does STARTTLS),
 * the result read in the patient's portal mailbox and the colleague's.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-message-cli-'));
const files = mkdtempSync(join(tmpdir(), 'passerelle-message-files-'));
const ADULT = SEED_MATRICULES.adulte;
const COLLEAGUE = 'helene.salpetre-test@test.mssante.fr';
/** Above the operator's limit in this file once base64-encoded. */
const LIMIT = 400_000;
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const passerelle = (args: string[], stdin = '1234\n'): Promise<CliRun> => runPasserelle(args, env, stdin);
const atDesk = ['--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin'];
const send = (...args: string[]) => passerelle(['message', 'send', ...atDesk, ...args]);

const file = (name: string, bytes: Buffer | string): string => {
  const path = join(files, name);
  writeFileSync(path, bytes);
  return path;
};

interface PortalMessage {
  readonly id: number;
  readonly from: string;
  readonly subject: string;
  readonly canReply: boolean;
  readonly attachments: { name: string; mediaType: string }[];
  readonly [header: string]: unknown;
}

async function portalMailbox(): Promise<PortalMessage[]> {
  const answer = await httpsRequest(platform.port, platform.pki.rootPem, {
    method: 'GET',
    path: '/portail/api/messages',
    headers: { Authorization: platform.portal.authorization(ADULT) },
  });
  return (JSON.parse(answer.body) as { messages: PortalMessage[] }).messages;
}

beforeAll(async () => {
  provisionCastFromTemplate(home, ['CPS-GENERALISTE', 'VITALE-ADULTE']);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki'), mssante: { maxMessageBytes: LIMIT } });
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

describe('passerelle message send', { timeout: 120_000 }, () => {
  it('refuses to write to the patient before her identity is qualified, sending nothing', async () => {
    const run = await send('--to-patient', '--attach', file('lettre.pdf', ONE_PAGE_PDF), '--subject', 'Compte rendu');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('INS qualifiée');
    expect(run.stderr).toContain('qualified INS');
    expect(await portalMailbox()).toEqual([]);
  });

  it('lands a PDF in the patient’s Mon espace santé mailbox, visible on the portal with X-MSS-INS = O', async () => {
    const qualified = await send('--to-patient', '--subject', 'Bienvenue', '--identity-checked', 'passeport');
    expect(qualified.stderr).toBe('');
    expect(qualified.code).toBe(0);
    // The command of the done-criterion, the identity now qualified on this workstation.
    const run = await send('--to-patient', '--attach', file('lettre.pdf', ONE_PAGE_PDF), '--subject', 'Compte rendu');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Message accepté par l’opérateur');
    const message = (await portalMailbox()).at(-1)!;
    expect(message).toMatchObject({
      from: 'claire.lumiere-test@test.mssante.fr',
      subject: 'Compte rendu',
      attachments: [{ name: 'lettre.pdf', mediaType: 'application/pdf' }],
      'X-MSS-INS': 'O',
      'X-MSS-NIL': 'PASSERELLE-TEST-NIL',
      canReply: true,
    });
  });

  it('carries a structured CDA in an IHE XDM archive whose METADATA.XML is valid ebRS, named by X-MSS-CODECDA', async () => {
    const cda = file('prescription.xml', ansExampleFor('eP-MED-DM_2024.01_PosoStruct.xml', ADULT));
    const run = await send('--to-patient', '--attach', cda, '--subject', 'Ordonnance', '--json');
    expect(run.stderr).toBe('');
    const answer = JSON.parse(run.stdout) as { message: { headers: Record<string, string>; messageId: string } };
    const codes = answer.message.headers[MSS_HEADERS.codeCda]!;
    expect(codes).toMatch(/^\d+-\d$/);
    const message = (await portalMailbox()).at(-1)!;
    expect(message).toMatchObject({ subject: 'Ordonnance', 'X-MSS-CODECDA': codes, 'X-MSS-INS': 'O' });
    const raw = platform.mssante.mailboxes.raw(patientMailAddress(ADULT), message.id)!;
    const zip = (await simpleParser(raw)).attachments.find((a) => a.contentType === 'application/zip')!;
    const archive = await readXdmArchive(zip.content);
    const metadataXml = archive.get(XDM_METADATA)!.toString('utf8');
    expect(ebrsProblems(metadataXml, 'lcm')).toEqual([]);
    const metadata = readXdmMetadata(metadataXml);
    expect(metadata.documentEntries.map((e) => [e.typeCode.code, e.patientId.id])).toEqual([[codes, ADULT]]);
  });

  it('sends to a colleague, and honours --no-reply for the patient', async () => {
    const run = await send(
      '--to',
      COLLEAGUE,
      '--to-patient',
      '--no-reply',
      '--subject',
      'Information',
      '--body',
      'Pour information',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(platform.mssante.mailboxes.list(COLLEAGUE).at(-1)).toMatchObject({
      subject: 'Information',
      mss: { 'X-MSS-MES': 'FIN', 'X-MSS-INS': 'O' },
    });
    const message = (await portalMailbox()).at(-1)!;
    expect(message).toMatchObject({ subject: 'Information', 'X-MSS-MES': 'FIN', canReply: false });
    await expect(platform.mssante.patients.reply(ADULT, message.id, 'Merci')).rejects.toMatchObject({
      rule: 'CONVERSATION_CLOSE',
    });
  });

  it('says each refusal in French and English and sends nothing', async () => {
    const before = (await portalMailbox()).length;
    const colleagueBefore = platform.mssante.mailboxes.list(COLLEAGUE).length;

    platform.mssante.patients.setOpposition(ADULT, true);
    const opposed = await send('--to-patient', '--to', COLLEAGUE, '--subject', 'Rappel');
    platform.mssante.patients.setOpposition(ADULT, false);
    expect(opposed.code).toBe(1);
    expect(opposed.stderr).toContain('s’est opposé à recevoir des messages');
    expect(opposed.stderr).toContain('opposed receiving messages');

    const large = await send('--to-patient', '--attach', file('gros.pdf', bigPdf(LIMIT)), '--subject', 'Imagerie');
    expect(large.code).toBe(1);
    expect(large.stderr).toContain(`dépasse la taille que l’opérateur accepte (${LIMIT} octets)`);

    const otherPatient = file(
      'autre.xml',
      ansExampleFor('eP-MED-DM_2024.01_PosoStruct.xml', SEED_MATRICULES.famillePere),
    );
    const mismatch = await send('--to-patient', '--attach', otherPatient, '--subject', 'Ordonnance');
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('INS');

    const typed = await send('--to', patientMailAddress(ADULT), '--subject', 'Adresse saisie');
    expect(typed.code).toBe(1);
    expect(typed.stderr).toContain('--to-patient');

    const unsupported = await send('--to', COLLEAGUE, '--attach', file('note.docx', 'x'), '--subject', 'Note');
    expect(unsupported.code).toBe(1);
    expect(unsupported.stderr).toContain('note.docx');

    const nobody = await send('--subject', 'Personne');
    expect(nobody.code).toBe(1);

    expect(await portalMailbox()).toHaveLength(before);
    expect(platform.mssante.mailboxes.list(COLLEAGUE)).toHaveLength(colleagueBefore);
  });
});

describe('passerelle message list', { timeout: 60_000 }, () => {
  it('lists what this workstation sent, newest first, each delivered as the operator reported it', async () => {
    const run = await passerelle(['message', 'list', '--card', 'CPS-GENERALISTE', '--pin-stdin', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { sent } = JSON.parse(run.stdout) as { sent: { subject: string; to: string[]; status: string }[] };
    expect(sent.map((m) => m.subject)).toEqual(['Information', 'Ordonnance', 'Compte rendu', 'Bienvenue']);
    expect(sent[0]).toMatchObject({ to: [patientMailAddress(ADULT), COLLEAGUE], status: 'delivered' });
  });

  it('says that her mailbox could not be read when the operator’s IMAP server does not answer', async () => {
    const run = await runPasserelle(
      ['message', 'list', '--card', 'CPS-GENERALISTE', '--pin-stdin'],
      { ...env, PASSERELLE_MSSANTE_IMAP: 'localhost:1' },
      '1234\n',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Votre boîte MSSanté n’a pas pu être lue chez l’opérateur localhost:1');
    expect(run.stderr).toContain('Your MSSanté mailbox could not be read at the operator localhost:1');
  });

  it('says that her mailbox needs her session when neither card nor e-CPS is given', async () => {
    const run = await passerelle(['message', 'list', '--json'], '');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('connectez-vous avec votre carte');
    expect(run.stderr).toContain('sign in with your card');
  });
});

/** A readable PDF of about `bytes` bytes (one page, then a comment filling the rest). */
function bigPdf(bytes: number): Buffer {
  const head = ONE_PAGE_PDF.subarray(0, ONE_PAGE_PDF.lastIndexOf('%%EOF'));
  return Buffer.concat([head, Buffer.from(`%${'x'.repeat(bytes)}\n%%EOF\n`, 'latin1')]);
}
