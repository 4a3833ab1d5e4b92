import { PasserelleError } from '../../api/errors/index.js';
import { VitaleDataSchema, type VitaleData } from '../cards/card-data.js';
import { CAST, type VitaleCardSpec } from './cast.js';
import { emulatorPaths } from './emulator-home.js';
import { VirtualReader } from './virtual-reader.js';

/**
 * The emulated Vitale cards alone, beside a professional card from any PKCS#11 module: the cast's Vitale cards
 * in the Vitale slot of the home's virtual reader (shared with `passerelle cards insert`), read as a
 * SESAM-Vitale stack would hand them over. No PKCS#11 module is loaded: a real Vitale card is not read
 * through one, and the professional's module may be SoftHSM2 itself, which holds one token folder per process.
 */
export interface EmulatedVitale {
  /** The card in the Vitale slot, by label; null when the slot is empty. */
  present(): string | null;
  read(label: string): VitaleData;
  /** The cast's Vitale cards. */
  readonly catalogue: readonly VitaleCardSpec[];
  insert(label: string): void;
  remove(label: string): void;
}

function vitaleCard(label: string): VitaleCardSpec {
  const card = CAST.find((spec): spec is VitaleCardSpec => spec.kind === 'vitale' && spec.label === label);
  if (!card) throw new PasserelleError('CARD_UNKNOWN', { label });
  return card;
}

/** The emulated Vitale cards of a home folder (`<home>/cards/reader.json` says which one is in). */
export function openEmulatedVitale(home: string): EmulatedVitale {
  const reader = new VirtualReader(emulatorPaths(home));
  return {
    present: () => reader.state().vitale,
    read(label) {
      const card = vitaleCard(label);
      if (reader.state().vitale !== label) throw new PasserelleError('CARD_ABSENT', { label });
      return VitaleDataSchema.parse({ holderNir: card.holderNir, beneficiaries: card.beneficiaries });
    },
    catalogue: CAST.filter((spec): spec is VitaleCardSpec => spec.kind === 'vitale'),
    insert: (label) => reader.insert('vitale', vitaleCard(label).label),
    remove: (label) => reader.remove(vitaleCard(label).label),
  };
}
