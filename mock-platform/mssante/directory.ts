import { TEST_PROFESSIONAL_DOMAIN } from '../../interop/mssante/addresses.js';

/** A professional's entry in the operator's directory. */
export interface DirectoryEntry {
  /** The national id (`8` + RPPS), the CN of her card's authentication certificate. */
  readonly nationalId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly profession: { readonly code: string; readonly label: string };
  readonly structure: { readonly id: string; readonly name: string };
  /** Her MSSanté address at the mock operator. */
  readonly address: string;
}

const at = (local: string): string => `${local}@${TEST_PROFESSIONAL_DOMAIN}`;
const MEDECIN = { code: '10', label: 'Médecin' };

/**
 * The emulated cast's professionals as the national directory publishes their MSSanté addresses (fictional
 * people of the test PKI's cards; the seed of the DMP knows the same national ids).
 */
export const DIRECTORY_SEED: readonly DirectoryEntry[] = [
  {
    nationalId: '899700100017',
    lastName: 'LUMIERE-TEST',
    firstName: 'CLAIRE',
    profession: MEDECIN,
    structure: { id: '0751234567', name: 'Cabinet du Dr Lumière' },
    address: at('claire.lumiere-test'),
  },
  {
    nationalId: '899700100025',
    lastName: 'SECOURS-TEST',
    firstName: 'MARC',
    profession: MEDECIN,
    structure: { id: '1750000019', name: 'CHU Fictif de Paris - Site Hôtel-Dieu Imaginaire' },
    address: at('marc.secours-test'),
  },
  {
    nationalId: '899700100033',
    lastName: 'SALPETRE-TEST',
    firstName: 'HELENE',
    profession: MEDECIN,
    structure: { id: '1750000019', name: 'CHU Fictif de Paris - Site Hôtel-Dieu Imaginaire' },
    address: at('helene.salpetre-test'),
  },
  {
    nationalId: '899700100041',
    lastName: 'QUINZE-TEST',
    firstName: 'YANN',
    profession: MEDECIN,
    structure: { id: '1750000027', name: 'SAMU Fictif 75 - Centre 15' },
    address: at('yann.quinze-test'),
  },
  {
    nationalId: '899700100058',
    lastName: 'PANSEMENT-TEST',
    firstName: 'LUC',
    profession: { code: '60', label: 'Infirmier' },
    structure: { id: '0751234575', name: 'Cabinet infirmier Fictif' },
    address: at('luc.pansement-test'),
  },
  {
    nationalId: '899700100066',
    lastName: 'OFFICINE-TEST',
    firstName: 'SOPHIE',
    profession: { code: '21', label: 'Pharmacien' },
    structure: { id: '2751234583', name: 'Pharmacie Fictive du Marché' },
    address: at('sophie.officine-test'),
  },
  {
    nationalId: '899700100074',
    lastName: 'PODOLOGUE-TEST',
    firstName: 'PAUL',
    profession: { code: '80', label: 'Pédicure-Podologue' },
    structure: { id: '0751234591', name: 'Cabinet de podologie Fictif' },
    address: at('paul.podologue-test'),
  },
  {
    nationalId: '899700100082',
    lastName: 'MOLAIRE-TEST',
    firstName: 'ANNE',
    profession: { code: '40', label: 'Chirurgien-Dentiste' },
    structure: { id: '0751234609', name: 'Cabinet dentaire Fictif' },
    address: at('anne.molaire-test'),
  },
];

/** Text compared as a directory search does: case and accents do not count. */
const folded = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();

/** The operator's directory: whose mailbox an address is, and the search the national directory offers. */
export class ProfessionalDirectory {
  constructor(private readonly entries: readonly DirectoryEntry[] = DIRECTORY_SEED) {}

  /** Every professional of the directory (the operator opens a mailbox for each). */
  all(): readonly DirectoryEntry[] {
    return this.entries;
  }

  byNationalId(nationalId: string): DirectoryEntry | undefined {
    return this.entries.find((entry) => entry.nationalId === nationalId);
  }

  byAddress(address: string): DirectoryEntry | undefined {
    const wanted = address.trim().toLowerCase();
    return this.entries.find((entry) => entry.address === wanted);
  }

  /** Entries whose national id is `identifier`, or whose names contain `name` (both when both are given). */
  search(criteria: { readonly name?: string; readonly identifier?: string }): DirectoryEntry[] {
    const name = criteria.name === undefined ? undefined : folded(criteria.name.trim());
    return this.entries.filter(
      (entry) =>
        (criteria.identifier === undefined || entry.nationalId === criteria.identifier.trim()) &&
        (name === undefined ||
          name === '' ||
          folded(`${entry.lastName} ${entry.firstName}`).includes(name) ||
          folded(`${entry.firstName} ${entry.lastName}`).includes(name)),
    );
  }
}
