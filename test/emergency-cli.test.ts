import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SEED_MATRICULES } from '../mock-platform/seed/seed-data.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { PROFESSIONAL_CARDS } from '../native-bridge/emulator/cast.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { startHomePlatform, cliEnvironment } from './support/platform-home.js';

/** `passerelle emergency` as an emergency or regulation physician runs it, with emulated cards and the mock. */
const home = mkdtempSync(join(tmpdir(), 'passerelle-emergency-'));
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startHomePlatform(home);
}, 120_000);
afterAll(async () => platform.dispose());

function passerelle(args: readonly string[]): Promise<CliRun> {
  const env = cliEnvironment(home, platform.url);
  return runPasserelle(args, env, '1234\n');
}

/** The two cards put in their readers, then the command with the PIN on standard input. */
async function emergency(card: string, vitale: string, ...args: string[]): Promise<CliRun> {
  await passerelle(['cards', 'insert', card]);
  await passerelle(['cards', 'insert', vitale]);
  return passerelle(['emergency', '--card', card, '--vitale', vitale, '--pin-stdin', ...args]);
}

const nationalId = (label: string): string => PROFESSIONAL_CARDS.find((card) => card.label === label)!.nationalId;

describe('passerelle emergency', () => {
  it('opens an unconscious patient’s record without consent: banner, audit with the reason, the patient notified', async () => {
    const run = await emergency(
      'CPS-URGENTISTE',
      'VITALE-INCONSCIENT',
      '--reason',
      'Patient inconscient aux urgences',
      '--json',
    );
    expect(run.code).toBe(0);
    // The last method's answer, `document.search`: what became accessible, and the access it went under.
    const answer = JSON.parse(run.stdout) as {
      emergencyAccess?: { mode: string; end: string };
      documents: unknown[];
    };
    expect(answer.emergencyAccess?.mode).toBe('bris_de_glace');
    expect(new Date(answer.emergencyAccess!.end).getTime()).toBeGreaterThan(Date.now());
    const audit = platform.audit
      .list({ patient: SEED_MATRICULES.inconscient })
      .filter((e) => e.accessMode === 'bris_de_glace');
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]).toMatchObject({
      actor: nationalId('CPS-URGENTISTE'),
      reason: 'Patient inconscient aux urgences',
      outcome: 'OK',
    });
    expect(
      platform.outbox.forPatient(SEED_MATRICULES.inconscient).filter((n) => n.kind === 'bris_de_glace'),
    ).toHaveLength(1);

    const text = await emergency(
      'CPS-URGENTISTE',
      'VITALE-INCONSCIENT',
      '--reason',
      'Patient inconscient aux urgences',
    );
    expect(text.stdout).toContain('ACCÈS EN URGENCE — bris de glace');
    expect(text.stdout).toContain('EMERGENCY ACCESS — break-glass');
    expect(text.stdout).toContain('Le patient est informé');
  }, 120_000);

  it('is refused, saying so, when the patient opposed break-glass access', async () => {
    const run = await emergency('CPS-URGENTISTE', 'VITALE-OPPOSE-BDG', '--reason', 'Détresse respiratoire');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Le patient s'est opposé à l'accès en urgence");
    expect(run.stderr).toContain('The patient opposed emergency (break-glass) access');
  }, 60_000);

  it('refuses an empty reason before anything leaves', async () => {
    const before = platform.audit.list().length;
    const run = await emergency('CPS-URGENTISTE', 'VITALE-INCONSCIENT', '--reason', '   ');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Indiquez le motif');
    expect(platform.audit.list()).toHaveLength(before);
  }, 60_000);

  it('grants centre 15 access to the regulation physician, and refuses it to a nurse before anything leaves', async () => {
    const regulator = await emergency(
      'CPS-REGULATEUR',
      'VITALE-ADULTE',
      '--centre-15',
      '--reason',
      'Appel au 15 : douleur thoracique',
      '--json',
    );
    expect(regulator.code).toBe(0);
    expect(JSON.parse(regulator.stdout)).toMatchObject({ emergencyAccess: { mode: 'centre_15' } });
    expect(platform.outbox.forPatient(SEED_MATRICULES.adulte).filter((n) => n.kind === 'centre_15')).toHaveLength(1);

    const before = platform.audit.list().length;
    const nurse = await emergency('CPS-INFIRMIER', 'VITALE-ADULTE', '--centre-15', '--reason', 'Appel au 15');
    expect(nurse.code).toBe(1);
    expect(nurse.stderr).toContain('réservé aux médecins régulateurs du SAMU');
    expect(platform.audit.list()).toHaveLength(before);
  }, 120_000);
});
