import { z } from 'zod';

import type { SealedBox } from '../storage/sealed-box.js';
import { migrate, type SqliteDatabase } from '../../../interop/sqlite/sqlite.js';

/** What the local journal records: the professional's decisions that the law or identity vigilance require us to keep. */
export const JournalActionSchema = z.enum([
  'identity.retrieved',
  'identity.qualified',
  'consent.declared',
  'consent.removed',
  'emergency.access',
  'document.uploaded',
  'document.replaced',
  'document.visibility',
  'document.status',
  'message.sent',
  // The médecin traitant's follow-up: TD0.2 said she is (or is no longer) the patient's médecin traitant, and
  // she marked the patient as having (or no longer having) a long-term condition (ALD).
  'gp.followed',
  'gp.ald',
]);
export type JournalAction = z.infer<typeof JournalActionSchema>;

export interface JournalEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: JournalAction;
  /** The patient's INS (`matricule^^^&OID&ISO^NH`), stored sealed. */
  readonly patient?: string;
  /** Free details (a reason, a document id), stored sealed because they may name the patient. */
  readonly details: Readonly<Record<string, string>>;
}

const MIGRATIONS = [
  `CREATE TABLE journal (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     patient BLOB,
     details BLOB NOT NULL
   );`,
];

const DetailsSchema = z.record(z.string(), z.string());

/** A row of the journal as read back, column by column (the table of MIGRATIONS); health fields still sealed. */
const JournalRow = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: JournalActionSchema,
  patient: z.instanceof(Buffer).nullable(),
  details: z.instanceof(Buffer),
});
const PatientRow = JournalRow.pick({ id: true, patient: true, details: true });

/**
 * The local journal of a workstation: append-only, health fields sealed. The actor is the professional's
 * national id, which is not health data and lets the journal be filtered without opening every row.
 */
export class Journal {
  /**
   * The append of one entry, compiled once (its two statements and its transaction): every filing, search and
   * consent records one. The row is inserted first, then its health fields sealed with its id in their context.
   */
  private readonly append: (at: string, entry: Omit<JournalEntry, 'id' | 'at'>, action: JournalAction) => number;
  /** Several appends in one transaction: one wait for the disk. */
  private readonly appendAll: (entries: readonly (() => JournalEntry)[]) => JournalEntry[];

  constructor(
    private readonly db: SqliteDatabase,
    private readonly box: SealedBox,
    private readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, MIGRATIONS);
    const insert = db.prepare("INSERT INTO journal (at, actor, action, patient, details) VALUES (?, ?, ?, NULL, x'')");
    const seal = db.prepare('UPDATE journal SET patient = ?, details = ? WHERE id = ?');
    this.append = db.transaction((at: string, entry: Omit<JournalEntry, 'id' | 'at'>, action: JournalAction) => {
      const id = Number(insert.run(at, entry.actor, action).lastInsertRowid);
      seal.run(
        entry.patient === undefined ? null : this.box.sealText(entry.patient, `journal:${id}:patient`),
        this.box.sealText(JSON.stringify(entry.details), `journal:${id}:details`),
        id,
      );
      return id;
    });
    this.appendAll = db.transaction((entries: readonly (() => JournalEntry)[]) => entries.map((append) => append()));
  }

  record(entry: Omit<JournalEntry, 'id' | 'at'>): JournalEntry {
    const at = this.now().toISOString();
    const action = JournalActionSchema.parse(entry.action);
    return { ...entry, id: this.append(at, entry, action), at, action };
  }

  /**
   * Records several entries at once, all or none, with one wait for the disk: the documents of one submission
   * set, filed by one answer of the platform.
   */
  recordAll(entries: readonly Omit<JournalEntry, 'id' | 'at'>[]): JournalEntry[] {
    if (entries.length === 0) return [];
    return this.appendAll(entries.map((entry) => () => this.record(entry)));
  }

  /**
   * The details of the latest entry of `action` about `patient`, or undefined. Patients are sealed per row,
   * so the rows of that action are opened newest first until one matches.
   */
  latestAbout(action: JournalAction, patient: string): Readonly<Record<string, string>> | undefined {
    const rows = this.db
      .prepare('SELECT id, patient, details FROM journal WHERE action = ? AND patient IS NOT NULL ORDER BY id DESC')
      .iterate(action);
    for (const found of rows) {
      const row = PatientRow.parse(found);
      if (!row.patient || this.box.openText(row.patient, `journal:${row.id}:patient`) !== patient) continue;
      return DetailsSchema.parse(JSON.parse(this.box.openText(row.details, `journal:${row.id}:details`)));
    }
    return undefined;
  }

  /** Every entry of these actions, oldest first, opened: what a view built from the journal reads. */
  entriesOf(actions: readonly JournalAction[]): JournalEntry[] {
    const marks = actions.map(() => '?').join(', ');
    return this.opened(
      this.db
        .prepare(`SELECT id, at, actor, action, patient, details FROM journal WHERE action IN (${marks}) ORDER BY id`)
        .all(...actions),
    );
  }

  /** The most recent entries first. */
  list(limit = 100): JournalEntry[] {
    return this.opened(
      this.db
        .prepare('SELECT id, at, actor, action, patient, details FROM journal ORDER BY id DESC LIMIT ?')
        .all(limit),
    );
  }

  /** The most recent entries of one action first. */
  listOf(action: JournalAction, limit = 100): JournalEntry[] {
    return this.opened(
      this.db
        .prepare(
          'SELECT id, at, actor, action, patient, details FROM journal WHERE action = ? ORDER BY id DESC LIMIT ?',
        )
        .all(action, limit),
    );
  }

  private opened(found: unknown[]): JournalEntry[] {
    const rows = z.array(JournalRow).parse(found);
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      ...(row.patient ? { patient: this.box.openText(row.patient, `journal:${row.id}:patient`) } : {}),
      details: DetailsSchema.parse(JSON.parse(this.box.openText(row.details, `journal:${row.id}:details`))),
    }));
  }
}
