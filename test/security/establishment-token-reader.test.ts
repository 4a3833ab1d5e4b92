import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PasserelleEvent } from '../../api/contract/index.js';
import {
  openEmulatedStation,
  type EmulatedStation,
} from '../../main/core/workstation/test-support/emulated-station.js';
import { openEmulatedCards, TEST_PIN, type EmulatedCards } from '../../native-bridge/index.js';
import { lineFor, SEEDED, smallPdf, writeManifest } from '../support/batch-fixtures.js';
import { filedByEstablishment, prepareBatchHome, type BatchHome } from '../support/batch-home.js';

/**
 * An emergency physician logged in with her card, and the establishment's ORG token put in for the night's batch
 * on the same workstation: the token goes to the establishment's reader, never the professional's, so her card
 * stays where it is, her session stays open, and the batch logs in with the token beside her session.
 */
const ORG = 'ORG-CHU-FICTIF';
const PHYSICIAN = 'CPS-URGENTISTE';
let batch: BatchHome;
let cards: EmulatedCards;
let station: EmulatedStation;

beforeAll(async () => {
  batch = await prepareBatchHome('establishment-token-reader');
  cards = openEmulatedCards(batch.home);
  station = openEmulatedStation(batch.home, batch.env);
}, 180_000);
afterAll(async () => {
  await station.close();
  cards.close();
  await batch.platform.dispose();
});

describe('the establishment’s ORG token beside a professional’s session', () => {
  it('leaves the physician’s card in her reader and her session open, and the batch sends under the token', async () => {
    cards.remove(ORG);
    cards.insert(PHYSICIAN);
    await station.deck.login(TEST_PIN, { confirmLastTry: false });
    const events: PasserelleEvent[] = [];
    const stop = station.deck.watch((event) => events.push(event));
    try {
      cards.insert(ORG);
      // A change after it: once the deck has seen the Vitale card, it has seen the token go in too.
      cards.insert('VITALE-ADULTE');
      for (let i = 0; i < 400 && !events.some((e) => e.type === 'card.inserted'); i += 1) await delay(25);
      expect(events).toEqual([{ type: 'card.inserted', reader: 'Lecteur Vitale', cardKind: 'vitale' }]);
      expect(station.deck.professional?.label).toBe(PHYSICIAN);
      expect((await station.deck.status()).readers[0]).toEqual({
        reader: 'Lecteur CPS',
        card: { kind: 'cps', label: PHYSICIAN },
      });

      const folder = mkdtempSync(join(tmpdir(), 'passerelle-establishment-token-'));
      writeFileSync(join(folder, 'nuit-0.pdf'), smallPdf('nuit-0'));
      writeManifest(folder, 'manifest.csv', [lineFor(SEEDED.adult, 'nuit-0.pdf')]);
      const desk = station.desks.batch;
      await desk.import({ kind: 'path', path: folder });
      const ran = await desk.run({ pin: TEST_PIN, confirmLastTry: false }, new AbortController().signal);
      expect(ran.counts).toMatchObject({ sent: 1, queued: 0 });
      expect(filedByEstablishment(batch.platform, [SEEDED.adult])).toHaveLength(1);

      // The sending logged the token out when it was done; the physician's session is still hers.
      expect(station.deck.professional?.open).toBe(true);
      expect(station.deck.professional?.label).toBe(PHYSICIAN);
      expect(events.filter((e) => e.type === 'session.changed' || e.type === 'card.removed')).toEqual([]);
    } finally {
      stop();
    }
  }, 120_000);
});
