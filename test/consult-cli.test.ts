import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../mock-platform/seed/seed-data.js';
import { file } from '../mock-platform/test-support/consult-caller.js';
import { cardHolder } from '../mock-platform/test-support/dmp-caller.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { startHomePlatform, cliEnvironment } from './support/platform-home.js';

/** `passerelle search` and `passerelle get` as a script runs them, with emulated cards and the mock; each run its own process. */
const home = mkdtempSync(join(tmpdir(), 'passerelle-consult-cli-'));
const out = mkdtempSync(join(tmpdir(), 'passerelle-consult-out-'));
const FATHER = SEED_MATRICULES.famillePere;
let platform: TestPlatform;
let env: Record<string, string | undefined>;
let letter = '';
let report = '';
let contents: Buffer[] = [];

const passerelle = (args: string[], stdin = ''): Promise<CliRun> => runPasserelle(args, env, stdin);

const atDesk = ['--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-FAMILLE', '--beneficiary', '1', '--pin-stdin'];
const search = (...args: string[]) => passerelle(['search', ...atDesk, ...args], '1234\n');
const get = (...args: string[]) => passerelle(['get', ...atDesk, ...args], '1234\n');
const calls = (action: string) =>
  platform.audit.list({ patient: FATHER }).filter((entry) => entry.action === action).length;

beforeAll(async () => {
  platform = await startHomePlatform(home);
  env = cliEnvironment(home, platform.url);
  const filed = await file(platform, cardHolder(platform, SEED_PROFESSIONALS.generaliste), FATHER, [
    { text: 'Lettre de liaison du service' },
    { text: 'Compte rendu de consultation', typeCode: '11488-4' },
  ]);
  [letter, report] = filed.metadata.documentEntries.map((entry) => entry.uniqueId) as [string, string];
  contents = filed.contents;
  await passerelle(['cards', 'insert', 'CPS-GENERALISTE']);
  await passerelle(['cards', 'insert', 'VITALE-FAMILLE']);
}, 120_000);
afterAll(async () => platform.dispose());

describe('passerelle search', { timeout: 120_000 }, () => {
  it('lists the record, then filters by type, in JSON for scripts', async () => {
    const all = await search();
    expect(all.stderr).not.toContain('Erreur');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Première consultation');
    expect(all.stdout).toContain(letter);
    expect(all.stdout).toContain(report);

    const letters = await search('--type', '11490-0', '--json');
    expect(letters.code).toBe(0);
    const answer = JSON.parse(letters.stdout) as {
      mode: string;
      roundTrips: number;
      documents: { uniqueId: string }[];
    };
    expect(answer.mode).toBe('incremental');
    expect(answer.documents.map((d) => d.uniqueId)).toContain(letter);
    expect(answer.documents.map((d) => d.uniqueId)).not.toContain(report);
  });

  it('refuses a malformed date before using any card', async () => {
    const run = await search('--from', '31/12/2024');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--from');
  });
});

describe('passerelle get', { timeout: 120_000 }, () => {
  it('writes the document as filed, retrieves it once, and refuses to overwrite', async () => {
    const target = join(out, 'lettre.xml');
    const before = calls('ITI-43');
    const first = await get(letter, '--out', target, '--json');
    expect(first.stderr).not.toContain('Erreur');
    expect(first.code).toBe(0);
    expect(readFileSync(target).equals(contents[0]!)).toBe(true);
    // `document.retrieve`'s answer, the document's content with it.
    const retrieved = JSON.parse(first.stdout) as { fromCache: boolean; contentBase64: string };
    expect(retrieved.fromCache).toBe(false);
    expect(Buffer.from(retrieved.contentBase64, 'base64').equals(contents[0]!)).toBe(true);

    // A new process, a new card session: the platform confirms her access (TD0.2) before the cache is read.
    const confirmations = calls('TD0.2');
    const again = await get(letter, '--out', join(out, 'lettre-2.xml'), '--json');
    expect((JSON.parse(again.stdout) as { fromCache: boolean }).fromCache).toBe(true);
    expect(calls('ITI-43')).toBe(before + 1);
    expect(calls('TD0.2')).toBe(confirmations + 1);

    const refused = await get(letter, '--out', target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('existe déjà');
  });

  it('writes a readable rendering with --render', async () => {
    const target = join(out, 'compte-rendu.out');
    const run = await get(report, '--out', target, '--render');
    expect(run.code).toBe(0);
    const written = readFileSync(target);
    if (written.subarray(0, 5).toString() === '%PDF-') return;
    const html = written.toString('utf8');
    expect(html).toContain('Compte rendu de consultation');
    expect(html).not.toMatch(/<script|\son\w+=|src=/i);
  });

  it('says so when the document is not in the record', async () => {
    const target = join(out, 'absent.xml');
    const run = await get('1.2.250.1.999.404', '--out', target);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ne figure pas');
    expect(existsSync(target)).toBe(false);
  });
});
