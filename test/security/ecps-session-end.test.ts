import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../../mock-platform/seed/seed-data.js';
import { startTestPlatform, type TestPlatform } from '../../mock-platform/testing.js';
import { runPasserelle, type CliRun } from '../support/run-cli.js';
import { provisionCastFromTemplate } from '../support/cast-template.js';

/**
 * An e-CPS session that ended at Pro Santé Connect ends on the workstation too: an expired refresh token, and
 * an access token the platform finds expired, are each a plain sentence, and nothing reaches the record.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-ecps-end-'));
const GP = SEED_PROFESSIONALS.generaliste;
const ADULT = SEED_MATRICULES.adulte;
const sessionFile = join(home, 'ecps-session.json');
const atDesk = ['--e-cps', '--vitale', 'VITALE-ADULTE'];
/** How far ahead of the workstation's clock the second platform runs. */
let platformAhead = 0;
let shortRefresh: TestPlatform;
let clockAhead: TestPlatform;

const envFor = (platform: TestPlatform): Record<string, string | undefined> => ({
  ...process.env,
  PASSERELLE_HOME: home,
  PASSERELLE_PLATFORM_URL: platform.url,
  PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
});
const on = (platform: TestPlatform, args: string[]): Promise<CliRun> => runPasserelle(args, envFor(platform));

beforeAll(async () => {
  provisionCastFromTemplate(home);
  shortRefresh = await startTestPlatform({
    pkiDir: join(home, 'pki'),
    psc: { refreshTokenSeconds: 2, requestSeconds: 3, autoApprove: true },
  });
  clockAhead = await startTestPlatform({
    pkiDir: join(home, 'pki'),
    clock: () => new Date(Date.now() + platformAhead),
    psc: { accessTokenSeconds: 60, autoApprove: true },
  });
  await runPasserelle(['cards', 'insert', 'VITALE-ADULTE'], envFor(shortRefresh));
}, 120_000);
afterAll(async () => {
  await shortRefresh.dispose();
  await clockAhead.dispose();
});

describe('the end of an e-CPS session', { timeout: 120_000 }, () => {
  it('ends the session with a message when the refresh token expired, and sends nothing', async () => {
    expect((await on(shortRefresh, ['login', '--e-cps', GP])).code).toBe(0);
    expect(existsSync(sessionFile)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const status = await on(shortRefresh, ['status', ...atDesk]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('Votre session e-CPS a pris fin');
    expect(status.stderr).toContain('Your e-CPS session has ended');
    expect(existsSync(sessionFile)).toBe(false);
    expect(shortRefresh.audit.list({ patient: ADULT }).filter((entry) => entry.actor === GP)).toEqual([]);
  });

  it('gives up with a message when nobody approves the sign-in in time, and keeps no session', async () => {
    shortRefresh.psc.phone.autoApprove = false;
    const login = await on(shortRefresh, ['login', '--e-cps', GP]);
    shortRefresh.psc.phone.autoApprove = true;
    expect(login.code).toBe(1);
    expect(login.stderr).toContain("n'a pas été approuvée à temps");
    expect(login.stderr).toContain('was not approved in time');
    expect(existsSync(sessionFile)).toBe(false);
  });

  it('refuses, at the platform, an access token past its end, and the professional reads what to do', async () => {
    expect((await on(clockAhead, ['login', '--e-cps', GP])).code).toBe(0);
    // The platform's time runs past the token's minute; the workstation still believes it alive.
    platformAhead = 90_000;
    const status = await on(clockAhead, ['status', ...atDesk]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('reconnectez-vous avec votre e-CPS');
    // Refused before the patient is read: the audit names whom the VIHF claimed and why.
    const claimed = clockAhead.audit.list().filter((entry) => entry.actor === GP);
    expect(claimed.map((entry) => entry.outcome)).toEqual(['PSC_JETON_INVALIDE']);
  });
});
