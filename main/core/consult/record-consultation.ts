import {
  formatDtm,
  type Association,
  type DocumentEntry,
  type QueryResponse,
  type StoredQueryInput,
} from '../../../interop/xds/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { insReference, type PatientIdentity } from '../patient/patient-identity.js';
import { accessRefusal } from '../session/access-confirmations.js';
import type { PrefetchedVisit } from '../session/patient-prefetch.js';
import type { RetrievedDocument } from '../session/dmp-session.js';
import type { CachedEntry, ConsultCache, ConsultedRecord, VisitState } from './consult-cache.js';

/** What consulting needs of the professional's platform session (DmpSession; a fake in unit tests). */
export interface ConsultPlatform {
  /** The professional's national id: the cache keeps her own copy of each record. */
  readonly professional: string;
  storedQuery(identity: PatientIdentity, query: StoredQueryInput): Promise<QueryResponse>;
  retrieve(identity: PatientIdentity, entries: readonly DocumentEntry[]): Promise<RetrievedDocument[]>;
  /** Undefined when the platform confirmed (or now confirms) her access to the record; else what refuses it. */
  confirmAccess(identity: PatientIdentity): Promise<string | undefined>;
}

export interface ConsultOptions {
  readonly now?: () => Date;
  /** How far back the first search of a patient looks (protocol notes §1.2: at most two years). */
  readonly firstWindowYears?: number;
}

/** Ids per GetDocumentsAndAssociations or GetAssociations call (protocol notes §1.2: batches of 20). */
export const BATCH_SIZE = 20;
/**
 * Each later search starts this much before the previous one: a submission filed while we searched, or
 * stamped by a platform clock slightly behind ours, is not missed. Sets already read are skipped.
 */
const OVERLAP_MS = 10 * 60 * 1000;

export interface VisitOutcome {
  /** `first`: FindDocuments over the window; `incremental`: FindSubmissionSets since the last visit. */
  readonly mode: 'first' | 'incremental';
  readonly documents: readonly CachedEntry[];
  /** The previous visit (ISO), against which "new" is judged; absent on the first visit. */
  readonly previousVisit?: string;
  readonly windowFrom: string;
}

/** Asks ids 20 at a time (protocol notes §1.2), one batch after the other. */
async function inBatches(
  ids: readonly string[],
  ask: (batch: string[]) => Promise<QueryResponse>,
): Promise<QueryResponse[]> {
  const answers: QueryResponse[] = [];
  for (const batch of chunks(ids, BATCH_SIZE)) answers.push(await ask(batch));
  return answers;
}

/** One stored query about the visit's patient. */
type Query = (input: StoredQueryInput) => Promise<QueryResponse>;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Consulting one patient's record the way the DMP asks integrated software to (protocol notes §1.2): the
 * first search covers at most two years; later visits ask for the submission sets filed since the last access
 * and the ids of the documents in force over the same window (to see deletions, whose sets are hidden from
 * us), then, in one more round trip, the sets' associations alongside the documents the ids show she does not
 * hold or whose standing changed, 20 at a time. Results merge into the professional's own copy of the record in
 * the sealed local cache, and a document's bytes are retrieved once, then read from that copy while the
 * platform confirms her access. When the platform refuses her access, her copy is removed and she is told.
 */
export class RecordConsultation {
  private readonly now: () => Date;
  private readonly firstWindowYears: number;
  private visitsStarted = 0;

  constructor(
    private readonly platform: ConsultPlatform,
    private readonly cache: ConsultCache,
    options: ConsultOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.firstWindowYears = options.firstWindowYears ?? 2;
  }

  /**
   * Brings the professional's copy up to date with the platform, then returns every document of the patient
   * she knows. Every visit asks the platform, which decides whether she may still consult the record.
   */
  visit(patient: PatientIdentity): Promise<VisitOutcome> {
    this.visitsStarted += 1;
    const key = this.recordOf(patient);
    return this.asPlatformDecides(key, async () => (await this.ask(patient, key)).bringUpToDate());
  }

  /**
   * A visit asked alongside the platform's word on her access (TD0.2) instead of after it: its questions leave
   * at once — the platform decides each of them as well — and what they bring enters her copy only once
   * `granted` says she may consult the record. When it says she may not, everything they brought is dropped:
   * nothing enters her copy, nothing is removed from it, and their refusal is not reported (undefined), so
   * that what she is told is the platform's answer to TD0.2, as when nothing was asked alongside.
   */
  async visitOnceGranted(patient: PatientIdentity, granted: Promise<boolean>): Promise<PrefetchedVisit | undefined> {
    const key = this.recordOf(patient);
    const asked = this.ask(patient, key);
    // Left unread when access is refused: its refusal is TD0.2's to tell.
    asked.catch(() => undefined);
    if (!(await granted)) return undefined;
    this.visitsStarted += 1;
    return this.asPlatformDecides(key, async () => {
      const { bringUpToDate, questions } = await asked;
      return { outcome: bringUpToDate(), roundTrips: questions() };
    });
  }

  /** Whether this computer keeps her copy of the record: she was admitted to it, and no refusal removed it since. */
  holdsCopy(patient: PatientIdentity): boolean {
    return this.cache.state(this.recordOf(patient)) !== undefined;
  }

  /**
   * The visit's questions to the platform, her copy only read: what brings her copy up to date with what they
   * found and returns the visit, and how many questions were asked.
   */
  private async ask(
    patient: PatientIdentity,
    key: ConsultedRecord,
  ): Promise<{ readonly bringUpToDate: () => VisitOutcome; readonly questions: () => number }> {
    let asked = 0;
    const query: Query = (input) => {
      asked += 1;
      return this.platform.storedQuery(patient, input);
    };
    const started = this.now();
    const state = this.cache.state(key);
    const bringUpToDate = state
      ? await this.laterVisit(patient, query, key, state, started)
      : await this.firstVisit(patient, query, key, started);
    return { bringUpToDate, questions: () => asked };
  }

  /** How many visits were started over this consultation: whoever holds a visit's outcome knows whether another followed. */
  get visits(): number {
    return this.visitsStarted;
  }

  private recordOf(patient: PatientIdentity): ConsultedRecord {
    return { professional: this.platform.professional, patient: insReference(patient) };
  }

  /**
   * Runs a consultation step; when the platform refuses the professional's access to the record (blocked,
   * authorization gone, record closed), her copy of it is removed and she is told so, never left with a
   * silently emptied list.
   */
  private async asPlatformDecides<T>(key: ConsultedRecord, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const refusal = accessRefusal(error);
      if (refusal !== undefined && this.cache.purge(key))
        throw new PasserelleError('CONSULT_ACCESS_REVOKED', { reason: refusal }, { cause: error });
      throw error;
    }
  }

  private async firstVisit(
    patient: PatientIdentity,
    query: Query,
    key: ConsultedRecord,
    started: Date,
  ): Promise<() => VisitOutcome> {
    const windowFrom = new Date(started);
    windowFrom.setUTCFullYear(windowFrom.getUTCFullYear() - this.firstWindowYears);
    const found = await query({
      kind: 'FindDocuments',
      patientId: { id: patient.ins.matricule, assigningAuthority: patient.ins.oid, idType: 'NH' },
      statuses: ['Approved'],
      creationTimeFrom: formatDtm(windowFrom),
    });
    const state: VisitState = { lastAccess: started.toISOString(), windowFrom: windowFrom.toISOString(), seenSets: [] };
    return () => {
      this.cache.saveVisit(key, state, found.documentEntries, [], started);
      return { mode: 'first', documents: this.cache.entries(key), windowFrom: state.windowFrom };
    };
  }

  private async laterVisit(
    patient: PatientIdentity,
    query: Query,
    key: ConsultedRecord,
    state: VisitState,
    started: Date,
  ): Promise<() => VisitOutcome> {
    const from = new Date(Date.parse(state.lastAccess) - OVERLAP_MS);
    const patientId = { id: patient.ins.matricule, assigningAuthority: patient.ins.oid, idType: 'NH' } as const;
    // The sets filed since the last visit, and the ids in force over her copy's window (ObjectRef, ids only): a
    // deletion (or a mask set by another) hides its own submission set from us, only the ids in force show it.
    // Both questions are independent, so they share one round trip.
    const [sets, inForceAnswer] = await Promise.all([
      query({ kind: 'FindSubmissionSets', patientId, statuses: ['Approved'], submissionTimeFrom: formatDtm(from) }),
      query({
        kind: 'FindDocuments',
        returnType: 'ObjectRef',
        patientId,
        statuses: ['Approved'],
        creationTimeFrom: formatDtm(new Date(state.windowFrom)),
      }),
    ]);
    const seen = new Set(state.seenSets);
    const newSets = sets.submissionSets.filter((set) => !seen.has(set.entryUUID)).map((set) => set.entryUUID);
    const held = this.cache.entries(key).map(({ entry }) => entry);
    // A version already held under the same entryUUID is the very metadata version we hold: not asked again.
    const heldVersions = new Set(held.map((entry) => entry.entryUUID));
    const inForce = new Set(inForceAnswer.objectRefs);

    // What the ids in force tell at once, asked alongside the new sets' associations rather than after them:
    // the versions in force she does not hold (new documents, replacements, metadata versions set by others),
    // and the versions she holds whose standing changed or cannot be seen in the ids (no longer in force:
    // archived, deleted, replaced, hidden; in force again: unarchived; created before the window: filed late).
    const unheld = [...inForce].filter((id) => !heldVersions.has(id));
    const moved = held.filter((entry) => (entry.availabilityStatus === 'Approved') !== inForce.has(entry.entryUUID));
    const [associations, fetched, checked] = await Promise.all([
      inBatches(newSets, (uuids) => query({ kind: 'GetAssociations', uuids })),
      inBatches(unheld, (entryUUIDs) => query({ kind: 'GetDocumentsAndAssociations', entryUUIDs })),
      inBatches(
        moved.map((entry) => entry.entryUUID),
        (entryUUIDs) => query({ kind: 'GetDocuments', entryUUIDs }),
      ),
    ]);

    // A set names its documents (HasMember) and the documents whose status it changed (UpdateAvailabilityStatus);
    // what it names that was not asked above is asked now (rare: a status changed on a version in force she
    // holds, a member no longer in force). A status change keeps the entryUUID, so its target is always named.
    const setIds = new Set(newSets);
    const asked = new Set([...unheld, ...moved.map((entry) => entry.entryUUID)]);
    const named = associations
      .flatMap((answer) => answer.associations)
      .filter(
        (a) =>
          setIds.has(a.sourceObject) && (a.type === 'UpdateAvailabilityStatus' || !heldVersions.has(a.targetObject)),
      );
    const rest = [...new Set(named.map((a) => a.targetObject))].filter((id) => !asked.has(id));
    const fetchedRest = await inBatches(rest, (entryUUIDs) =>
      query({ kind: 'GetDocumentsAndAssociations', entryUUIDs }),
    );

    const targets = [...unheld, ...rest];
    const found: DocumentEntry[] = [];
    const replaced = new Set<string>();
    for (const answer of [...fetched, ...fetchedRest]) {
      found.push(...answer.documentEntries);
      for (const a of answer.associations) if (a.type === 'RPLC') replaced.add(a.targetObject);
    }

    // Gone: replaced versions, and documents a set changed that no longer come back (deleted, or no longer ours to see).
    const returned = new Set(found.map((e) => e.entryUUID));
    const vanished = new Set(targets.filter((id) => !returned.has(id)));
    const foundIds = new Set(found.map((e) => e.uniqueId));
    const gone = held
      .filter(
        (entry) => !foundIds.has(entry.uniqueId) && (replaced.has(entry.entryUUID) || vanished.has(entry.entryUUID)),
      )
      .map((entry) => entry.uniqueId);
    const replacedIds = found
      .filter((e) => replaced.has(e.entryUUID) || e.availabilityStatus === 'Deprecated')
      .map((e) => e.uniqueId);

    // The held versions whose standing changed and that nothing above settled, as the registry holds them now:
    // kept when they come back (archived, unarchived), dropped when nothing comes back.
    const settled = new Set([...foundIds, ...gone, ...replacedIds]);
    const current = checked
      .flatMap((answer) => answer.documentEntries)
      .filter((e) => e.availabilityStatus !== 'Deprecated' && !settled.has(e.uniqueId));
    const back = new Set(current.map((e) => e.uniqueId));
    found.push(...current);
    gone.push(...moved.filter((e) => !settled.has(e.uniqueId) && !back.has(e.uniqueId)).map((e) => e.uniqueId));

    const overlapStart = started.getTime() - OVERLAP_MS;
    const next: VisitState = {
      lastAccess: started.toISOString(),
      previousAccess: state.lastAccess,
      windowFrom: state.windowFrom,
      // Only sets inside the next search's overlap can come back; older ids are dropped.
      seenSets: sets.submissionSets
        .filter((set) => Date.parse(dtmToIso(set.submissionTime)) >= overlapStart)
        .map((set) => set.entryUUID),
    };
    return () => {
      this.cache.saveVisit(
        key,
        next,
        found.filter((e) => !replacedIds.includes(e.uniqueId)),
        [...gone, ...replacedIds],
        started,
      );
      return {
        mode: 'incremental',
        documents: this.cache.entries(key),
        previousVisit: state.lastAccess,
        windowFrom: state.windowFrom,
      };
    };
  }

  /**
   * The versions a document replaced (RPLC), newest first, asked of the platform each time (the copy keeps
   * only what is in force): the document's metadata versions and their associations, then the version each
   * replacement points to, until one replaced nothing. `MAX_HISTORY` bounds a chain a platform could loop.
   */
  history(patient: PatientIdentity, uniqueId: string): Promise<DocumentEntry[]> {
    return this.asPlatformDecides(this.recordOf(patient), async () => {
      const versions: DocumentEntry[] = [];
      let current = uniqueId;
      while (versions.length < MAX_HISTORY) {
        const answer = await this.platform.storedQuery(patient, {
          kind: 'GetDocumentsAndAssociations',
          uniqueIds: [current],
        });
        const replaced = replacedVersionOf(answer.documentEntries, answer.associations);
        if (replaced === undefined) break;
        const older = await this.platform.storedQuery(patient, { kind: 'GetDocuments', entryUUIDs: [replaced] });
        const entry = older.documentEntries.find((candidate) => candidate.entryUUID === replaced);
        if (!entry || versions.some((known) => known.uniqueId === entry.uniqueId)) break;
        versions.push(entry);
        current = entry.uniqueId;
      }
      return versions;
    });
  }

  /** The entry of a document in the professional's copy, or the registry's (GetDocuments) for one found another way. */
  async entry(patient: PatientIdentity, uniqueId: string): Promise<DocumentEntry> {
    const cached = this.cache.entry(this.recordOf(patient), uniqueId);
    if (cached) return cached.entry;
    const answer = await this.platform.storedQuery(patient, { kind: 'GetDocuments', uniqueIds: [uniqueId] });
    const entry = answer.documentEntries.find((e) => e.uniqueId === uniqueId);
    if (!entry) throw new PasserelleError('DOCUMENT_NOT_FOUND', { uniqueId });
    return entry;
  }

  /**
   * A document's bytes: from the professional's copy when she already retrieved it and the platform confirmed
   * her access in this session, else ITI-43 (checked against the hash), then kept in her copy.
   *
   * Why a confirmation, and not a retrieve each time: every access must be the platform's decision and appear
   * in the patient's history, yet a GP reopening a document should not fetch its bytes again. The session
   * holds her access confirmed for a few minutes after the platform admitted her search or retrieve, or
   * answered TD0.2 VALIDE (or with an emergency access still open): the window asks TD0.2 when the patient is
   * opened, so a GP reading her documents costs no extra round trip. Otherwise (a new `passerelle get`, a
   * confirmation grown old) one TD0.2, which the platform audits, is asked before anything is read from the
   * copy; if it no longer grants access, the copy is removed and she is told.
   */
  content(
    patient: PatientIdentity,
    uniqueId: string,
  ): Promise<{ entry: DocumentEntry; mimeType: string; content: Buffer; fromCache: boolean }> {
    const key = this.recordOf(patient);
    return this.asPlatformDecides(key, async () => {
      const entry = await this.entry(patient, uniqueId);
      const cached = this.cache.content(key, uniqueId);
      if (cached) {
        const refusal = await this.platform.confirmAccess(patient);
        if (refusal !== undefined) {
          this.cache.purge(key);
          throw new PasserelleError('CONSULT_ACCESS_REVOKED', { reason: refusal });
        }
        return { entry, ...cached, fromCache: true };
      }
      const [retrieved] = await this.platform.retrieve(patient, [entry]);
      if (!retrieved) throw new PasserelleError('DOCUMENT_NOT_RETRIEVED', { uniqueId });
      this.cache.saveContent(key, uniqueId, retrieved.mimeType, retrieved.content);
      return { entry, mimeType: retrieved.mimeType, content: retrieved.content, fromCache: false };
    });
  }

  /**
   * The entries of the professional's copy of the record, without a search: undefined when she never consulted
   * it here. Her access is confirmed first, as for a cached document (no call when this session's search or
   * TD0.2 just did; one TD0.2 otherwise), and a refusal removes the copy.
   */
  async known(patient: PatientIdentity): Promise<CachedEntry[] | undefined> {
    const key = this.recordOf(patient);
    if (!this.cache.state(key)) return undefined;
    const refusal = await this.platform.confirmAccess(patient);
    if (refusal !== undefined) {
      this.cache.purge(key);
      throw new PasserelleError('CONSULT_ACCESS_REVOKED', { reason: refusal });
    }
    return this.cache.entries(key);
  }

  /** Forgets the professional's copy of the patient's record (she asked). */
  purge(patient: PatientIdentity): void {
    this.cache.purge(this.recordOf(patient));
  }
}

/** The longest chain of replaced versions `history` follows. */
const MAX_HISTORY = 50;

/**
 * The entryUUID of the version a document replaced: the target of the RPLC association whose source is one
 * of the document's metadata versions (the replacement points from the version it was filed as).
 */
export function replacedVersionOf(
  versions: readonly DocumentEntry[],
  associations: readonly Association[],
): string | undefined {
  const own = new Set(versions.map((entry) => entry.entryUUID));
  return associations.find((a) => a.type === 'RPLC' && own.has(a.sourceObject) && !own.has(a.targetObject))
    ?.targetObject;
}

/** `YYYYMMDDhhmmss` (any precision) as an ISO instant, UTC. */
function dtmToIso(dtm: string): string {
  const d = dtm.padEnd(14, '0');
  const month = d.slice(4, 6) === '00' ? '01' : d.slice(4, 6);
  const day = d.slice(6, 8) === '00' ? '01' : d.slice(6, 8);
  return `${d.slice(0, 4)}-${month}-${day}T${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}Z`;
}
