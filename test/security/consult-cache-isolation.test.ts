import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuditEntry } from '../../mock-platform/audit/audit-log.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../../mock-platform/seed/seed-data.js';
import { file } from '../../mock-platform/test-support/consult-caller.js';
import { cardHolder, td03, td03Status } from '../../mock-platform/test-support/dmp-caller.js';
import { httpsRequest } from '../../mock-platform/test-support/https-client.js';
import type { TestPlatform } from '../../mock-platform/testing.js';
import { PROFESSIONAL_CARDS } from '../../native-bridge/emulator/cast.js';
import { VirtualReader } from '../../native-bridge/emulator/virtual-reader.js';
import { emulatorPaths } from '../../native-bridge/index.js';
import { runPasserelle, type CliRun } from '../support/run-cli.js';
import { startHomePlatform, cliEnvironment } from '../support/platform-home.js';

/**
 * One workstation, one OS user, several professionals: the consultation cache (`consult.sqlite` in the shared
 * PASSERELLE_HOME) must never let one professional read what another retrieved, nor serve a professional
 * whose access the platform withdrew. Each attack is replayed as it was done: real SoftHSM cards, the real
 * command line (a new card session per run), the mock platform over mutual TLS.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-cache-isolation-'));
const out = mkdtempSync(join(tmpdir(), 'passerelle-cache-isolation-out-'));
const reader = new VirtualReader(emulatorPaths(home));
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const nationalId = (label: string): string => PROFESSIONAL_CARDS.find((card) => card.label === label)!.nationalId;
const PODIATRIST = nationalId('CPS-PEDICURE');
const NURSE = nationalId('CPS-INFIRMIER');
const HOSPITAL = nationalId('CPS-HOSPITALIER');
const EMERGENCY = nationalId('CPS-URGENTISTE');
const GP = SEED_PROFESSIONALS.generaliste;

const passerelle = (args: readonly string[], stdin = ''): Promise<CliRun> => runPasserelle(args, env, stdin);

/** The professional's card and the patient's Vitale card in their readers, then one patient command. */
async function atDesk(command: 'search' | 'get', card: string, vitale: string, ...args: string[]): Promise<CliRun> {
  // Putting a card in its reader is the user's gesture, not a command: the emulated reader's state is set here.
  reader.insert('professional', card);
  reader.insert('vitale', vitale);
  const beneficiary = vitale === 'VITALE-FAMILLE' ? ['--beneficiary', '1'] : [];
  return passerelle([command, '--card', card, '--vitale', vitale, ...beneficiary, '--pin-stdin', ...args], '1234\n');
}

interface SearchJson {
  readonly mode: 'first' | 'incremental';
  readonly previousVisit: string | null;
  readonly documents: readonly { readonly uniqueId: string }[];
}

async function searchJson(card: string, vitale: string): Promise<SearchJson> {
  const run = await atDesk('search', card, vitale, '--json');
  expect(run.stderr).not.toContain('Erreur');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as SearchJson;
}

/** The platform's audit entries about a patient written after `seq`, by one professional. */
const auditSince = (patient: string, seq: number, actor: string): AuditEntry[] =>
  platform.audit.list({ patient }).filter((entry) => entry.seq > seq && entry.actor === actor);
const lastSeq = (patient: string): number => platform.audit.list({ patient }).at(-1)?.seq ?? 0;

/** The professional declares the patient's consent (TD0.3), as a consent the patient gave her. */
async function authorize(professional: string, profession: string, patient: string): Promise<void> {
  expect(td03Status(await td03(platform, cardHolder(platform, professional, profession), patient, 'AJOUT'))).toBe(
    'VALIDE',
  );
}

/**
 * `passerelle get` of `uniqueId` at the desk of `cards` (the professional's, the Vitale): refused in words, no file
 * written, and the platform, asked, has the attempt of `actor` in the patient's history.
 */
async function expectRefusedGet(
  patient: string,
  [card, vitale]: readonly [string, string],
  actor: string,
  uniqueId: string,
  fileName: string,
): Promise<void> {
  const before = lastSeq(patient);
  const target = join(out, fileName);
  const attempt = await atDesk('get', card, vitale, uniqueId, '--out', target);
  expect(attempt.code).toBe(1);
  expect(attempt.stderr).toContain('ne figure pas');
  expect(existsSync(target)).toBe(false);
  const asked = auditSince(patient, before, actor).filter((entry) => /^ITI-(18|43)/.test(entry.action));
  expect(asked.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  platform = await startHomePlatform(home);
  env = cliEnvironment(home, platform.url);
}, 120_000);
afterAll(async () => platform.dispose());

describe('the consultation cache of a shared workstation', { timeout: 180_000 }, () => {
  it('refuses the podiatrist a hospital stay report the GP retrieved, and the platform audits his attempt', async () => {
    const patient = SEED_MATRICULES.inconscient;
    await authorize(GP, '10', patient);
    await authorize(PODIATRIST, '80', patient);
    const filed = await file(platform, cardHolder(platform, HOSPITAL), patient, [
      { text: 'Compte rendu d’hospitalisation', typeCode: '34112-3' },
    ]);
    const report = filed.metadata.documentEntries[0]!.uniqueId;

    // The GP consults the record and retrieves the stay report: it is now in the workstation's cache.
    expect((await searchJson('CPS-GENERALISTE', 'VITALE-INCONSCIENT')).documents.map((d) => d.uniqueId)).toContain(
      report,
    );
    const gpCopy = join(out, 'gp-report.xml');
    const gp = await atDesk('get', 'CPS-GENERALISTE', 'VITALE-INCONSCIENT', report, '--out', gpCopy);
    expect(gp.stderr).not.toContain('Erreur');
    expect(readFileSync(gpCopy).equals(filed.contents[0]!)).toBe(true);

    // The podiatrist, whom the habilitation matrix refuses this type, asks for it by its uniqueId.
    // The platform was asked, decided, and the patient's history shows the attempt.
    await expectRefusedGet(
      patient,
      ['CPS-PEDICURE', 'VITALE-INCONSCIENT'],
      PODIATRIST,
      report,
      'podiatrist-report.xml',
    );
  });

  it('refuses the nurse the patient blocked, a document she had retrieved before, read or rendered, and tells her', async () => {
    const patient = SEED_MATRICULES.corse;
    await authorize(NURSE, '60', patient);
    const filed = await file(platform, cardHolder(platform, GP), patient, [
      { text: 'Lettre de liaison pour les soins à domicile' },
    ]);
    const letter = filed.metadata.documentEntries[0]!.uniqueId;
    expect((await searchJson('CPS-INFIRMIER', 'VITALE-CORSE')).documents.map((d) => d.uniqueId)).toContain(letter);
    const retrieved = await atDesk(
      'get',
      'CPS-INFIRMIER',
      'VITALE-CORSE',
      letter,
      '--out',
      join(out, 'nurse-letter.xml'),
    );
    expect(retrieved.stderr).not.toContain('Erreur');
    expect(retrieved.code).toBe(0);

    // The patient blocks her on the portal.
    const blocked = await httpsRequest(platform.port, platform.pki.rootPem, {
      method: 'POST',
      path: '/portail/api/actions',
      headers: { Authorization: platform.portal.authorization(patient), 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'bloquer', professionnel: NURSE }),
    });
    expect(blocked.status).toBeLessThan(400);

    const before = lastSeq(patient);
    const target = join(out, 'nurse-letter-after-block.xml');
    const read = await atDesk('get', 'CPS-INFIRMIER', 'VITALE-CORSE', letter, '--out', target);
    expect(read.code).toBe(1);
    expect(read.stderr).toContain('ne vous accorde plus l’accès');
    expect(read.stderr).toContain('copie');
    expect(read.stderr).toContain('no longer grants');
    expect(existsSync(target)).toBe(false);
    expect(auditSince(patient, before, NURSE).map((entry) => entry.action)).toContain('TD0.2');

    const afterRead = lastSeq(patient);
    const rendered = join(out, 'nurse-letter-rendered.html');
    const render = await atDesk('get', 'CPS-INFIRMIER', 'VITALE-CORSE', letter, '--render', '--out', rendered);
    expect(render.code).toBe(1);
    expect(render.stderr).toContain('PS_BLOQUE');
    expect(existsSync(rendered)).toBe(false);
    const refused = auditSince(patient, afterRead, NURSE);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.some((entry) => /^ITI-(18|43)/.test(entry.action) && entry.outcome === 'PS_BLOQUE')).toBe(true);
  });

  it('shows the médecin traitant the masked letter another professional could not see, with her own last visit', async () => {
    const patient = SEED_MATRICULES.famillePere;
    await authorize(EMERGENCY, '10', patient);
    // Filed and masked an hour ago: older than any later visit's overlap, so only a first visit finds it.
    const hourAgo = new Date(Date.now() - 3600 * 1000);
    const masked = (
      await file(
        platform,
        cardHolder(platform, HOSPITAL),
        patient,
        [{ text: 'Lettre masquée aux professionnels', visibility: ['MASQUE_PS'], at: hourAgo }],
        {
          submittedAt: hourAgo,
        },
      )
    ).metadata.documentEntries[0]!.uniqueId;

    const other = await searchJson('CPS-URGENTISTE', 'VITALE-FAMILLE');
    expect(other.documents.map((d) => d.uniqueId)).not.toContain(masked);

    const firstStart = new Date().toISOString();
    const first = await searchJson('CPS-GENERALISTE', 'VITALE-FAMILLE');
    const firstEnd = new Date().toISOString();
    expect(first.mode).toBe('first');
    expect(first.previousVisit).toBeNull();
    expect(first.documents.map((d) => d.uniqueId)).toContain(masked);
    const gpCopy = join(out, 'gp-masked.xml');
    expect((await atDesk('get', 'CPS-GENERALISTE', 'VITALE-FAMILLE', masked, '--out', gpCopy)).code).toBe(0);

    // What she retrieved stays hers: the other professional does not find it, and asking for it by its
    // uniqueId, he is refused by the platform.
    expect((await searchJson('CPS-URGENTISTE', 'VITALE-FAMILLE')).documents.map((d) => d.uniqueId)).not.toContain(
      masked,
    );
    await expectRefusedGet(patient, ['CPS-URGENTISTE', 'VITALE-FAMILLE'], EMERGENCY, masked, 'other-masked.xml');

    // His visits in between do not move hers: "new since" is her own last visit.
    const second = await searchJson('CPS-GENERALISTE', 'VITALE-FAMILLE');
    expect(second.mode).toBe('incremental');
    expect(second.previousVisit! >= firstStart && second.previousVisit! <= firstEnd).toBe(true);
    expect(second.documents.map((d) => d.uniqueId)).toContain(masked);
  });
});
