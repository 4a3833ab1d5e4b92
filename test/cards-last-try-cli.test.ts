import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_PIN } from '../native-bridge/index.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/** The command line presents a card's last PIN try only when the user says so with `--confirm-last-try`. */
const home = mkdtempSync(join(tmpdir(), 'passerelle-last-try-'));
const env = { ...process.env, PASSERELLE_HOME: home, PASSERELLE_PKCS11_MODULE: undefined };
const login = (pin: string, ...flags: string[]): Promise<CliRun> =>
  runPasserelle(['cards', 'login', 'CPS-INFIRMIER', '--pin-stdin', ...flags], env, `${pin}\n`);

beforeAll(() => {
  provisionCastFromTemplate(home, ['CPS-INFIRMIER']);
}, 120_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the last PIN try from the command line', { timeout: 60_000 }, () => {
  it('refuses to present it without --confirm-last-try, saying how to, and presents it with the flag', async () => {
    expect((await runPasserelle(['cards', 'insert', 'CPS-INFIRMIER'], env)).code).toBe(0);
    expect((await login('0000')).code).toBe(1);
    expect((await login('0000')).code).toBe(1);
    const refused = await login(TEST_PIN);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Il ne reste qu'un essai");
    expect(refused.stderr).toContain('relancez la commande avec --confirm-last-try');
    expect(refused.stderr).toContain('run the command again with --confirm-last-try');
    const confirmed = await login(TEST_PIN, '--confirm-last-try');
    expect(confirmed.code).toBe(0);
  });
});
