/**
 * Consultation at scale (issue 5 §4): the mock's registry filled with 1 million documents over 100,000
 * patients (bench/seed-documents.ts), then ITI-18 FindDocuments for random patients through the whole client
 * (DmpSession.storedQuery, the query a first visit sends: VIHF, SOAP, mutual TLS to the mock in this process,
 * the registry's rules, parsing) beside the bare indexed SQLite lookup of the same patient's documents on the
 * same database file, in the same run: p50/p99 each side and their ratio (goal ≤ 20×). Then the platform calls
 * from "Vitale inserted" to "list shown" with the card session already open (goal ≤ 3): INSi, TD0.2 and the
 * consultation's visit, counted at the mock's HTTP server and by the session.
 *
 *   node --import tsx bench/consult-search.ts
 *
 * The query plans of every statement the mock prepares while answering one FindDocuments are printed, and a
 * full-table scan is flagged. When there is one, the same queries run again on a copy of the database with
 * the indexes those plans lack created by this benchmark, so that the fix's effect is measured, not guessed;
 * the as-is run is then time-boxed (`BENCH_AS_IS_SECONDS`, default 60). The VIHF of each sampled patient is
 * signed before timing (the card has its own benchmark): each timed call is the search alone.
 *
 * Sizes: PASSERELLE_BENCH_SCALE (default 1) scales documents and patients (0.1: 100,000 over 10,000);
 * BENCH_QUERIES (default 200) random patients are queried on each side.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { formatDtm, type StoredQueryInput } from '../interop/xds/index.js';
import { openConsultation, searchRecord } from '../main/core/consult/open-consultation.js';
import type { PatientIdentity } from '../main/core/patient/patient-identity.js';
import { TEST_INS_OID } from '../mock-platform/seed/seed-data.js';
import { startMockPlatform, type MockPlatform } from '../mock-platform/start.js';
import { VITALE_CARDS } from '../native-bridge/emulator/cast.js';
import { loadOrCreateTestPki, type TestPki } from '../native-bridge/emulator/pki/index.js';
import { gpAccess, openFeedSession, type FeedSession } from './feed-support.js';
import { seedDocuments } from './seed-documents.js';
import { fullScans, isEntryPoint, percentile, plans, preparedDuring } from './support.js';

const SCALE = Number(process.env.PASSERELLE_BENCH_SCALE ?? 1);
const DOCUMENTS = Math.round(1_000_000 * SCALE);
const PATIENTS = Math.round(100_000 * SCALE);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const AS_IS_SECONDS = Number(process.env.BENCH_AS_IS_SECONDS ?? 60);
const RATIO_GOAL = 20;
const ROUND_TRIP_GOAL = 3;

/** What the bare side runs: the registry's own lookup of a patient's document entries (document_by_patient). */
const BARE_LOOKUP = 'SELECT * FROM document_entry WHERE patient = ? ORDER BY submitted_at, rowid';

/**
 * Indexes the mock's schema lacks for the statements FindDocuments runs, by the table a plan scans: each
 * statement filters on these columns (submission sets of the patient; associations of a set, by source or
 * target). Created on a copy only: mock-platform/ is not this benchmark's to change.
 */
const MISSING_INDEXES: Readonly<Record<string, readonly string[]>> = {
  submission_set: ['CREATE INDEX bench_submission_set_by_patient ON submission_set (patient, submitted_at)'],
  registry_association: [
    'CREATE INDEX bench_association_by_source ON registry_association (source)',
    'CREATE INDEX bench_association_by_target ON registry_association (target)',
  ],
};

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

function summary(samples: readonly number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

const line = (s: { p50: number; p99: number; n: number }): string =>
  `p50 ${s.p50.toFixed(2).padStart(9)} ms  p99 ${s.p99.toFixed(2).padStart(9)} ms  (${s.n} patients)`;

/** Requests reaching any HTTP server of this process: the mock's, the only one. */
class ServerRequests {
  count = 0;
  private readonly onStart = (): void => {
    this.count += 1;
  };
  constructor() {
    subscribe('http.server.request.start', this.onStart);
  }
  close(): void {
    unsubscribe('http.server.request.start', this.onStart);
  }
}

/** A generated patient as INSi would have returned her (traits are not sent by a search). */
function generatedIdentity(matricule: string): PatientIdentity {
  return {
    ins: {
      matricule,
      oid: TEST_INS_OID,
      traits: { birthName: 'PATIENT', firstNames: ['GENERE'], sex: 'M', birthDate: '1960-01-15', birthPlace: '93066' },
      history: [],
    },
    status: 'QUAL',
  };
}

/** The FindDocuments a first visit sends (RecordConsultation): Approved, created within two years. */
function firstVisitQuery(patient: PatientIdentity, now: Date): StoredQueryInput {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 2);
  return {
    kind: 'FindDocuments',
    patientId: { id: patient.ins.matricule, assigningAuthority: patient.ins.oid, idType: 'NH' },
    statuses: ['Approved'],
    creationTimeFrom: formatDtm(from),
  };
}

interface Running {
  readonly platform: MockPlatform;
  readonly feed: FeedSession;
}

async function startPlatform(dataDir: string, pki: TestPki): Promise<Running> {
  const platform = await startMockPlatform({ port: 0, dataDir, pki });
  try {
    return { platform, feed: await openFeedSession(gpAccess({ url: platform.url, pki })) };
  } catch (error) {
    await platform.close();
    throw error;
  }
}

async function stop(running: Running): Promise<void> {
  running.feed.close();
  await running.platform.close();
}

/** FindDocuments through the client for each patient, one at a time, until done or `budgetSeconds` spent. */
async function timeSearches(
  feed: FeedSession,
  patients: readonly string[],
  expected: ReadonlyMap<string, number>,
  budgetSeconds = Infinity,
): Promise<number[]> {
  const identities = patients.map(generatedIdentity);
  for (const identity of identities)
    await feed.session.vihf.forPatient({ matricule: identity.ins.matricule, oid: identity.ins.oid });
  const samples: number[] = [];
  const began = process.hrtime.bigint();
  for (const identity of identities) {
    const query = firstVisitQuery(identity, new Date());
    const start = process.hrtime.bigint();
    const answer = await feed.session.storedQuery(identity, query);
    samples.push(ms(start));
    const want = expected.get(identity.ins.matricule) ?? 0;
    if (answer.documentEntries.length !== want)
      throw new Error(`FindDocuments returned ${answer.documentEntries.length} documents, the registry holds ${want}`);
    if (ms(began) / 1000 > budgetSeconds) break;
  }
  return samples;
}

function timeBare(db: Database.Database, patients: readonly string[]): number[] {
  const lookup = db.prepare(BARE_LOOKUP);
  for (const matricule of patients) lookup.all(matricule);
  return patients.map((matricule) => {
    const start = process.hrtime.bigint();
    lookup.all(matricule);
    return ms(start);
  });
}

export async function run(): Promise<void> {
  if (!(SCALE > 0) || !Number.isInteger(QUERIES) || QUERIES < 1)
    throw new Error('PASSERELLE_BENCH_SCALE must be > 0, BENCH_QUERIES an integer ≥ 1');
  const dir = await mkdtemp(join(tmpdir(), 'bench-consult-'));
  const requests = new ServerRequests();
  try {
    const pki = loadOrCreateTestPki(join(dir, 'pki'));
    const dataDir = join(dir, 'platform');
    const vitale = VITALE_CARDS[0]!;
    const beneficiary = vitale.beneficiaries[0]!;
    const seeded = seedDocuments(dataDir, {
      documents: DOCUMENTS,
      patients: PATIENTS,
      alsoFor: [beneficiary.nir],
      documentsEach: 10,
    });
    const megabytes = (await stat(seeded.databasePath)).size / 1048576;
    console.log(
      `Consultation at scale: ${seeded.documents.toLocaleString('en')} documents (one-document submission sets) over ${PATIENTS.toLocaleString('en')} generated patients ` +
        `+ the Vitale card's adult (10), mock in this process over mutual TLS`,
    );
    console.log(
      `  generated in ${seeded.seconds.toFixed(1)} s (one transaction, prepared statements): ${megabytes.toFixed(0)} MB of SQLite`,
    );

    // Patients drawn at random, with documents (a patient without any answers from the index alone).
    const withDocuments = seeded.patients.filter((m) => (seeded.documentsOf.get(m) ?? 0) > 0);
    const sample = Array.from({ length: QUERIES }, (_, i) => withDocuments[(i * 2654435761) % withDocuments.length]!);
    const perPatient = summary(sample.map((m) => seeded.documentsOf.get(m) ?? 0));
    console.log(`  sampled patients hold ${perPatient.p50} documents at the median, ${perPatient.p99} at p99`);

    let running = await startPlatform(dataDir, pki);
    const bare = new Database(seeded.databasePath, { readonly: true });
    let scans: { sql: string; plan: string[] }[];
    let asIs: number[];
    let bareSamples: number[];
    try {
      // Round trips, card session open: the Vitale card is read, INSi, TD0.2, the consultation's visit.
      const { session } = running.feed;
      const home = join(dir, 'home');
      const visits: { label: string; client: number; server: number; documents: number }[] = [];
      for (const label of ['first visit of the patient', 'next visit (card inserted again)']) {
        const client = session.roundTrips;
        const server = requests.count;
        const patient = await session.identify({ holderNir: vitale.holderNir, ...beneficiary });
        await session.recordStatus(patient);
        const consult = openConsultation(home, session);
        try {
          const answer = await searchRecord(consult.consultation, session, patient, {
            newOnly: false,
            includeArchived: false,
          });
          visits.push({
            label,
            client: session.roundTrips - client,
            server: requests.count - server,
            documents: answer.documents.length,
          });
        } finally {
          consult.close();
        }
      }
      console.log(
        `  round trips from "Vitale inserted" to "list shown", card session open (goal ≤ ${ROUND_TRIP_GOAL}): INSi + TD0.2 + the visit`,
      );
      for (const v of visits)
        console.log(
          `    ${v.label.padEnd(34)} ${v.server} requests at the mock's server (${v.client} by the session), ${v.documents} documents listed  ${v.server <= ROUND_TRIP_GOAL ? '≤' : '>'} ${ROUND_TRIP_GOAL} goal`,
        );

      const statements = await preparedDuring(() =>
        session.storedQuery(generatedIdentity(sample[0]!), firstVisitQuery(generatedIdentity(sample[0]!), new Date())),
      );
      const found = plans(bare, statements);
      scans = fullScans(found);
      console.log(
        `  query plans of the ${found.length} statements the mock prepared for one FindDocuments: ${scans.length} full-table scan(s)`,
      );
      for (const s of scans) {
        const table = /^SCAN (\w+)/.exec(s.plan.find((d) => d.startsWith('SCAN')) ?? '')?.[1] ?? '';
        const rows = (bare.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        console.log(
          `    SCAN of ${table} (${rows.toLocaleString('en')} rows): ${s.sql}\n      plan: ${s.plan.join(' | ')}`,
        );
      }

      bareSamples = timeBare(bare, sample);
      asIs = await timeSearches(running.feed, sample, seeded.documentsOf, scans.length > 0 ? AS_IS_SECONDS : Infinity);
    } finally {
      bare.close();
      await stop(running);
    }
    const bareStats = summary(bareSamples);
    const asIsStats = summary(asIs);
    console.log(`  bare SQLite lookup on the same file (readonly connection): ${BARE_LOOKUP}`);
    console.log(`    ${line(bareStats)}`);
    console.log(
      `  FindDocuments through the client, the mock as it is${asIs.length < QUERIES ? ` (stopped after ${AS_IS_SECONDS} s)` : ''}:`,
    );
    console.log(`    ${line(asIsStats)}`);
    const ratio = (s: { p50: number; p99: number }): string => {
      const r = s.p50 / bareStats.p50;
      return `ratio p50 ${r.toFixed(0)}×, p99 ${(s.p99 / bareStats.p99).toFixed(0)}×  ${r <= RATIO_GOAL ? '≤' : '>'} ${RATIO_GOAL}× goal`;
    };
    console.log(`    ${ratio(asIsStats)}`);

    const tables = [
      ...new Set(
        scans.flatMap((s) => Object.keys(MISSING_INDEXES).filter((t) => s.plan.some((d) => d === `SCAN ${t}`))),
      ),
    ];
    if (tables.length > 0) {
      const copyDir = join(dir, 'platform-indexed');
      let start = process.hrtime.bigint();
      await cp(dataDir, copyDir, { recursive: true });
      const copied = ms(start) / 1000;
      const indexes = tables.flatMap((t) => MISSING_INDEXES[t]!);
      const db = new Database(join(copyDir, 'platform.sqlite'));
      start = process.hrtime.bigint();
      for (const ddl of indexes) db.exec(ddl);
      const indexing = ms(start) / 1000;
      const after = fullScans(
        plans(
          db,
          scans.map((s) => s.sql),
        ),
      );
      db.close();
      console.log(
        `  on a copy (${copied.toFixed(0)} s to copy) with the missing indexes created (${indexing.toFixed(1)} s):`,
      );
      for (const ddl of indexes) console.log(`    ${ddl};`);
      console.log(
        `    full-table scans left among those statements: ${after.map((s) => s.plan.join(' | ')).join(', ') || 'none'}`,
      );
      running = await startPlatform(copyDir, pki);
      let indexed: number[];
      const floor: number[] = [];
      try {
        indexed = await timeSearches(running.feed, sample, seeded.documentsOf);
        // The cheapest authenticated call to the same mock: what any search costs before the registry is read.
        const { session, patient } = running.feed;
        for (let i = 0; i < Math.min(QUERIES, 100); i += 1) {
          const start = process.hrtime.bigint();
          await session.recordStatus(patient);
          floor.push(ms(start));
        }
      } finally {
        await stop(running);
      }
      const indexedStats = summary(indexed);
      console.log(`  FindDocuments through the client, the mock on the indexed copy:`);
      console.log(`    ${line(indexedStats)}`);
      console.log(`    ${ratio(indexedStats)}`);
      const floorStats = summary(floor);
      console.log(
        `  for scale, a TD0.2 round trip to the same mock (no registry read): p50 ${floorStats.p50.toFixed(2)} ms, p99 ${floorStats.p99.toFixed(2)} ms = ${(floorStats.p50 / bareStats.p50).toFixed(0)}× the bare lookup`,
      );
    }
  } finally {
    requests.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) await run();
