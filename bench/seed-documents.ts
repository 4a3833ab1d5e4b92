/**
 * Fills a mock platform's data folder with a large registry: `patients` generated people (valid test INS,
 * active record, the seed's GP authorized) and `documents` one-document submissions spread over them at
 * random and over the last two years, each stored as ITI-41 stores one (a submission set row, a document
 * entry row, a HasMember association row, the metadata as JSON of interop's sample submission).
 *
 *   node --import tsx bench/seed-documents.ts <data-dir> [documents] [patients]
 *
 * The schema, the seed people and the audit trail come from the mock's own opening of a data folder
 * (`openPlatformState`), so the folder is one `startMockPlatform` opens as is. The rows then go in through one
 * connection and one transaction with prepared statements, the rollback journal in memory and no syncs: a
 * generator's crash leaves a folder to delete, not one to recover, and 1 million submissions take seconds
 * instead of the hours one fsync'd WAL transaction per row would. Documents' bytes are not written (search
 * reads metadata only): an ITI-43 of a generated document fails.
 */
import { createHash, randomBytes } from 'node:crypto';

import Database from 'better-sqlite3';

import { nirKey } from '../interop/ins/nir.js';
import { sampleSubmission } from '../interop/xds/sample-metadata.js';
import { formatDtm } from '../interop/xds/hl7-types.js';
import { MOCK_REPOSITORY_UNIQUE_ID } from '../mock-platform/services/mock-repository.js';
import { patientRecord, SEED_PROFESSIONALS, TEST_INS_OID } from '../mock-platform/seed/seed-data.js';
import { openPlatformState } from '../mock-platform/start.js';
import { PatientStore } from '../mock-platform/store/patient-store.js';
import { isEntryPoint } from './support.js';

export interface SeedOptions {
  readonly documents: number;
  readonly patients: number;
  /** Existing patients (the seed's) given `documentsEach` documents too, e.g. the one a Vitale card names. */
  readonly alsoFor?: readonly string[];
  readonly documentsEach?: number;
  /** The professional authorized on every generated record (the seed's GP by default). */
  readonly professional?: string;
  /** Same seed, same registry: runs compare. */
  readonly randomSeed?: number;
  readonly now?: Date;
}

export interface SeedReport {
  /** The SQLite file the mock opens in that folder. */
  readonly databasePath: string;
  /** Matricules of the generated patients, in generation order. */
  readonly patients: readonly string[];
  /** Generated document entries per patient matricule. */
  readonly documentsOf: ReadonlyMap<string, number>;
  readonly documents: number;
  readonly seconds: number;
}

const DAY_MS = 24 * 3600 * 1000;
/** Inside the client's first-visit window (two years), so that every generated document is listed. */
const SPREAD_DAYS = 700;

/** Small, fast and reproducible (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A test NIR per index: sex, year 60, a month, department 93, then the index on the 6 digits of commune and
 * order. No seed person has this year and department, so they never collide.
 */
export function generatedMatricule(index: number): string {
  const body = `${1 + (index % 2)}60${String(1 + (index % 12)).padStart(2, '0')}93${String(index).padStart(6, '0')}`;
  return body + nirKey(body);
}

export function seedDocuments(dataDir: string, options: SeedOptions): SeedReport {
  const now = options.now ?? new Date();
  const professional = options.professional ?? SEED_PROFESSIONALS.generaliste;
  const random = prng(options.randomSeed ?? 20261123);
  if (options.patients > 1_000_000) throw new Error('at most 1,000,000 generated patients (6 digits of the NIR)');

  const { db: opened } = openPlatformState(dataDir, () => now);
  const databasePath = opened.name;
  opened.close();

  const started = process.hrtime.bigint();
  const db = new Database(databasePath);
  // From WAL to a journal in memory needs this connection alone: the mock's is closed above.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -8000000');
  const store = new PatientStore(db);

  const matricules = Array.from({ length: options.patients }, (_, i) => generatedMatricule(i));
  const documentsOf = new Map<string, number>();
  const template = sampleSubmission([Buffer.from('%PDF-1.4 generated')], now);
  const entryTemplate = {
    ...template.documentEntries[0]!,
    repositoryUniqueId: MOCK_REPOSITORY_UNIQUE_ID,
    version: '1',
  };
  const setTemplate = template.submissionSet;
  const associationTemplate = template.associations[0]!;
  const sha256 = createHash('sha256').update('%PDF-1.4 generated').digest('hex');

  const insertSet = db.prepare(
    'INSERT INTO submission_set (entry_uuid, unique_id, patient, submitted_at, submitted_by, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertDocument = db.prepare(
    `INSERT INTO document_entry (entry_uuid, logical_id, version, unique_id, patient, status, sha1, sha256, size, submission_set, submitted_by, submitted_at, metadata)
     VALUES (?, ?, 1, ?, ?, 'Approved', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAssociation = db.prepare(
    'INSERT INTO registry_association (id, type, source, target, submission_set, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );

  // Time-ordered ids (as UUIDv7 are): each primary-key insert lands at the end of its B-tree, where random
  // UUIDs would split pages all over 1 million rows and make the fill quadratic in practice. A random run
  // prefix keeps two generated registries apart.
  const run = randomBytes(4).toString('hex');
  const orderedUuid = (kind: number, n: number): string =>
    `urn:uuid:${run}-000${kind}-7000-8000-${n.toString(16).padStart(12, '0')}`;
  let serial = 0;
  const submit = (matricule: string, at: Date): void => {
    serial += 1;
    const patientId = { id: matricule, assigningAuthority: TEST_INS_OID, idType: 'NH' };
    const setUuid = orderedUuid(1, serial);
    const entryUuid = orderedUuid(2, serial);
    // Fixed-width serials keep the uniqueIds valid OIDs (no leading zero in a component).
    const setUniqueId = `1.2.250.1.999.8.1.${1_000_000_000 + serial}`;
    const uniqueId = `1.2.250.1.999.8.2.${1_000_000_000 + serial}`;
    const iso = at.toISOString();
    const dtm = formatDtm(at);
    const set = { ...setTemplate, entryUUID: setUuid, uniqueId: setUniqueId, submissionTime: dtm, patientId };
    const entry = {
      ...entryTemplate,
      entryUUID: entryUuid,
      logicalId: entryUuid,
      uniqueId,
      patientId,
      sourcePatientId: patientId,
      creationTime: dtm,
    };
    const association = {
      ...associationTemplate,
      id: orderedUuid(3, serial),
      sourceObject: setUuid,
      targetObject: entryUuid,
    };
    insertSet.run(setUuid, setUniqueId, matricule, iso, professional, JSON.stringify(set));
    insertDocument.run(
      entryUuid,
      entryUuid,
      uniqueId,
      matricule,
      entry.hash,
      sha256,
      entry.size,
      setUuid,
      professional,
      iso,
      JSON.stringify(entry),
    );
    insertAssociation.run(association.id, association.type, setUuid, entryUuid, setUuid, JSON.stringify(association));
    documentsOf.set(matricule, (documentsOf.get(matricule) ?? 0) + 1);
  };

  db.transaction(() => {
    const grantedAt = new Date(now.getTime() - 30 * DAY_MS).toISOString();
    const expiresAt = new Date(now.getTime() + 335 * DAY_MS).toISOString();
    matricules.forEach((matricule, i) => {
      store.insert(
        patientRecord(matricule, matricule, {
          birthName: `PATIENT-${i}`,
          usedName: `PATIENT-${i}`,
          firstNames: ['GENERE'],
          sex: i % 2 === 0 ? 'M' : 'F',
          birthDate: `1960-${String(1 + (i % 12)).padStart(2, '0')}-15`,
          birthPlace: '93066',
        }),
      );
      store.grant(matricule, professional, grantedAt, expiresAt);
    });
    const start = now.getTime() - SPREAD_DAYS * DAY_MS;
    for (const matricule of options.alsoFor ?? []) {
      for (let j = 0; j < (options.documentsEach ?? 10); j += 1)
        submit(matricule, new Date(start + random() * SPREAD_DAYS * DAY_MS));
    }
    // In time order, each to a patient drawn at random: a patient's rows lie scattered through the tables as
    // years of filing leave them, not side by side.
    for (let d = 0; d < options.documents; d += 1) {
      submit(
        matricules[Math.floor(random() * matricules.length)]!,
        new Date(start + (d / options.documents) * SPREAD_DAYS * DAY_MS),
      );
    }
  })();
  db.pragma('journal_mode = WAL');
  db.close();
  return {
    databasePath,
    patients: matricules,
    documentsOf,
    documents: serial,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

if (isEntryPoint(import.meta.url)) {
  const [dataDir, documents = '1000000', patients = '100000'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: seed-documents.ts <data-dir> [documents] [patients]');
  const report = seedDocuments(dataDir, { documents: Number(documents), patients: Number(patients) });
  console.log(
    `${report.documents} documents over ${report.patients.length} patients in ${report.seconds.toFixed(1)} s: ${report.databasePath}`,
  );
}
