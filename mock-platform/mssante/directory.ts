import { TEST_PROFESSIONAL_DOMAIN } from '../../interop/mssante/addresses.js';
import { SEED_PROFESSIONALS, SEED_STRUCTURES } from '../seed/seed-data.js';
import type { CertifiedStructure } from '../store/structure-directory.js';

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

const MEDECIN = { code: '10', label: 'Médecin' };
const S = SEED_STRUCTURES;

/** A professional as the directory lists her: her address is `firstname.lastname` at the mock operator. */
function listed(
  nationalId: string,
  [lastName, firstName]: readonly [lastName: string, firstName: string],
  profession: DirectoryEntry['profession'],
  structure: CertifiedStructure,
): DirectoryEntry {
  return {
    nationalId,
    lastName,
    firstName,
    profession,
    structure: { id: structure.id, name: structure.name },
    address: `${firstName}.${lastName}@${TEST_PROFESSIONAL_DOMAIN}`.toLowerCase(),
  };
}

/**
 * The emulated cast's professionals as the national directory publishes their MSSanté addresses (fictional
 * people of the test PKI's cards; the seed of the DMP knows the same national ids).
 */
export const DIRECTORY_SEED: readonly DirectoryEntry[] = [
  listed(SEED_PROFESSIONALS.generaliste, ['LUMIERE-TEST', 'CLAIRE'], MEDECIN, S.cabinetGeneraliste),
  listed(SEED_PROFESSIONALS.urgentiste, ['SECOURS-TEST', 'MARC'], MEDECIN, S.chu),
  listed(SEED_PROFESSIONALS.hospitalier, ['SALPETRE-TEST', 'HELENE'], MEDECIN, S.chu),
  listed(SEED_PROFESSIONALS.regulateur, ['QUINZE-TEST', 'YANN'], MEDECIN, S.samu),
  listed(
    SEED_PROFESSIONALS.infirmier,
    ['PANSEMENT-TEST', 'LUC'],
    { code: '60', label: 'Infirmier' },
    S.cabinetInfirmier,
  ),
  listed(SEED_PROFESSIONALS.pharmacien, ['OFFICINE-TEST', 'SOPHIE'], { code: '21', label: 'Pharmacien' }, S.pharmacie),
  listed(
    SEED_PROFESSIONALS.pedicure,
    ['PODOLOGUE-TEST', 'PAUL'],
    { code: '80', label: 'Pédicure-Podologue' },
    S.cabinetPodologie,
  ),
  listed(
    SEED_PROFESSIONALS.dentiste,
    ['MOLAIRE-TEST', 'ANNE'],
    { code: '40', label: 'Chirurgien-Dentiste' },
    S.cabinetDentaire,
  ),
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
