import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { isPasserelleError, type ErrorBody } from '../../api/errors/index.js';
import {
  openEmulatedStation,
  type EmulatedStation,
} from '../../main/core/workstation/test-support/emulated-station.js';
import type { TestPlatform } from '../../mock-platform/testing.js';
import { openEmulatedCards, TEST_PUK } from '../../native-bridge/index.js';
import { runPasserelle, type CliRun } from '../support/run-cli.js';
import { startHomePlatform, cliEnvironment } from '../support/platform-home.js';

/**
 * The card's TLS link runs in a process of its own that OpenSSL's PKCS#11 engine (libp11) drives. That engine
 * writes its own lines on standard error, the key's URI among them; whatever fails there, the user reads one
 * typed message, never the PIN, and never the engine's noise.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-relay-'));
const PIN = '4817';
let platform: TestPlatform;
let env: Record<string, string | undefined>;
let workstation: EmulatedStation | undefined;

beforeAll(async () => {
  platform = await startHomePlatform(home);
  env = cliEnvironment(home, platform.url, { PASSERELLE_CDA_RULES: undefined });
  const cards = openEmulatedCards(home);
  try {
    cards.insert('CPS-GENERALISTE');
    cards.insert('VITALE-ADULTE');
    // A PIN of its own, so that finding it in what the user reads cannot be a coincidence with the test PIN.
    cards.service.unblock('CPS-GENERALISTE', TEST_PUK, PIN);
  } finally {
    cards.close();
  }
}, 120_000);
afterAll(async () => {
  await workstation?.close();
  await platform.dispose();
});

const status = (extraEnv: Record<string, string> = {}): Promise<CliRun> =>
  runPasserelle(
    ['status', '--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin', '--json'],
    { ...env, ...extraEnv },
    `${PIN}\n`,
  );

/**
 * A PKCS#11 module that holds no card: p11-kit's trust module, installed with p11-kit, which the OpenSSL
 * PKCS#11 engine package depends on. Pointing the engine at it (`PKCS11_MODULE_PATH`, libp11's own setting) is
 * a workstation whose engine does not reach the card's module.
 */
function moduleWithoutTheCard(): string {
  const candidates = ['x86_64-linux-gnu', 'aarch64-linux-gnu'].map(
    (triplet) => `/usr/lib/${triplet}/pkcs11/p11-kit-trust.so`,
  );
  const found = [...candidates, '/usr/lib64/pkcs11/p11-kit-trust.so'].find((path) => existsSync(path));
  if (!found)
    throw new Error(`p11-kit's trust module is missing (package p11-kit-modules): looked in ${candidates.join(', ')}`);
  return found;
}

/** The desks of the window over this home's cards, opened once for the tests that need them. */
const station = (): EmulatedStation => (workstation ??= openEmulatedStation(home, env));

/** The card TLS relays this process started (Linux: read from /proc). */
function relayProcesses(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return parent === process.pid && command.includes('engine-tls-child') ? [Number(entry)] : [];
      } catch {
        return [];
      }
    });
}

/** Everything a failure says: its code, messages and details, and the messages of its causes. */
function everythingSaid(error: unknown): string {
  const parts: string[] = [];
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    parts.push(cause.message, isPasserelleError(cause) ? JSON.stringify(cause.toJSON()) : String(cause.stack));
  }
  return parts.join('\n');
}

describe('the card’s TLS relay as the user sees it', () => {
  it('prints nothing but the answer on a platform command: no engine noise on standard error', async () => {
    const run = await status();
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ patient: { status: 'RECUP' } });
    expect(run.stderr).toBe('');
  });

  it('says the card’s key is out of the TLS engine’s reach in one typed message, without the PIN or the engine’s lines', async () => {
    const run = await status({ PKCS11_MODULE_PATH: moduleWithoutTheCard() });
    expect(run.code).toBe(1);
    const { error } = JSON.parse(run.stdout) as { error: ErrorBody };
    expect(error.code).toBe('CARD_TLS_LINK_FAILED');
    expect(error.message.en).toContain('CPS-GENERALISTE');
    for (const said of [run.stdout, run.stderr]) {
      expect(said).not.toContain(PIN);
      expect(said).not.toContain('pin-value');
      expect(said).not.toContain('bad engine id');
    }
    expect(run.stderr).toBe(`Erreur : ${error.message.fr}\nError: ${error.message.en}\n`);
  });

  it('ends the relay, the one process that holds the logged-in key, when the card leaves the reader or at logout', async () => {
    const gone = (pids: readonly number[]) =>
      vi.waitFor(() => expect(pids.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]), {
        timeout: 10_000,
        interval: 50,
      });

    await station().deck.login(PIN, { confirmLastTry: false });
    const first = relayProcesses();
    expect(first).toHaveLength(1);
    await station().deck.emulator!.remove('CPS-GENERALISTE');
    await gone(first);

    await station().deck.emulator!.insert('CPS-GENERALISTE');
    await station().deck.login(PIN, { confirmLastTry: false });
    const second = relayProcesses();
    expect(second).toHaveLength(1);
    await station().deck.logout();
    await gone(second);
    expect(relayProcesses()).toEqual([]);
  });

  it('asks for the PIN again when the relay died during the session, and never says the PIN', async () => {
    await station().deck.login(PIN, { confirmLastTry: false });
    await station().desks.patients.identify(undefined);
    const relays = relayProcesses();
    expect(relays).toHaveLength(1);
    process.kill(relays[0]!, 'SIGKILL');
    // Gone from /proc once this process reaped it, which is when it learns that the relay ended.
    await vi.waitFor(() => expect(existsSync(`/proc/${relays[0]}`)).toBe(false), { timeout: 10_000, interval: 50 });

    const failed = await station()
      .desks.patients.recordStatus()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isPasserelleError(failed) && failed.code).toBe('CARD_TLS_LINK_ENDED');
    expect(everythingSaid(failed)).not.toContain(PIN);
    expect(everythingSaid(failed)).not.toContain('pin-value');

    // The PIN entered again starts a new link.
    await station().deck.login(PIN, { confirmLastTry: false });
    expect((await station().desks.patients.identify(undefined)).status).toBe('RECUP');
  });
});
