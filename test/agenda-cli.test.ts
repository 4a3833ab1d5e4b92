import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ResponseOf } from '../api/contract/index.js';
import { httpsRequest } from '../mock-platform/test-support/https-client.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

/**
 * `passerelle agenda share` as a script runs it, with emulated cards and the mock: an appointment shared with
 * the adult of VITALE-ADULTE appears in her portal's agenda; a date in the past and a patient who opposed are
 * refused, and nothing reaches her agenda then.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-agenda-'));
const ADULT = '285057511203496';
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const share = (...args: string[]): Promise<CliRun> =>
  runPasserelle(
    ['agenda', 'share', '--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin', ...args],
    env,
    '1234\n',
  );

interface PortalAppointment {
  start: string;
  end: string;
  description: string;
  practitioner: string;
  practitionerId: string;
}

async function portal(method: 'GET' | 'POST', path: string, body?: unknown) {
  return httpsRequest(platform.port, platform.pki.rootPem, {
    method,
    path,
    headers: { Authorization: platform.portal.authorization(ADULT), 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const agenda = async (): Promise<PortalAppointment[]> =>
  JSON.parse((await portal('GET', '/portail/api/agenda')).body) as PortalAppointment[];

const inDays = (days: number, hour: number): string => {
  const day = new Date(Date.now() + days * 24 * 3600 * 1000);
  day.setUTCHours(hour, 0, 0, 0);
  return day.toISOString();
};

beforeAll(async () => {
  provisionCastFromTemplate(home);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
  env = {
    ...process.env,
    PASSERELLE_HOME: home,
    PASSERELLE_PLATFORM_URL: platform.url,
    PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt'),
  };
  await runPasserelle(['cards', 'insert', 'CPS-GENERALISTE'], env);
  await runPasserelle(['cards', 'insert', 'VITALE-ADULTE'], env);
}, 120_000);
afterAll(async () => platform.dispose());

describe('passerelle agenda share', { timeout: 120_000 }, () => {
  it('shares an appointment that the patient then sees in her portal and its JSON API', async () => {
    const start = inDays(10, 8);
    const end = inDays(10, 9);
    const run = await share('--start', start, '--end', end, '--reason', 'Rappel vaccin dTP', '--json');
    expect(run.stderr).not.toContain('Erreur');
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as ResponseOf<'agenda.share'>;
    expect(answer.appointment).toMatchObject({ start, end, description: 'Rappel vaccin dTP' });
    expect(await agenda()).toEqual([
      {
        start,
        end,
        description: 'Rappel vaccin dTP',
        practitioner: answer.appointment.practitioner,
        practitionerId: '899700100017',
      },
    ]);
    const page = await portal('GET', '/portail/');
    expect(page.body).toContain('Rappel vaccin dTP');
  });

  it('refuses an appointment in the past before anything leaves', async () => {
    const run = await share('--start', inDays(-1, 8), '--end', inDays(-1, 9), '--reason', 'Trop tard');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('commence dans le passé');
    expect(run.stderr).toContain('starts in the past');
    expect((await agenda()).map((a) => a.description)).not.toContain('Trop tard');
  });

  it('refuses when the patient opposed sharing appointments in her agenda', async () => {
    expect((await portal('POST', '/portail/api/actions', { action: 'refuser-agenda' })).status).toBe(200);
    const run = await share('--start', inDays(3, 8), '--end', inDays(3, 9), '--reason', 'Refusé', '--json');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { error: { code: string } }).error.code).toBe('AGENDA_PATIENT_OPPOSED');
    expect((await agenda()).map((a) => a.description)).not.toContain('Refusé');
    expect((await portal('POST', '/portail/api/actions', { action: 'accepter-agenda' })).status).toBe(200);
  });
});
