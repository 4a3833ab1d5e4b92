import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SEED_MATRICULES } from '../mock-platform/seed/seed-data.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { ONE_PAGE_PDF as PDF } from './support/outcomes.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { startHomePlatform, cliEnvironment, WITH_TEST_RULES } from './support/platform-home.js';
import { filesIn } from './support/scratch-files.js';

/** `passerelle upload --secret-minor`: a 15-year-old's secret connection, and the refusal for her father. */
const home = mkdtempSync(join(tmpdir(), 'passerelle-secret-'));
const file = filesIn(mkdtempSync(join(tmpdir(), 'passerelle-secret-files-')));
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const CHLOE = SEED_MATRICULES.familleMineureSecrete;

beforeAll(async () => {
  platform = await startHomePlatform(home);
  env = cliEnvironment(home, platform.url, WITH_TEST_RULES);
  await runPasserelle(['cards', 'insert', 'CPS-GENERALISTE'], env);
  await runPasserelle(['cards', 'insert', 'VITALE-FAMILLE'], env);
}, 120_000);
afterAll(async () => platform.dispose());

const upload = (beneficiary: string, ...args: string[]): Promise<CliRun> =>
  runPasserelle(
    [
      'upload',
      ...['--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-FAMILLE', '--beneficiary', beneficiary, '--pin-stdin'],
      ...['--type', '11488-4', '--identity-checked', 'passeport', '--secret-minor', ...args],
    ],
    env,
    '1234\n',
  );

describe('passerelle upload --secret-minor', { timeout: 120_000 }, () => {
  it('refuses the secret connection for an adult before anything is filed', async () => {
    const run = await upload('1', file('consultation.pdf', PDF));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('La connexion secrète n’existe que pour un patient mineur');
    expect(platform.audit.list().some((entry) => entry.action.startsWith('ITI-41'))).toBe(false);
  });

  it("files a minor's document under her secret connection, invisible to her legal representatives", async () => {
    const run = await upload('2', '--title', 'Consultation confidentielle', '--json', file('consultation.pdf', PDF));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { document: { visibility: string[] } }).document.visibility).toEqual([
      'INVISIBLE_REPRESENTANTS_LEGAUX',
    ]);
    expect(platform.audit.list().at(-1)).toMatchObject({ action: 'ITI-41.connexion-secrete', outcome: 'OK' });
    const titles = (kind: 'patient' | 'representative') =>
      platform.documents.listFor(CHLOE, { kind }).map((document) => document.entry.title);
    expect(titles('patient')).toContain('Consultation confidentielle');
    expect(titles('representative')).not.toContain('Consultation confidentielle');
  });
});
