import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PasserelleError } from '../../api/errors/index.js';
import { CardService, vitaleVerifier, type CardKind } from '../cards/card-service.js';
import { CAST, TEST_PIN } from './cast.js';
import {
  emulatorPaths,
  prepareSoftHsm,
  readEmulatorConfig,
  softHsmModule,
  type EmulatorOptions,
  type EmulatorPaths,
} from './emulator-home.js';
import { EmulatedPinCounter } from './pin-counter.js';
import { VirtualReader, type ReaderSlot, type ReaderState } from './virtual-reader.js';

export interface ReaderEvent {
  readonly type: 'inserted' | 'removed';
  readonly slot: ReaderSlot;
  readonly label: string;
}

/** The emulated cards of a home folder: the card service over SoftHSM2, and the virtual reader that decides presence. */
export interface EmulatedCards {
  readonly service: CardService;
  readonly reader: VirtualReader;
  readonly paths: EmulatorPaths;
  insert(label: string): void;
  remove(label: string): void;
  /** Reports insertions and removals (polled: SoftHSM2 has no slot events) and closes sessions of removed cards. */
  watch(listener: (event: ReaderEvent) => void, intervalMs?: number): () => void;
  close(): void;
}

function slotFor(label: string): ReaderSlot {
  const card = CAST.find((spec) => spec.label === label);
  if (!card) throw new PasserelleError('CARD_UNKNOWN', { label });
  if (card.kind === 'org') return 'establishment';
  return card.kind === 'vitale' ? 'vitale' : 'professional';
}

function diff(before: ReaderState, after: ReaderState): ReaderEvent[] {
  const events: ReaderEvent[] = [];
  for (const slot of ['professional', 'vitale', 'establishment'] as const) {
    if (before[slot] === after[slot]) continue;
    if (before[slot]) events.push({ type: 'removed', slot, label: before[slot] });
    if (after[slot]) events.push({ type: 'inserted', slot, label: after[slot] });
  }
  return events;
}

/** Opens the emulated cards provisioned under `<home>/cards/` (see provision.ts). */
export function openEmulatedCards(home: string, options: EmulatorOptions = {}): EmulatedCards {
  const paths = emulatorPaths(home);
  prepareSoftHsm(paths);
  const reader = new VirtualReader(paths);
  const verify = vitaleVerifier(readFileSync(join(paths.pki, 'vitale-issuer.crt'), 'utf8'));
  const kinds = new Map<string, CardKind>(CAST.map((card) => [card.label, card.kind]));
  const service = new CardService({
    modulePath: softHsmModule(options.softHsmModule),
    environment: {
      pinPolicy: new EmulatedPinCounter(paths),
      isInserted: (label, present) => present && reader.isInserted(label),
      kindHint: (label) => kinds.get(label),
      testPin: (label) => (kinds.has(label) ? TEST_PIN : undefined),
      signatureDelayMs: () => readEmulatorConfig(paths).signatureDelayMs,
      firstReadDelayMs: () => readEmulatorConfig(paths).firstReadDelayMs,
      verifyVitale: verify,
    },
  });
  const timers = new Set<NodeJS.Timeout>();
  return {
    service,
    reader,
    paths,
    insert: (label) => reader.insert(slotFor(label), label),
    remove: (label) => {
      slotFor(label);
      reader.remove(label);
    },
    watch(listener, intervalMs = 250) {
      let last = reader.state();
      const timer = setInterval(() => {
        let now: ReaderState;
        try {
          now = reader.state();
        } catch {
          return;
        }
        const events = diff(last, now);
        last = now;
        if (events.length === 0) return;
        service.closeSessionsOfRemovedCards();
        for (const event of events) listener(event);
      }, intervalMs);
      timer.unref();
      timers.add(timer);
      return () => {
        clearInterval(timer);
        timers.delete(timer);
      };
    },
    close() {
      for (const timer of timers) clearInterval(timer);
      service.close();
    },
  };
}
