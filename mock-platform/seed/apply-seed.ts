import type { PatientStore } from '../store/patient-store.js';
import type { StructureDirectory } from '../store/structure-directory.js';
import { SEED_MATRICULES, SEED_PATIENTS, SEED_PRACTICES, SEED_PROFESSIONALS, SEED_STRUCTURES } from './seed-data.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Resets the platform's people and records to the seed. Authorizations are dated from `now` so that the
 * valid one stays valid and the expired one stays expired whenever the seed is applied. The audit trail is
 * not touched (see `resetToSeed`).
 */
export function applySeed(store: PatientStore, now: Date): void {
  const at = (offsetDays: number): string => new Date(now.getTime() + offsetDays * DAY_MS).toISOString();
  store.transaction(() => {
    store.clear();
    for (const { patient } of SEED_PATIENTS) store.insert({ ...patient, legalRepresentatives: [] });
    for (const { patient } of SEED_PATIENTS) {
      for (const representative of patient.legalRepresentatives)
        store.addLegalRepresentative(patient.matricule, representative);
    }
    store.grant(SEED_MATRICULES.famillePere, SEED_PROFESSIONALS.generaliste, at(-100), at(265));
    store.grant(SEED_MATRICULES.corse, SEED_PROFESSIONALS.generaliste, at(-400), at(-35));
    store.block(SEED_MATRICULES.adulte, SEED_PROFESSIONALS.pedicure, at(-10));
  });
}

/** Resets the structure directory to the seed's structures and practices. */
export function applyDirectorySeed(directory: StructureDirectory): void {
  directory.clear();
  for (const structure of Object.values(SEED_STRUCTURES)) directory.register(structure);
  for (const practice of SEED_PRACTICES) directory.addPractice(practice);
}
