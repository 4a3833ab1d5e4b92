import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SEED_MATRICULES } from '../../mock-platform/seed/seed-data.js';
import { findDocuments, iti18 } from '../../mock-platform/test-support/consult-caller.js';
import { cardHolder, faultCode, td02, type TestCaller } from '../../mock-platform/test-support/dmp-caller.js';
import type { TestPlatform } from '../../mock-platform/testing.js';
import { PROFESSIONAL_CARDS } from '../../native-bridge/emulator/cast.js';
import { runPasserelle, type CliRun } from '../support/run-cli.js';
import { startHomePlatform, cliEnvironment } from '../support/platform-home.js';

/**
 * The attack as it was done: an emergency physician of the CHU, who regulates nothing, asked for the centre 15
 * access (`passerelle emergency --centre-15`) and was granted the patient's record, because the client stated
 * "regulation physician" on every centre 15 request and the platform believed it. Then the same physician
 * forging that statement himself, past the client, with his own card's certificates.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-centre15-attack-'));
let platform: TestPlatform;

const card = (label: string) => PROFESSIONAL_CARDS.find((spec) => spec.label === label)!;
const URGENTISTE = card('CPS-URGENTISTE');
const REGULATEUR = card('CPS-REGULATEUR');
const PATIENT = SEED_MATRICULES.inconscient;

beforeAll(async () => {
  platform = await startHomePlatform(home);
}, 120_000);
afterAll(async () => {
  await platform.dispose();
  rmSync(home, { recursive: true, force: true });
});

function passerelle(args: readonly string[]): Promise<CliRun> {
  const env = cliEnvironment(home, platform.url);
  return runPasserelle(args, env, '1234\n');
}

const centre15Notices = () => platform.outbox.forPatient(PATIENT).filter((notice) => notice.kind === 'centre_15');
const centre15Accesses = () =>
  platform.emergencyAccesses.ofPatient(PATIENT).filter((access) => access.mode === 'centre_15');

/** The urgentist's own card as the test PKI issues it, his practice situation at the CHU, with the claims he forges. */
function urgentistForging(claims: Partial<TestCaller['claims']>): TestCaller {
  const own = cardHolder(platform, URGENTISTE.nationalId);
  const chu = URGENTISTE.activities[0]!;
  return {
    ...own,
    claims: {
      ...own.claims,
      structureId: chu.structureId,
      sector: chu.sector,
      subjectName: `${URGENTISTE.lastName} ${URGENTISTE.firstName}`,
      ...claims,
    },
  };
}

const CENTRE_15 = { accessMode: 'centre_15', accessReason: 'Appel au 15 : malaise', medicalRegulation: true } as const;

describe('an emergency physician asking for the centre 15 access', () => {
  it('is refused by the command line before anything leaves, saying why and what to use instead', async () => {
    await passerelle(['cards', 'insert', URGENTISTE.label]);
    await passerelle(['cards', 'insert', 'VITALE-INCONSCIENT']);
    const before = platform.audit.list().length;
    const run = await passerelle([
      'emergency',
      '--card',
      URGENTISTE.label,
      '--vitale',
      'VITALE-INCONSCIENT',
      '--pin-stdin',
      '--centre-15',
      '--reason',
      'Appel au 15 : malaise',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('réservé aux médecins régulateurs du SAMU');
    expect(run.stderr).toContain('bris de glace');
    expect(run.stderr).toContain('reserved to SAMU regulation physicians');
    expect(run.stderr).toContain('break-glass');
    // Nothing reached the platform: no INSi lookup, no DMP call, no access opened, nothing told to the patient.
    expect(platform.audit.list()).toHaveLength(before);
    expect(centre15Accesses()).toEqual([]);
    expect(centre15Notices()).toEqual([]);
  }, 120_000);

  it('is refused by the platform when he forges the regulation claim from his own practice situation at the CHU', async () => {
    const forger = urgentistForging({});
    const status = await td02(platform, forger, PATIENT, { claims: CENTRE_15 });
    expect(faultCode(status)).toBe('CENTRE_15_NON_HABILITE');
    expect(status.body).toContain('réservé aux médecins régulateurs');
    const search = await iti18(platform, forger, PATIENT, findDocuments(PATIENT), { claims: CENTRE_15 });
    expect([search.status, search.errors[0]?.errorCode]).toEqual(['Failure', 'CENTRE_15_NON_HABILITE']);
    expect(
      platform.audit
        .list()
        .filter((entry) => entry.actor === URGENTISTE.nationalId)
        .slice(-2),
    ).toEqual([
      expect.objectContaining({
        action: 'TD0.2',
        accessMode: 'centre_15',
        structure: '1750000019',
        outcome: 'CENTRE_15_NON_HABILITE',
      }),
      expect.objectContaining({ accessMode: 'centre_15', structure: '1750000019', outcome: 'CENTRE_15_NON_HABILITE' }),
    ]);
    expect(centre15Accesses()).toEqual([]);
    expect(centre15Notices()).toEqual([]);
  });

  it('is refused by the platform when he also names the SAMU regulation centre as his structure', async () => {
    const samu = REGULATEUR.activities[0]!;
    const forger = urgentistForging({ structureId: samu.structureId, sector: samu.sector });
    const status = await td02(platform, forger, PATIENT, { claims: CENTRE_15 });
    expect(faultCode(status)).toBe('CENTRE_15_NON_HABILITE');
    const search = await iti18(platform, forger, PATIENT, findDocuments(PATIENT), { claims: CENTRE_15 });
    expect(search.errors[0]?.errorCode).toBe('CENTRE_15_NON_HABILITE');
    expect(centre15Accesses()).toEqual([]);
    expect(centre15Notices()).toEqual([]);
  });
});
