import { emulatedDeck } from '../../cards/decks.js';
import type { WorkstationDeck } from '../../cards/card-deck.js';
import { openDesks, type DeskOptions, type Desks } from '../desks.js';
import { openWorkstation, type HostEnvironment, type Workstation } from '../workstation.js';

/** A workstation over a home's emulated cards, its desks, and its deck (which a test drives directly). */
export interface EmulatedStation {
  readonly workstation: Workstation;
  readonly deck: WorkstationDeck;
  readonly desks: Required<Omit<Desks, 'cards'>>;
  close(): Promise<void>;
}

/**
 * What a host's entry point builds, for a test: the home's emulated cards (provisioned if needed) and a platform
 * the environment names (`PASSERELLE_PLATFORM_URL`, `PASSERELLE_PLATFORM_CA`, the rules…), on the system's
 * clock unless a test gives another.
 */
export function openEmulatedStation(
  home: string,
  environment: HostEnvironment,
  options: DeskOptions & { readonly clock?: () => Date } = {},
): EmulatedStation {
  const { clock, ...deskOptions } = options;
  const workstation = openWorkstation({
    home,
    environment,
    version: '0.1.0-test',
    deck: emulatedDeck(),
    ...(clock ? { clock } : {}),
  });
  const { deck } = workstation;
  const desks = openDesks(workstation, deskOptions);
  const { patients, feed, consult, batch, settings, clockWatch, messages, directory, ecps, gp, rules } = desks;
  if (
    !deck ||
    !patients ||
    !feed ||
    !consult ||
    !batch ||
    !settings ||
    !clockWatch ||
    !messages ||
    !directory ||
    !ecps ||
    !gp ||
    !rules
  )
    throw new Error('an emulated deck opens every desk');
  return {
    workstation,
    deck,
    desks: {
      patients,
      feed,
      consult,
      batch,
      settings,
      clockWatch,
      messages,
      directory,
      ecps,
      gp,
      rules,
      close: () => desks.close(),
    },
    async close() {
      try {
        await desks.close();
      } finally {
        workstation.close();
      }
    },
  };
}
