import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { SEED_PATIENTS } from '../../mock-platform/seed/seed-data.js';
import type { QueuedDocument } from '../../main/core/queue/queued-document.js';
import { ESTABLISHMENT_FILE } from '../../main/core/batch/establishment-settings.js';

/** The emulated cast's establishment (ORG-CHU-FICTIF), its secretary and its hospital physician, as settings. */
export const ESTABLISHMENT = {
  orgToken: 'ORG-CHU-FICTIF',
  legalEntityFiness: '750000001',
  siteFiness: '750000019',
  secretary: { id: 'SEC0001', lastName: 'AGENDA-TEST', firstName: 'MARIE' },
  defaultAuthor: {
    nationalId: '899700100033',
    lastName: 'SALPETRE-TEST',
    firstName: 'HELENE',
    specialty: { code: 'SM53', label: 'Spécialiste en Médecine Interne' },
  },
} as const;

export function writeEstablishment(home: string, settings: unknown = ESTABLISHMENT): void {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, ESTABLISHMENT_FILE), JSON.stringify(settings, null, 2));
}

/** Matricules of the mock's seeded patients that the batch tests use. */
export const SEEDED = {
  adult: '285057511203496',
  lunar: '162009935000728',
  corsican: '175022A00401227',
  father: '178086912304567',
  unconscious: '171093303901766',
  homonym: '180061305502121',
  twinsMother: '290013306302176',
  closed: '268013155500841',
} as const;

/** A seeded patient as a manifest states her (qualified INS, reference traits). */
export function seededPatient(matricule: string): QueuedDocument['patient'] {
  const seed = SEED_PATIENTS.find((s) => s.patient.matricule === matricule);
  if (!seed) throw new Error(`no seeded patient ${matricule}`);
  const { oid, traits } = seed.patient;
  return {
    matricule,
    oid,
    traits: {
      birthName: traits.birthName,
      firstNames: [...traits.firstNames],
      sex: traits.sex,
      birthDate: traits.birthDate,
      birthPlace: traits.birthPlace,
    },
  };
}

/** A small one-page PDF, distinct by `marker`. */
export function smallPdf(marker: string): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n% ${marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

export const MANIFEST_HEADER = [
  'file',
  'ins_matricule',
  'ins_oid',
  'identity_status',
  'birth_name',
  'first_names',
  'sex',
  'birth_date',
  'birth_place',
  'type_code',
  'title',
  'author_id',
  'author_family_name',
  'author_given_name',
  'service_start',
  'service_end',
  'hidden_from_patient',
  'hidden_from_legal_representatives',
  'masked_from_professionals',
] as const;
export type ManifestLine = Partial<Record<(typeof MANIFEST_HEADER)[number], string>>;

/** A manifest line for a seeded patient, the default author, a stay of three days. */
export function lineFor(matricule: string, file: string, overrides: ManifestLine = {}): ManifestLine {
  const patient = seededPatient(matricule);
  return {
    file,
    ins_matricule: patient.matricule,
    ins_oid: patient.oid,
    identity_status: 'QUAL',
    birth_name: patient.traits.birthName,
    first_names: patient.traits.firstNames.join(' '),
    sex: patient.traits.sex,
    birth_date: patient.traits.birthDate,
    birth_place: patient.traits.birthPlace,
    type_code: '11490-0',
    author_id: ESTABLISHMENT.defaultAuthor.nationalId,
    service_start: '2026-11-20',
    service_end: '2026-11-23',
    ...overrides,
  };
}

/** Writes a CSV manifest (`;`-separated) into a folder. */
export function writeManifest(folder: string, name: string, lines: readonly ManifestLine[]): string {
  mkdirSync(folder, { recursive: true });
  const text = [
    MANIFEST_HEADER.join(';'),
    ...lines.map((line) => MANIFEST_HEADER.map((column) => line[column] ?? '').join(';')),
  ].join('\n');
  const path = join(folder, name);
  writeFileSync(path, `${text}\n`);
  return path;
}

/** Seeded adults with an open record: the patients of the generated batches. */
export const OPEN_RECORDS = [
  '285057511203496',
  '162009935000728',
  '175022A00401227',
  '178086912304567',
  '171093303901766',
  '180061305502121',
  '180065935011223',
  '290013306302176',
  '282046748203314',
] as const;

const TYPES = ['11490-0', '34112-3', '11502-2'] as const;

/**
 * A folder as a hospital's software leaves it: `count` small PDFs and one CSV manifest. Three documents per
 * stay (same patient, same dates), stays spread over the seeded patients, so that the queue groups them.
 */
export function writeGeneratedBatch(folder: string, count: number, marker: string): void {
  mkdirSync(folder, { recursive: true });
  const lines: ManifestLine[] = [];
  for (let i = 0; i < count; i += 1) {
    const stay = Math.floor(i / 3);
    const patient = OPEN_RECORDS[stay % OPEN_RECORDS.length]!;
    const day = 1 + Math.floor(stay / OPEN_RECORDS.length);
    const start = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(2026, 0, 1) + (day + 2) * 86_400_000).toISOString().slice(0, 10);
    const file = `doc-${String(i).padStart(4, '0')}.pdf`;
    writeFileSync(join(folder, file), smallPdf(`${marker}-${i}`));
    lines.push(lineFor(patient, file, { type_code: TYPES[i % 3]!, service_start: start, service_end: end }));
  }
  writeManifest(folder, 'manifest.csv', lines);
}
