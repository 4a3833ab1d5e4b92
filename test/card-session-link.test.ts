import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEmulatedStation, type EmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import type { TestPlatform } from '../mock-platform/testing.js';
import { startHomePlatform, platformEnvironment } from './support/platform-home.js';

/**
 * The platform link over a card's key must last as long as the card session and survive what a working day
 * brings: idle connections closed by the platform, the card pulled and logged in again, another
 * professional's card. libp11 in our own process failed at each of these ("engine routines::init failed").
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-link-'));
let platform: TestPlatform;
let station: EmulatedStation;

beforeAll(async () => {
  platform = await startHomePlatform(home);
  station = openEmulatedStation(home, platformEnvironment(home, platform.url));
}, 120_000);
afterAll(async () => {
  await station.close();
  await platform.dispose();
});

async function identifyWith(card: string): Promise<string> {
  await station.deck.emulator!.insert(card);
  await station.deck.emulator!.insert('VITALE-ADULTE');
  const identity = await station.deck.login('1234', { confirmLastTry: false });
  await station.desks.patients.identify(undefined);
  return identity.nationalId;
}

const actors = (): string[] =>
  platform.audit
    .list({ patient: '285057511203496' })
    .filter((e) => e.action.startsWith('INSi'))
    .map((e) => e.actor);

describe('the platform link over a card’s key', () => {
  it('outlives an idle pause longer than the platform keeps connections open', async () => {
    const gp = await identifyWith('CPS-GENERALISTE');
    // The mock, like Node's servers, closes idle connections after 5 s: the next call opens a new TLS session.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await station.desks.patients.identify(undefined);
    expect(actors().filter((actor) => actor === gp)).toHaveLength(2);
  });

  it('works again after the card is logged in anew, and for the next professional’s card', async () => {
    const gp = await identifyWith('CPS-GENERALISTE');
    const hospital = await identifyWith('CPS-HOSPITALIER');
    expect(hospital).not.toBe(gp);
    expect(actors().slice(-2)).toEqual([gp, hospital]);
  });
});
