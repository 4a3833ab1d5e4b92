import { createHmac, timingSafeEqual } from 'node:crypto';

import type Database from 'better-sqlite3';

import type { PlatformDatabase } from '../store/database.js';

type Statement = Database.Statement<unknown[], unknown>;

/** One call as the platform traces it. Absent values are written `-` so that every column is comparable. */
export interface AuditRecord {
  /** The caller's national id (PS) or structure id (indirect mode), `-` when the call was refused before. */
  readonly actor: string;
  readonly profession: string;
  readonly structure: string;
  /** `DIRECTE`, `INDIRECTE`, `INDIRECTE_RENFORCEE`, or `PATIENT` for the portal. */
  readonly authMode: string;
  /** `normal`, `bris_de_glace`, `centre_15`, `-`. */
  readonly accessMode: string;
  /** The INS matricule concerned, `-` when none. */
  readonly patient: string;
  /** The transaction or portal action (`TD0.2`, `TD0.3`, `INSi.vitale`, `portail.bloquer`…). */
  readonly action: string;
  /** `OK` or the fault code that was answered. */
  readonly outcome: string;
  /** The justification given for a break-glass or centre 15 access; `-` (or absent) otherwise. */
  readonly reason?: string;
}

/** What the platform traces of an action the patient takes herself on the portal (`portail.…`). */
export function patientPortalRecord(actor: string, matricule: string, action: string, outcome = 'OK'): AuditRecord {
  return {
    actor,
    profession: '-',
    structure: '-',
    authMode: 'PATIENT',
    accessMode: '-',
    patient: matricule,
    action,
    outcome,
  };
}

export interface AuditEntry extends AuditRecord {
  readonly reason: string;
  readonly seq: number;
  readonly at: string;
  readonly previousHash: string;
  readonly hash: string;
}

export type AuditVerdict =
  | { readonly intact: true; readonly entries: number }
  | { readonly intact: false; readonly entries: number; readonly seq: number; readonly reason: string };

const GENESIS = '0'.repeat(64);
const NO_REASON = '-';

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  profession: string;
  structure: string;
  auth_mode: string;
  access_mode: string;
  patient: string;
  action: string;
  outcome: string;
  reason: string;
  previous_hash: string;
  hash: string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    profession: row.profession,
    structure: row.structure,
    authMode: row.auth_mode,
    accessMode: row.access_mode,
    patient: row.patient,
    action: row.action,
    outcome: row.outcome,
    reason: row.reason,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

/**
 * The platform's append-only audit trail. Each entry's hash is an HMAC over the previous hash and the entry's
 * own fields, keyed by a secret kept outside the database: editing, deleting or reordering rows breaks the
 * chain, and whoever edits the file cannot recompute it without the key. The head (last sequence number and
 * hash) is written in the same transaction as each entry, so that cutting the tail off is detected too.
 */
/** What an entry says of the call, in the order the table's columns and the hash chain take it. */
function describedCall(record: AuditRecord): string[] {
  return [
    record.actor,
    record.profession,
    record.structure,
    record.authMode,
    record.accessMode,
    record.patient,
    record.action,
    record.outcome,
  ];
}

export class AuditLog {
  /** Prepared once: every call the platform answers appends an entry. */
  private readonly statements: {
    readonly head: Statement;
    readonly insert: Statement;
    readonly moveHead: Statement;
  };

  constructor(
    private readonly db: PlatformDatabase,
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {
    this.statements = {
      head: db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1'),
      insert: db.prepare(
        `INSERT INTO audit (seq, at, actor, profession, structure, auth_mode, access_mode, patient, action, outcome, reason, previous_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      moveHead: db.prepare(
        'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
      ),
    };
  }

  private digest(previousHash: string, seq: number, at: string, record: AuditRecord): string {
    const fields = [
      seq,
      at,
      ...describedCall(record),
      // Entries written before the reason existed were hashed without it: a field only when there is one.
      ...(record.reason === undefined || record.reason === NO_REASON ? [] : [record.reason]),
    ];
    return createHmac('sha256', this.key)
      .update(previousHash)
      .update('\n')
      .update(JSON.stringify(fields))
      .digest('hex');
  }

  /**
   * Appends one entry and returns it; the append and the new head are one transaction, with `alongside`
   * (what the audited call writes with it, such as the patient's notice of an access): both or neither.
   */
  append(given: AuditRecord, alongside?: () => void): AuditEntry {
    return this.appendAfter(
      () => alongside?.(),
      () => given,
    ).entry;
  }

  /**
   * Runs `work` and appends the entry `recordOf` makes of its result, in one transaction: when what the call
   * writes decides what the trail says of it (an ITI-41 stored, resent or refused), both are committed
   * together or not at all, with one wait for the disk. A `work` that throws leaves nothing written.
   */
  appendAfter<T>(
    work: () => T,
    recordOf: (result: T) => AuditRecord,
  ): { readonly result: T; readonly entry: AuditEntry } {
    return this.db.transaction(() => {
      const result = work();
      const given = recordOf(result);
      const record = { ...given, reason: given.reason ?? NO_REASON };
      const head = this.statements.head.get() as { seq: number; hash: string } | undefined;
      const seq = (head?.seq ?? 0) + 1;
      const previousHash = head?.hash ?? GENESIS;
      const at = this.now().toISOString();
      const hash = this.digest(previousHash, seq, at, record);
      this.statements.insert.run(seq, at, ...describedCall(record), record.reason, previousHash, hash);
      this.statements.moveHead.run(seq, hash);
      return { result, entry: { ...record, seq, at, previousHash, hash } };
    })();
  }

  /** Entries in order, optionally only those about one patient. */
  list(filter: { readonly patient?: string; readonly limit?: number } = {}): AuditEntry[] {
    const limit = filter.limit ?? 1000;
    const rows = (
      filter.patient === undefined
        ? this.db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT * FROM audit WHERE patient = ? ORDER BY seq DESC LIMIT ?').all(filter.patient, limit)
    ) as AuditRow[];
    return rows.reverse().map(toEntry);
  }

  /** Walks the whole chain and says where it first breaks. */
  verify(): AuditVerdict {
    const rows = this.db.prepare('SELECT * FROM audit ORDER BY rowid').iterate() as IterableIterator<AuditRow>;
    let expectedSeq = 1;
    let previousHash = GENESIS;
    for (const row of rows) {
      const entry = toEntry(row);
      const broken = (reason: string): AuditVerdict => ({
        intact: false,
        entries: expectedSeq - 1,
        seq: entry.seq,
        reason,
      });
      if (entry.seq !== expectedSeq)
        return broken(`entrée ${entry.seq} à la place de ${expectedSeq} (suppression ou réordonnancement)`);
      if (entry.previousHash !== previousHash) return broken(`chaînage rompu avant l'entrée ${entry.seq}`);
      if (!sameHex(entry.hash, this.digest(previousHash, entry.seq, entry.at, entry))) {
        return broken(`l'entrée ${entry.seq} a été modifiée`);
      }
      previousHash = entry.hash;
      expectedSeq += 1;
    }
    const count = expectedSeq - 1;
    const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
      { seq: number; hash: string } | undefined;
    const headSeq = head?.seq ?? 0;
    if (headSeq !== count || (head !== undefined && head.hash !== previousHash)) {
      return {
        intact: false,
        entries: count,
        seq: count + 1,
        reason: `la tête du journal annonce ${headSeq} entrées, ${count} trouvées`,
      };
    }
    return { intact: true, entries: count };
  }
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
