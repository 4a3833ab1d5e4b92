/**
 * Consultation at scale (issue 5 §4): the mock's registry filled with 1 million documents over 100,000
 * patients (bench/seed-documents.ts), then ITI-18 FindDocuments for random patients through the whole client
 * (DmpSession.storedQuery, the query a first visit sends: VIHF, SOAP, mutual TLS to the mock in this process,
 * the registry's rules, parsing) beside the bare indexed SQLite lookup of the same patient's documents on the
 * same database file, in the same run: p50/p99 each side and their ratio (goal ≤ 20×), and the mock's own share
 * (request received → answer written) with its ratio. Then the platform calls from "Vitale inserted" to "list
 * shown" with the card session already open (goal ≤ 3): INSi, TD0.2 and the consultation's visit, as requests
 * and as sequential round trips (requests sent while another is awaited share its round trip).
 *
 *   node --import tsx bench/consult-search.ts
 *
 * The query plans of every statement the mock prepares while answering one FindDocuments are printed, and a
 * full-table scan is flagged (the search is then time-boxed: `BENCH_AS_IS_SECONDS`, default 60). A TD0.2 to
 * the same mock is timed for scale: the cost of any authenticated call before the registry is read. The VIHF
 * of each sampled patient is signed before timing (the card has its own benchmark): each timed call is the
 * search alone.
 *
 * Sizes: PASSERELLE_BENCH_SCALE (default 1) scales documents and patients (0.1: 100,000 over 10,000);
 * BENCH_QUERIES (default 200) random patients are queried on each side.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { formatDtm, type StoredQueryInput } from '../interop/xds/index.js';
import { searchRecord } from '../main/core/consult/consult-answers.js';
import { RecordConsultation } from '../main/core/consult/record-consultation.js';
import { openWorkstation } from '../main/core/workstation/workstation.js';
import type { PatientIdentity } from '../main/core/patient/patient-identity.js';
import { TEST_INS_OID } from '../mock-platform/seed/seed-data.js';
import { startMockPlatform, type MockPlatform } from '../mock-platform/start.js';
import { VITALE_CARDS } from '../native-bridge/emulator/cast.js';
import { loadOrCreateTestPki, type TestPki } from '../interop/test-pki/index.js';
import { gpAccess, openFeedSession, type FeedSession } from './feed-support.js';
import { seedDocuments } from './seed-documents.js';
import {
  fullScans,
  isEntryPoint,
  listenToChannels,
  percentile,
  plans,
  preparedDuring,
  ServerClock,
} from './support.js';

const SCALE = Number(process.env.PASSERELLE_BENCH_SCALE ?? 1);
const DOCUMENTS = Math.round(1_000_000 * SCALE);
const PATIENTS = Math.round(100_000 * SCALE);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const AS_IS_SECONDS = Number(process.env.BENCH_AS_IS_SECONDS ?? 60);
const RATIO_GOAL = 20;
const ROUND_TRIP_GOAL = 3;

/** What the bare side runs: the registry's own lookup of a patient's document entries (document_by_patient). */
const BARE_LOOKUP = 'SELECT * FROM document_entry WHERE patient = ? ORDER BY submitted_at, rowid';

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

function summary(samples: readonly number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

const line = (s: { p50: number; p99: number; n: number }): string =>
  `p50 ${s.p50.toFixed(2).padStart(9)} ms  p99 ${s.p99.toFixed(2).padStart(9)} ms  (${s.n} patients)`;

/**
 * The platform calls this process's client makes (Node's HTTP client diagnostics channels), and the sequential
 * round trips among them: a request sent while another is awaited travels in the same round trip.
 */
class ClientCalls {
  requests = 0;
  roundTrips = 0;
  private inFlight = 0;
  private readonly onStart = (): void => {
    this.requests += 1;
    if (this.inFlight === 0) this.roundTrips += 1;
    this.inFlight += 1;
  };
  private readonly onFinish = (): void => {
    this.inFlight -= 1;
  };
  readonly close = listenToChannels({
    'http.client.request.start': this.onStart,
    'http.client.response.finish': this.onFinish,
  });
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

interface Timed {
  /** Through the client, call to answer. */
  readonly client: number[];
  /** At the mock's server, request received to answer written. */
  readonly server: number[];
}

/** FindDocuments through the client for each patient, one at a time, until done or `budgetSeconds` spent. */
async function timeSearches(
  feed: FeedSession,
  patients: readonly string[],
  expected: ReadonlyMap<string, number>,
  budgetSeconds = Infinity,
): Promise<Timed> {
  const identities = patients.map(generatedIdentity);
  for (const identity of identities)
    await feed.session.vihf.forPatient({ matricule: identity.ins.matricule, oid: identity.ins.oid });
  const timed: Timed = { client: [], server: [] };
  const clock = new ServerClock();
  const began = process.hrtime.bigint();
  try {
    for (const identity of identities) {
      const query = firstVisitQuery(identity, new Date());
      const start = process.hrtime.bigint();
      const answer = await feed.session.storedQuery(identity, query);
      timed.client.push(ms(start));
      timed.server.push(clock.lastMs);
      const want = expected.get(identity.ins.matricule) ?? 0;
      if (answer.documentEntries.length !== want)
        throw new Error(
          `FindDocuments returned ${answer.documentEntries.length} documents, the registry holds ${want}`,
        );
      if (ms(began) / 1000 > budgetSeconds) break;
    }
  } finally {
    clock.close();
  }
  return timed;
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
  const calls = new ClientCalls();
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

    const running = await startPlatform(dataDir, pki);
    const bare = new Database(seeded.databasePath, { readonly: true });
    try {
      // Round trips, card session open: the Vitale card is read, INSi, TD0.2, the consultation's visit.
      const { session } = running.feed;
      const home = join(dir, 'home');
      const visits: { label: string; requests: number; roundTrips: number; documents: number }[] = [];
      for (const label of ['first visit of the patient', 'next visit (card inserted again)']) {
        const requests = calls.requests;
        const roundTrips = calls.roundTrips;
        const patient = await session.identify({ holderNir: vitale.holderNir, ...beneficiary });
        await session.recordStatus(patient);
        // The consultation over the sealed cache of a workstation of this home, as the desks open it.
        const workstation = openWorkstation({ home, environment: {}, version: 'bench' });
        try {
          const consultation = new RecordConsultation(session, workstation.consultCache());
          const answer = await searchRecord(consultation, session, patient, {
            newOnly: false,
            includeArchived: false,
          });
          visits.push({
            label,
            requests: calls.requests - requests,
            roundTrips: calls.roundTrips - roundTrips,
            documents: answer.documents.length,
          });
        } finally {
          workstation.close();
        }
      }
      console.log(
        `  round trips from "Vitale inserted" to "list shown", card session open (goal ≤ ${ROUND_TRIP_GOAL}): INSi + TD0.2 + the visit`,
      );
      for (const v of visits)
        console.log(
          `    ${v.label.padEnd(34)} ${v.roundTrips} sequential round trips (${v.requests} requests), ${v.documents} documents listed  ${v.roundTrips <= ROUND_TRIP_GOAL ? '≤' : '>'} ${ROUND_TRIP_GOAL} goal`,
        );

      const statements = await preparedDuring(() =>
        session.storedQuery(generatedIdentity(sample[0]!), firstVisitQuery(generatedIdentity(sample[0]!), new Date())),
      );
      const found = plans(bare, statements);
      const scans = fullScans(found);
      console.log(
        `  query plans of the ${found.length} statements the mock prepared for one FindDocuments: ${scans.length} full-table scan(s)`,
      );
      for (const scan of scans) {
        const table = /^SCAN (\w+)/.exec(scan.plan.find((d) => d.startsWith('SCAN')) ?? '')?.[1] ?? '';
        const rows = (bare.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        console.log(
          `    SCAN of ${table} (${rows.toLocaleString('en')} rows): ${scan.sql}\n      plan: ${scan.plan.join(' | ')}`,
        );
      }

      const bareStats = summary(timeBare(bare, sample));
      const searches = await timeSearches(
        running.feed,
        sample,
        seeded.documentsOf,
        scans.length > 0 ? AS_IS_SECONDS : Infinity,
      );
      // The cheapest authenticated call to the same mock: what any search costs before the registry is read.
      const floor: number[] = [];
      for (let i = 0; i < Math.min(QUERIES, 100); i += 1) {
        const start = process.hrtime.bigint();
        await session.recordStatus(running.feed.patient);
        floor.push(ms(start));
      }
      const ratio = (s: { p50: number; p99: number }): string => {
        const r = s.p50 / bareStats.p50;
        return `ratio p50 ${r.toFixed(0)}×, p99 ${(s.p99 / bareStats.p99).toFixed(0)}×  ${r <= RATIO_GOAL ? '≤' : '>'} ${RATIO_GOAL}× goal`;
      };
      const clientStats = summary(searches.client);
      const serverStats = summary(searches.server);
      const floorStats = summary(floor);
      console.log(`  bare SQLite lookup on the same file (readonly connection): ${BARE_LOOKUP}`);
      console.log(`    ${line(bareStats)}`);
      console.log(
        `  FindDocuments through the client${searches.client.length < QUERIES ? ` (stopped after ${AS_IS_SECONDS} s)` : ''}:`,
      );
      console.log(`    ${line(clientStats)}`);
      console.log(`    ${ratio(clientStats)}`);
      console.log(
        `  of which the mock's server, request received to answer written (SOAP, VIHF check, rules, registry, XML):`,
      );
      console.log(`    ${line(serverStats)}`);
      console.log(`    ${ratio(serverStats)}`);
      console.log(
        `  for scale, a TD0.2 round trip to the same mock (no registry read): p50 ${floorStats.p50.toFixed(2)} ms, p99 ${floorStats.p99.toFixed(2)} ms = ${(floorStats.p50 / bareStats.p50).toFixed(0)}× the bare lookup`,
      );
    } finally {
      bare.close();
      await stop(running);
    }
  } finally {
    calls.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) await run();
