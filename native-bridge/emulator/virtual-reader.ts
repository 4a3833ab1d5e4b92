import { mkdirSync } from 'node:fs';

import { z } from 'zod';

import { readJsonState, writeAtomic, type EmulatorPaths } from './emulator-home.js';

/**
 * The readers of a desk: a bi-slot reader as on a GP's desk, one slot for the professional's card, one for the
 * Vitale card; and the establishment's own reader for its ORG token, so that the token put in for a batch never
 * ejects the professional's card (nor ends her session). A state written before that reader existed has it empty.
 */
export const ReaderStateSchema = z.object({
  professional: z.string().nullable(),
  vitale: z.string().nullable(),
  establishment: z.string().nullable().default(null),
});
export type ReaderState = z.infer<typeof ReaderStateSchema>;
export type ReaderSlot = keyof ReaderState;

/**
 * Which emulated card is in which slot. SoftHSM2 has no slot events and shows every token all the time, so
 * "inserted" is this file's word, shared by every process of the user.
 */
export class VirtualReader {
  constructor(private readonly paths: EmulatorPaths) {}

  state(): ReaderState {
    return readJsonState(this.paths.reader, ReaderStateSchema, {
      professional: null,
      vitale: null,
      establishment: null,
    });
  }

  /** Puts a card in its slot, ejecting whatever was there. */
  insert(slot: ReaderSlot, label: string): void {
    this.write({ ...this.state(), [slot]: label });
  }

  /** Takes a card out; removing a card that is not in is not an error. */
  remove(label: string): void {
    const state = this.state();
    this.write({
      professional: state.professional === label ? null : state.professional,
      vitale: state.vitale === label ? null : state.vitale,
      establishment: state.establishment === label ? null : state.establishment,
    });
  }

  isInserted(label: string): boolean {
    const state = this.state();
    return state.professional === label || state.vitale === label || state.establishment === label;
  }

  private write(state: ReaderState): void {
    mkdirSync(this.paths.dir, { recursive: true, mode: 0o700 });
    writeAtomic(this.paths.reader, JSON.stringify(state));
  }
}
