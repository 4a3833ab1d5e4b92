import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { PasserelleEvent } from '../api/contract/index.js';
import { warnOfClockSkew } from '../main/cli/clock-notice.js';
import { createCore } from '../main/core/router/create-core.js';
import { openEmulatedStation } from '../main/core/workstation/test-support/emulated-station.js';
import { startTestPlatform, type TestPlatform } from '../mock-platform/testing.js';
import { TEST_PIN } from '../native-bridge/index.js';
import { provisionCastFromTemplate } from './support/cast-template.js';

const home = mkdtempSync(join(tmpdir(), 'passerelle-clock-'));
let platform: TestPlatform;

beforeAll(async () => {
  provisionCastFromTemplate(home);
  platform = await startTestPlatform({ pkiDir: join(home, 'pki') });
}, 120_000);
afterAll(async () => {
  await platform?.dispose();
  rmSync(home, { recursive: true, force: true });
});

/**
 * A workstation whose clock is `offsetMs` away from the real one (the mock's Date header), through the core as
 * the window has it: login, the Vitale card, INSi — the first platform call of the session. What the core
 * pushed, and what the command line wrote on standard error for the same reading.
 */
async function firstCallWithClockOffset(offsetMs: number): Promise<{ events: PasserelleEvent[]; stderr: string }> {
  const station = openEmulatedStation(
    home,
    { PASSERELLE_PLATFORM_URL: platform.url, PASSERELLE_PLATFORM_CA: join(home, 'pki', 'root.crt') },
    { clock: () => new Date(Date.now() + offsetMs) },
  );
  const { close: _closeDesks, ...desks } = station.desks;
  const core = createCore({
    info: { name: 'Passerelle', version: '0.1.0-test', environment: 'test', platformUrl: platform.url, demo: true },
    cards: station.deck,
    ...desks,
  });
  const written: string[] = [];
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const stopWarning = station.workstation.clockWatch.subscribe(warnOfClockSkew);
  try {
    for (const label of ['CPS-GENERALISTE', 'VITALE-ADULTE']) await station.deck.emulator?.insert(label);
    await core.invoke('session.login', { pin: TEST_PIN, confirmLastTry: false, label: 'CPS-GENERALISTE' });
    await core.invoke('patient.vitale', { label: 'VITALE-ADULTE' });
    await core.invoke('patient.identify', {});
    return { events: core.events.since(0).events.map(({ event }) => event), stderr: written.join('') };
  } finally {
    stopWarning();
    stderr.mockRestore();
    core.close();
    await station.close();
  }
}

describe('the clock checked against the platform’s on the first call of a session', { timeout: 120_000 }, () => {
  it('warns, in the window’s events and on the command line in French and English, of a clock 10 minutes ahead', async () => {
    const { events, stderr } = await firstCallWithClockOffset(10 * 60 * 1000);
    const readings = events.filter((event) => event.type === 'platform.clock');
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ toleranceSeconds: 300, beyondTolerance: true });
    expect(readings[0]!.type === 'platform.clock' && readings[0]!.skewSeconds).toBeGreaterThan(590);
    expect(stderr).toContain('l’horloge de ce poste avance de 10 min sur celle de la plateforme');
    expect(stderr).toContain('this computer’s clock is 10 min ahead of the platform’s');
  });

  it('says a clock 6 minutes behind is behind', async () => {
    const { stderr } = await firstCallWithClockOffset(-6 * 60 * 1000);
    expect(stderr).toContain('retarde de 6 min');
    expect(stderr).toContain('6 min behind');
  });

  it('shows no warning for a clock within the tolerance', async () => {
    const { events, stderr } = await firstCallWithClockOffset(60 * 1000);
    const readings = events.filter((event) => event.type === 'platform.clock');
    expect(readings).toEqual([expect.objectContaining({ beyondTolerance: false })]);
    expect(stderr).toBe('');
  });
});
