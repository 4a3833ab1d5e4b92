import type { EmulatedVitale, VitaleData } from '../../../native-bridge/index.js';
import type { CardEmulatorControls } from '../router/card-port.js';

/**
 * Where the workstation reads the patient's Vitale card. Not through PKCS#11: on a real workstation, a
 * SESAM-Vitale reading stack (or the ApCV, the Vitale app) hands over the card's data; here, the emulated
 * cards do. The boundary and what a real implementation needs are in docs/vitale-reading.md.
 */
export interface VitaleReader {
  /** The card in the Vitale reader, by label; null when the reader is empty. */
  present(): string | null;
  /** The data of the card named, which must be in the reader: the holder's NIR and every beneficiary. */
  read(label: string): Promise<VitaleData>;
  /** The emulator's controls of these cards (demo, tests); absent on a real reader. */
  readonly emulator?: CardEmulatorControls;
}

/** The emulated Vitale cards as the workstation's Vitale reader, with their controls for the demo's drawer. */
export function emulatedVitaleReader(vitale: EmulatedVitale): VitaleReader {
  return {
    present: () => vitale.present(),
    read: (label) => Promise.resolve(vitale.read(label)),
    emulator: {
      catalogue: () =>
        Promise.resolve(
          vitale.catalogue.map((card) => ({ label: card.label, kind: 'vitale' as const, role: card.role })),
        ),
      insert: (label) => Promise.resolve(vitale.insert(label)),
      remove: (label) => Promise.resolve(vitale.remove(label)),
    },
  };
}
