import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type MockPlatform } from '../mock-platform/start.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { cliEnvironment, startHomeMockPlatform } from './support/platform-home.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

const home = mkdtempSync(join(tmpdir(), 'passerelle-cli-'));

function passerelle(args: string[], stdin = '', extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const env = cliEnvironment(home, platform.url, extraEnv);
  return runPasserelle(args, env, stdin);
}
let platform: MockPlatform;

beforeAll(async () => {
  provisionCastFromTemplate(home);
  platform = await startHomeMockPlatform(home);
}, 120_000);
afterAll(async () => platform.close());

describe('the command line, end to end with emulated cards and the mock platform', () => {
  it('lists the cards as JSON with label, kind, holder, profession, inserted and test PIN', async () => {
    await passerelle(['cards', 'insert', 'CPS-GENERALISTE']);
    const run = await passerelle(['cards', 'list', '--json']);
    expect(run.code).toBe(0);
    const { cards } = JSON.parse(run.stdout) as { cards: Array<Record<string, unknown>> };
    const gp = cards.find((card) => card.label === 'CPS-GENERALISTE');
    expect(gp).toMatchObject({
      kind: 'cps',
      holder: 'CLAIRE LUMIERE-TEST',
      profession: { code: '10', label: 'Médecin' },
      inserted: true,
      testPin: '1234',
    });
    expect(cards.find((card) => card.label === 'VITALE-ADULTE')).toMatchObject({ kind: 'vitale', inserted: false });
    expect(cards.find((card) => card.label === 'ORG-CHU-FICTIF')).toMatchObject({ kind: 'org' });
  });

  it('logs in with --pin-stdin, and a wrong PIN says how many tries are left, in French and English', async () => {
    const good = await passerelle(['cards', 'login', 'CPS-GENERALISTE', '--pin-stdin'], '1234\n');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('899700100017');
    const bad = await passerelle(['cards', 'login', 'CPS-GENERALISTE', '--pin-stdin'], '9999\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Il reste 2 essai(s)');
    expect(bad.stderr).toContain('2 try(ies) left');
    const short = await passerelle(['cards', 'login', 'CPS-GENERALISTE', '--pin-stdin'], '12\n');
    expect(short.stderr).toContain('exactement 4 chiffres');
    expect((await passerelle(['cards', 'login', 'CPS-GENERALISTE', '--pin-stdin'], '1234\n')).stdout).toContain(
      'Tries left: 3',
    );
  });

  it('reads the record status, declares consent, and is then authorized', async () => {
    await passerelle(['cards', 'insert', 'VITALE-ADULTE']);
    const args = ['--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin', '--json'];
    const before = JSON.parse((await passerelle(['status', ...args], '1234\n')).stdout) as {
      patient: { status: string };
      record: { authorization: string };
    };
    expect(before.patient.status).toBe('RECUP');
    expect(before.record.authorization).toBe('NON_EXISTE');
    const consent = await passerelle(['consent', ...args], '1234\n');
    expect(consent.code).toBe(0);
    expect(JSON.parse(consent.stdout)).toMatchObject({ authorization: 'VALIDE', record: { authorization: 'VALIDE' } });
  });

  it('refuses to pick a beneficiary of a family card by itself', async () => {
    await passerelle(['cards', 'insert', 'VITALE-FAMILLE']);
    const run = await passerelle(
      ['status', '--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-FAMILLE', '--pin-stdin'],
      '1234\n',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--beneficiary 1 à 3');
  });

  it('says a card is not in the reader instead of failing obscurely', async () => {
    const run = await passerelle(
      ['status', '--card', 'CPS-DENTISTE', '--vitale', 'VITALE-FAMILLE', '--beneficiary', '1', '--pin-stdin'],
      '1234\n',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("n'est pas dans le lecteur");
  });

  it('drives a vendor module named by PASSERELLE_PKCS11_MODULE with the same calls: every token present, tries counted by the token', async () => {
    // SoftHSM2 stands in for the CPS Cryptolib or OpenSC: no virtual reader, no emulated PIN counter.
    const vendor = {
      PASSERELLE_PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
      SOFTHSM2_CONF: join(home, 'cards', 'softhsm2.conf'),
    };
    const list = await passerelle(['cards', 'list', '--json'], '', vendor);
    expect(list.code).toBe(0);
    const { cards } = JSON.parse(list.stdout) as { cards: Array<Record<string, unknown>> };
    expect(cards.find((card) => card.label === 'CPS-INFIRMIER')).toMatchObject({ inserted: true });
    expect(cards.every((card) => card.testPin === undefined)).toBe(true);
    const login = await passerelle(['cards', 'login', 'CPS-INFIRMIER', '--pin-stdin', '--json'], '1234\n', vendor);
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({ identity: { profession: { code: '60' } } });
  });
});
