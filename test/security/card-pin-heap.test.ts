import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { AppInfo } from '../../api/contract/index.js';
import { lineFor, SEEDED, writeManifest } from '../support/batch-fixtures.js';
import { prepareBatchHome, type BatchHome } from '../support/batch-home.js';
import { createCore, type Core } from '../../main/core/router/create-core.js';
import {
  openEmulatedStation,
  type EmulatedStation,
} from '../../main/core/workstation/test-support/emulated-station.js';
import { openEmulatedCards, TEST_PUK } from '../../native-bridge/index.js';
import { reachableStrings } from '../support/heap-snapshot.js';
import { ONE_PAGE_PDF } from '../support/outcomes.js';

/**
 * The attack: whoever reads the memory of the running core (a crash dump, a heap snapshot, a debugger, a
 * memory-reading bug) must not find a card's PIN there. A PIN is presented once, at login, and forgotten:
 * the card's TLS link is handed it once and keeps only the key, in its own process.
 *
 * The PINs are distinctive (set with the PUK) and made of digits at each use, so that neither this file's
 * source nor a variable of the test holds them: any copy the heap still has, the product kept.
 */
const GP_PIN = [0, 5, 9, 3] as const;
const ORG_PIN = [0, 7, 1, 8] as const;
const pin = (digits: readonly number[]): string => digits.join('');

/** Whether `text` has these digits in a row, compared digit by digit so that the search itself holds no PIN. */
function holds(text: string, digits: readonly number[]): boolean {
  for (let start = 0; start + digits.length <= text.length; start += 1) {
    if (digits.every((digit, index) => text.charCodeAt(start + index) === 48 + digit)) return true;
  }
  return false;
}

/** A PIN alone, in a PKCS#11 URI, or in a JSON line: what a login could have left behind. */
function pinTrace(text: string): boolean {
  if (text.length === 4 && (holds(text, GP_PIN) || holds(text, ORG_PIN))) return true;
  if (/pin-value=\d/.test(text) || /"pin"\s*:\s*"\d{4}/.test(text)) return true;
  return /pkcs11:/.test(text) && (holds(text, GP_PIN) || holds(text, ORG_PIN));
}

const info: AppInfo = { name: 'Passerelle', version: '0.1.0-test', environment: 'mock', platformUrl: '', demo: true };
let batchHome: BatchHome;
let station: EmulatedStation;
let core: Core;

async function call<T = Record<string, unknown>>(method: string, body: unknown = {}): Promise<T> {
  const response = await core.handle(
    new Request(`http://127.0.0.1/api/${method}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    }),
  );
  const answer = (await response.json()) as T;
  if (response.status !== 200) throw new Error(`${method}: ${JSON.stringify(answer)}`);
  return answer;
}

beforeAll(async () => {
  batchHome = await prepareBatchHome('pin-heap');
  const cards = openEmulatedCards(batchHome.home);
  try {
    // The ORG token in the establishment's reader, the GP's card in the professional's, as on a hospital's desk.
    cards.service.unblock('ORG-CHU-FICTIF', TEST_PUK, pin(ORG_PIN));
    cards.insert('CPS-GENERALISTE');
    cards.service.unblock('CPS-GENERALISTE', TEST_PUK, pin(GP_PIN));
  } finally {
    cards.close();
  }
  station = openEmulatedStation(batchHome.home, batchHome.env);
  const { patients, feed, consult, batch } = station.desks;
  core = createCore({
    info: { ...info, platformUrl: batchHome.platform.url },
    cards: station.deck,
    patients,
    feed,
    consult,
    batch,
    log: () => undefined,
  });
}, 120_000);
afterAll(async () => {
  core?.close();
  await station?.close();
  await batchHome?.platform.dispose();
});

describe('a card PIN in the memory of the core', () => {
  it('is found nowhere once the GP logged in and filed a document, her session still open', async () => {
    await call('cards.insert', { label: 'VITALE-ADULTE' });
    await call('session.login', { pin: pin(GP_PIN) });
    await call('patient.identify');
    await call('patient.qualify', { documentChecked: 'passeport' });
    const filed = await call<{ document: { status: string } }>('document.upload', {
      source: { kind: 'text', text: 'Lettre de liaison : sortie à domicile, traitement inchangé.' },
      typeCode: '11490-0',
    });
    expect(filed.document.status).toBe('Approved');
    expect(reachableStrings(pinTrace)).toEqual([]);
  }, 60_000);

  it('is found nowhere once the establishment’s batch sent a document under its ORG token, still logged in', async () => {
    await call('cards.insert', { label: 'ORG-CHU-FICTIF' });
    const folder = mkdtempSync(join(tmpdir(), 'passerelle-pin-heap-batch-'));
    writeFileSync(join(folder, 'sortie.pdf'), ONE_PAGE_PDF);
    writeManifest(folder, 'manifest.csv', [lineFor(SEEDED.adult, 'sortie.pdf')]);
    expect(
      (await call<{ queued: unknown[] }>('batch.import', { source: { kind: 'path', path: folder } })).queued,
    ).toHaveLength(1);
    await call('batch.start', { pin: pin(ORG_PIN) });
    await vi.waitFor(
      async () => expect((await call<{ counts: { sent: number } }>('batch.status')).counts.sent).toBe(1),
      { timeout: 30_000, interval: 100 },
    );
    expect(reachableStrings(pinTrace)).toEqual([]);
  }, 60_000);
});
