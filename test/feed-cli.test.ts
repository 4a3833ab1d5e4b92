import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { KIT_DIR } from '../interop/cda-validation/test-support/rules.js';
import { buildUpdateDocumentSetRequest, registryFailure, statusUpdate } from '../interop/xds/index.js';
import { cardCredentials } from '../main/core/cards/card-credentials.js';
import { chooseBeneficiary } from '../main/core/patient/beneficiary.js';
import { openPlatformSession } from '../main/core/session/platform-session.js';
import { openEmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import { submissionSetFor, xdsAuthor } from '../main/core/feed/submission.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { ONE_PAGE_PDF as PDF } from './support/outcomes.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { startHomePlatform, cliEnvironment, WITH_TEST_RULES } from './support/platform-home.js';
import { filesIn } from './support/scratch-files.js';

/** `passerelle upload` and `passerelle validate` as a script runs them, with emulated cards and the mock. */
const home = mkdtempSync(join(tmpdir(), 'passerelle-upload-'));
const files = mkdtempSync(join(tmpdir(), 'passerelle-upload-files-'));
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const ADULT = '285057511203496';
const EXAMPLE = readFileSync(join(KIT_DIR, 'ExemplesCDA', 'LDL-SES_2022.01.xml'), 'utf8');

const file = filesIn(files);

beforeAll(async () => {
  platform = await startHomePlatform(home);
  env = cliEnvironment(home, platform.url, WITH_TEST_RULES);
  await passerelle(['cards', 'insert', 'CPS-GENERALISTE']);
  await passerelle(['cards', 'insert', 'VITALE-ADULTE']);
}, 120_000);
afterAll(async () => platform.dispose());

const passerelle = (args: string[], stdin = '', extraEnv: Record<string, string | undefined> = {}): Promise<CliRun> =>
  runPasserelle(args, { ...env, ...extraEnv }, stdin);

const upload = (...args: string[]): Promise<CliRun> =>
  passerelle(['upload', '--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin', ...args], '1234\n');

// Each test runs the command line several times, each a process that loads the cards: minutes on a busy CI machine.
describe('passerelle validate', { timeout: 120_000 }, () => {
  it('passes the ANS example with the official rules, and lists each rule a corrupted copy breaks', async () => {
    const good = await passerelle(['validate', file('ldl-ses.xml', EXAMPLE)]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Document conforme (structure et règles officielles de l’ANS vérifiées)\n');
    expect(good.stdout).toContain('Valid document (structure and official ANS rules checked)\n');
    const corrupted = EXAMPLE.replace(/<title>[^<]*<\/title>/, '');
    const bad = await passerelle(['validate', file('ldl-ses-corrompu.xml', corrupted), '--json']);
    expect(bad.code).toBe(1);
    const check = JSON.parse(bad.stdout) as {
      valid: boolean;
      official: boolean;
      findings: { severity: string; message: string }[];
    };
    expect(check).toMatchObject({ valid: false, official: true });
    expect(check.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
  });

  it('says plainly when the official rules are not configured, and still applies its own checks', async () => {
    const run = await passerelle(['validate', file('sans-regles.xml', EXAMPLE)], '', {
      PASSERELLE_CDA_RULES: undefined,
    });
    expect(run.stderr).toContain("Only Passerelle's structural checks were applied");
    expect(run.code).toBe(0);
  });

  it('refuses a CDA that declares a DTD (XXE) without reading it', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${EXAMPLE.replace(/^<\?xml[^>]*>/, '')}`;
    const run = await passerelle(['validate', file('xxe.xml', xxe)]);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).not.toContain('root:');
  });
});

describe('passerelle upload', { timeout: 120_000 }, () => {
  it('files a PDF discharge letter once the identity is checked, and the next upload finds it still qualified', async () => {
    const unqualified = await upload('--type', '11490-0', file('lettre.pdf', PDF));
    expect(unqualified.code).toBe(1);
    expect(unqualified.stderr).toContain('identité du patient n’est pas qualifiée');

    const first = await upload('--type', '11490-0', '--identity-checked', 'passeport', file('lettre.pdf', PDF));
    expect(first.stderr).not.toContain('Erreur');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Document déposé dans le DMP du patient.');

    const second = await upload('--type', '11490-0', '--hide-from-patient', '--json', file('annonce.pdf', PDF));
    expect(second.code).toBe(0);
    // `document.upload`'s answer: filed without --identity-checked, so the identity was still qualified.
    const outcome = JSON.parse(second.stdout) as {
      document: { uniqueId: string; visibility: string[] };
      check: { valid: boolean };
    };
    expect(outcome.check.valid).toBe(true);
    expect(outcome.document.visibility).toEqual(['INVISIBLE_PATIENT']);
    expect(platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId)).not.toContain(
      outcome.document.uniqueId,
    );
  });

  it.each([
    ['a text renamed .pdf', 'faux.pdf', Buffer.from('not a pdf at all'), 'n’est pas un PDF'],
    ['an empty file', 'vide.pdf', Buffer.alloc(0), '0 octet'],
    [
      'an encrypted PDF',
      'chiffre.pdf',
      Buffer.from(PDF.toString('latin1').replace('trailer <<', 'trailer << /Encrypt 9 0 R'), 'latin1'),
      'chiffré',
    ],
    ['a PDF without a page', 'sans-page.pdf', Buffer.from('%PDF-1.4\ntrailer << >>\n%%EOF\n'), 'aucune page'],
    ['invalid XML', 'casse.xml', Buffer.from('<ClinicalDocument><title>'), 'XML'],
    ['a file of an unknown kind', 'photo.png', Buffer.from('png'), 'ni un PDF'],
  ])('refuses %s with a clear message, and sends nothing of it', async (_what, name, content, message) => {
    // The patient is identified (INSi) before `document.upload` reads the file: nothing else reaches the platform.
    const beyondIdentification = () =>
      platform.audit.list({ patient: ADULT }).filter((entry) => !entry.action.startsWith('INSi'));
    const before = beyondIdentification().length;
    const run = await upload('--type', '11490-0', file(name, content));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
    expect(beyondIdentification()).toHaveLength(before);
  });

  it('refuses a file above the configured size limit before reading it', async () => {
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ maxDocumentBytes: 100 }));
    try {
      const run = await upload('--type', '11490-0', file('gros.pdf', PDF));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('au-delà de la limite de 100 octets');
    } finally {
      writeFileSync(join(home, 'settings.json'), '{}');
    }
  });

  it('refuses an existing CDA about another patient, naming the trait that differs', async () => {
    const run = await upload(file('autre-patient.xml', EXAMPLE));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/INS|nom de naissance/);
  });

  it('lets nobody but the author delete a document: another physician’s card is refused, the document stays', async () => {
    const [filed] = platform.documents.listFor(ADULT, { kind: 'patient' });
    const station = openEmulatedStation(home, env);
    try {
      const { deck } = station;
      await deck.emulator!.insert('CPS-HOSPITALIER');
      await deck.login('1234', { confirmLastTry: false });
      const other = openPlatformSession(station.workstation, cardCredentials(deck.professional!));
      await deck.emulator!.insert('VITALE-ADULTE');
      const patient = other.session.qualify(
        await other.session.identify(chooseBeneficiary(await deck.readVitale(), undefined)),
        'passeport',
      );
      const { credentials, software, now } = other.session.context;
      const set = submissionSetFor(filed!.entry.patientId, [xdsAuthor(credentials.identity)], software, now());
      const answer = await other.session.updateDocumentSet(
        patient,
        buildUpdateDocumentSetRequest(statusUpdate(set, filed!.entry.entryUUID, 'Approved', 'Deleted')),
      );
      expect(registryFailure(answer)).toMatchObject({ code: 'XDS_REQUEST_REFUSED' });
      expect(platform.documents.listFor(ADULT, { kind: 'patient' }).map((d) => d.entry.uniqueId)).toContain(
        filed!.entry.uniqueId,
      );
      other.close();
    } finally {
      await station.close();
    }
  });
});
