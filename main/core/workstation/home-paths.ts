import { join } from 'node:path';

import { ESTABLISHMENT_FILE } from '../batch/establishment-settings.js';
import { SETTINGS_FILE } from '../config/settings.js';

/** Where one user's state lives under the home folder, shared by every Passerelle process of that user. */
export interface HomePaths {
  readonly root: string;
  /** The emulated cards' tokens and reader state. */
  readonly cards: string;
  /** The test PKI of the emulated cards and the bundled mock. */
  readonly pki: string;
  /** The mock platform's root certificate: its trust anchor when no other is configured. */
  readonly mockRoot: string;
  /** The journal of what was done, sealed with the data key. */
  readonly journal: string;
  /** The sealed cache of consulted records. */
  readonly consultCache: string;
  /** The upload queue, shared by every process of the user. */
  readonly queue: string;
  readonly settings: string;
  /** The establishment's description, for its batch. */
  readonly establishment: string;
  /** The official CDA rules, compiled once. */
  readonly rulesCache: string;
  /** The official CDA rules installed by `passerelle rules install`: the kit, its record and its checksums. */
  readonly rules: string;
}

/** The paths of a home folder. */
export function homePaths(root: string): HomePaths {
  return {
    root,
    cards: join(root, 'cards'),
    pki: join(root, 'pki'),
    mockRoot: join(root, 'pki', 'root.crt'),
    journal: join(root, 'journal.sqlite'),
    consultCache: join(root, 'consult.sqlite'),
    queue: join(root, 'queue', 'queue.sqlite'),
    settings: join(root, SETTINGS_FILE),
    establishment: join(root, ESTABLISHMENT_FILE),
    rulesCache: join(root, 'cache', 'cda-rules'),
    rules: join(root, 'rules'),
  };
}
