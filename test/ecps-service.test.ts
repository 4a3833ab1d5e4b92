import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { emulatedDeck } from '../main/core/cards/decks.js';
import { openWorkstation, type Workstation } from '../main/core/workstation/workstation.js';
import { startService, type RunningService } from '../main/service/start.js';
import { SEED_MATRICULES, SEED_PROFESSIONALS } from '../mock-platform/seed/seed-data.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { TEST_PIN } from '../native-bridge/index.js';
import { platformEnvironment, startHomePlatform } from './support/platform-home.js';

/**
 * The window's local service with no professional card in any reader: the e-CPS sign-in and the patient's
 * record through its API, a colleague's card logged in meanwhile (her card carries her acts), and the session
 * the window shows kept alive before its access token ends.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-ecps-service-'));
const GP = SEED_PROFESSIONALS.generaliste;
const NURSE = SEED_PROFESSIONALS.infirmier;
const ADULT = SEED_MATRICULES.adulte;
/** How far ahead of the system's the workstation's clock runs (the session's refresh is asked by its clock). */
let ahead = 0;
let platform: TestPlatform;
let workstation: Workstation;
let service: RunningService;
let cookie = '';

async function call<T = Record<string, unknown>>(method: string, request: object = {}): Promise<T> {
  const answer = await fetch(new URL(`/api/${method}`, service.url), {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await answer.json()) as T;
  if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
  return body;
}

/** The professional and the mode of the last TD0.2 about the patient, as the platform's audit recorded it. */
const lastStatusCall = (): { actor: string; authMode: string } | undefined =>
  platform.audit
    .list({ patient: ADULT })
    .filter((entry) => entry.action === 'TD0.2')
    .map(({ actor, authMode }) => ({ actor, authMode }))
    .at(-1);

async function statusOfAdult(): Promise<void> {
  await call('patient.vitale');
  await call('patient.identify');
  await call('record.status');
}

beforeAll(async () => {
  platform = await startHomePlatform(home, { psc: { autoApprove: true } });
  workstation = openWorkstation({
    home,
    environment: platformEnvironment(home, platform.url),
    version: '0.1.0-test',
    deck: emulatedDeck(),
    clock: () => new Date(Date.now() + ahead),
  });
  await workstation.deck!.emulator!.insert('VITALE-ADULTE');
  service = await startService({ workstation, port: 0, log: () => undefined });
  const launch = await fetch(service.launchUrl, { redirect: 'manual' });
  cookie = launch.headers.get('set-cookie')!.split(';')[0]!;
}, 120_000);
afterAll(async () => {
  await service.close();
  workstation.close();
  await platform.dispose();
});

describe('e-CPS through the local service', { timeout: 120_000 }, () => {
  it('signs in and reads the record’s status with no card logged in, under AIR mode in her name', async () => {
    const { requestId, bindingMessage } = await call<{ requestId: string; bindingMessage: string }>('ecps.start', {
      nationalId: GP,
    });
    expect(bindingMessage).toMatch(/^PSR-[A-Z0-9]{6}$/);
    const session = await call<{ identity: { nationalId: string }; activity: number }>('ecps.wait', { requestId });
    expect(session).toMatchObject({ identity: { nationalId: GP }, activity: 1 });
    expect((await call<{ session: unknown }>('cards.status')).session).toBeNull();
    await statusOfAdult();
    expect(lastStatusCall()).toEqual({ actor: GP, authMode: 'INDIRECTE_RENFORCEE' });
  });

  it('lets a card logged in carry the acts while the e-CPS session stays open, and the session again after', async () => {
    await workstation.deck!.emulator!.insert('CPS-INFIRMIER');
    await call('session.login', { pin: TEST_PIN });
    await statusOfAdult();
    expect(lastStatusCall()).toEqual({ actor: NURSE, authMode: 'DIRECTE' });
    expect(await call<{ session: { identity: { nationalId: string } } }>('ecps.status')).toMatchObject({
      session: { identity: { nationalId: GP } },
    });

    await call('session.logout');
    await workstation.deck!.emulator!.remove('CPS-INFIRMIER');
    await statusOfAdult();
    expect(lastStatusCall()).toEqual({ actor: GP, authMode: 'INDIRECTE_RENFORCEE' });
  });

  it('refreshes the access token when the window asks to resume shortly before it ends', async () => {
    const { session } = await call<{ session: { until: string } }>('ecps.status');
    const before = new Date(session.until).getTime();
    // The workstation's time reaches ten seconds before the token's end (within the refresh margin).
    ahead = before - Date.now() - 10_000;
    const resumed = await call<{ until: string }>('ecps.resume');
    expect(new Date(resumed.until).getTime()).toBeGreaterThan(before);
    ahead = 0;
    await call('ecps.logout');
    expect((await call<{ session: unknown }>('ecps.status')).session).toBeNull();
  });
});
