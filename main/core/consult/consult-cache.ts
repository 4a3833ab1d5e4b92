import { createHmac, hkdfSync } from 'node:crypto';

import { z } from 'zod';

import { DocumentEntrySchema, type DocumentEntry } from '../../../interop/xds/index.js';
import type { SealedBox } from '../storage/sealed-box.js';
import { migrate, type SqliteDatabase } from '../../../interop/sqlite/sqlite.js';

/** What the cache remembers of one patient's record between visits. */
export const VisitStateSchema = z.object({
  /** When the last search started (ISO): the next one asks FindSubmissionSets from here (less an overlap). */
  lastAccess: z.iso.datetime(),
  /** The visit before the last one (ISO), for "new since last visit"; absent after the first visit. */
  previousAccess: z.iso.datetime().optional(),
  /** The start of the first search's window (ISO): at most two years before the first visit. */
  windowFrom: z.iso.datetime(),
  /** Submission sets already read in the overlap, so that a quick reopen fetches nothing again. */
  seenSets: z.array(z.string()).default([]),
});
export type VisitState = z.infer<typeof VisitStateSchema>;

/** A document entry as the cache keeps it: the registry's metadata and when this workstation first saw it. */
export const CachedEntrySchema = z.object({ entry: DocumentEntrySchema, foundAt: z.iso.datetime() });
export type CachedEntry = z.infer<typeof CachedEntrySchema>;

const ContentSchema = z.object({ mimeType: z.string(), content: z.base64() });

/** Whose copy of which record: the professional's national id and the patient's INS reference. */
export interface ConsultedRecord {
  readonly professional: string;
  readonly patient: string;
}

const MIGRATIONS = [
  `CREATE TABLE consult_patients (
     patient TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     touched_at TEXT NOT NULL
   );
   CREATE TABLE consult_entries (
     patient TEXT NOT NULL REFERENCES consult_patients(patient) ON DELETE CASCADE,
     document TEXT NOT NULL,
     entry BLOB NOT NULL,
     PRIMARY KEY (patient, document)
   );
   CREATE TABLE consult_contents (
     patient TEXT NOT NULL REFERENCES consult_patients(patient) ON DELETE CASCADE,
     document TEXT NOT NULL,
     content BLOB NOT NULL,
     PRIMARY KEY (patient, document)
   );
   CREATE INDEX consult_patients_touched ON consult_patients(touched_at);`,
  // Each professional's copy apart. The rows of the first version were keyed by the patient alone: nothing
  // says which professional retrieved them, so none can be attributed, and all are dropped. Each professional's
  // next search of a patient is a first visit.
  `DROP TABLE consult_contents;
   DROP TABLE consult_entries;
   DROP TABLE consult_patients;
   CREATE TABLE consult_records (
     professional TEXT NOT NULL,
     patient TEXT NOT NULL,
     state BLOB NOT NULL,
     touched_at TEXT NOT NULL,
     PRIMARY KEY (professional, patient)
   );
   CREATE TABLE consult_entries (
     professional TEXT NOT NULL,
     patient TEXT NOT NULL,
     document TEXT NOT NULL,
     entry BLOB NOT NULL,
     PRIMARY KEY (professional, patient, document),
     FOREIGN KEY (professional, patient) REFERENCES consult_records(professional, patient) ON DELETE CASCADE
   );
   CREATE TABLE consult_contents (
     professional TEXT NOT NULL,
     patient TEXT NOT NULL,
     document TEXT NOT NULL,
     content BLOB NOT NULL,
     PRIMARY KEY (professional, patient, document),
     FOREIGN KEY (professional, patient) REFERENCES consult_records(professional, patient) ON DELETE CASCADE
   );
   CREATE INDEX consult_records_touched ON consult_records(touched_at);`,
];

/** The rows read back, column by column (the tables of MIGRATIONS); their values still sealed. */
const StateRow = z.object({ state: z.instanceof(Buffer) });
const EntryRow = z.object({ document: z.string(), entry: z.instanceof(Buffer) });
const ContentRow = z.object({ content: z.instanceof(Buffer) });

/** A record's row keys: keyed hashes of the professional's national id and of the patient's INS. */
interface RowKeys {
  readonly professional: string;
  readonly patient: string;
  /** Binds every sealed value to its owner: a value copied under another professional's row does not open. */
  readonly seal: string;
}

/**
 * The local cache of consulted records, so that reopening a patient asks the platform only what is new and
 * never retrieves a document twice. Each professional has her own copy of each patient's record (visit state,
 * entries, contents): several professionals share a workstation and its OS account, and what one may read the
 * platform may refuse another. Everything is sealed with the user's data key; rows are found by keyed hashes
 * (HMAC) of the professional's national id, the INS and the uniqueId, so the file names nobody in clear and a
 * hash cannot be reversed by trying every NIR without the key.
 */
export class ConsultCache {
  private readonly lookupKey: Buffer;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly box: SealedBox,
    dataKey: Buffer,
    private readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, MIGRATIONS);
    // A key of its own for lookups, so that the sealing key is never used for two purposes.
    this.lookupKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'passerelle consult cache lookup', 32));
  }

  /** The keyed hash of a value of one kind: a national id can never hash to the same key as an INS or a uniqueId. */
  private keyOf(kind: 'professional' | 'patient' | 'document', value: string): string {
    return createHmac('sha256', this.lookupKey).update(`${kind}\u0000${value}`).digest('base64url');
  }

  private rowKeys(record: ConsultedRecord): RowKeys {
    const professional = this.keyOf('professional', record.professional);
    const patient = this.keyOf('patient', record.patient);
    return { professional, patient, seal: `consult:${professional}:${patient}` };
  }

  state(record: ConsultedRecord): VisitState | undefined {
    const keys = this.rowKeys(record);
    const row = StateRow.optional().parse(
      this.db
        .prepare('SELECT state FROM consult_records WHERE professional = ? AND patient = ?')
        .get(keys.professional, keys.patient),
    );
    if (!row) return undefined;
    return VisitStateSchema.parse(JSON.parse(this.box.openText(row.state, `${keys.seal}:state`)));
  }

  entries(record: ConsultedRecord): CachedEntry[] {
    const keys = this.rowKeys(record);
    const rows = z
      .array(EntryRow)
      .parse(
        this.db
          .prepare('SELECT document, entry FROM consult_entries WHERE professional = ? AND patient = ?')
          .all(keys.professional, keys.patient),
      );
    return rows.map((row) =>
      CachedEntrySchema.parse(JSON.parse(this.box.openText(row.entry, `${keys.seal}:${row.document}:entry`))),
    );
  }

  entry(record: ConsultedRecord, uniqueId: string): CachedEntry | undefined {
    const keys = this.rowKeys(record);
    const document = this.keyOf('document', uniqueId);
    const row = EntryRow.pick({ entry: true })
      .optional()
      .parse(
        this.db
          .prepare('SELECT entry FROM consult_entries WHERE professional = ? AND patient = ? AND document = ?')
          .get(keys.professional, keys.patient, document),
      );
    return row && CachedEntrySchema.parse(JSON.parse(this.box.openText(row.entry, `${keys.seal}:${document}:entry`)));
  }

  /**
   * Saves a visit in one transaction: the new state, the entries found (an entry replaces the one of the same
   * uniqueId, as a metadata update does), the entries gone (deleted, replaced or no longer visible), whose
   * cached contents go with them.
   */
  saveVisit(
    record: ConsultedRecord,
    state: VisitState,
    found: readonly DocumentEntry[],
    gone: readonly string[],
    foundAt: Date,
  ): void {
    const keys = this.rowKeys(record);
    const at = foundAt.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO consult_records (professional, patient, state, touched_at) VALUES (?, ?, ?, ?) ON CONFLICT(professional, patient) DO UPDATE SET state = excluded.state, touched_at = excluded.touched_at',
        )
        .run(
          keys.professional,
          keys.patient,
          this.box.sealText(JSON.stringify(VisitStateSchema.parse(state)), `${keys.seal}:state`),
          this.now().toISOString(),
        );
      for (const uniqueId of gone) {
        const document = this.keyOf('document', uniqueId);
        for (const table of ['consult_entries', 'consult_contents'])
          this.db
            .prepare(`DELETE FROM ${table} WHERE professional = ? AND patient = ? AND document = ?`)
            .run(keys.professional, keys.patient, document);
      }
      for (const entry of found) {
        const document = this.keyOf('document', entry.uniqueId);
        const previous = this.entry(record, entry.uniqueId);
        // A new metadata version of a known document keeps the date it was first seen: it is not "new".
        const cached: CachedEntry = { entry, foundAt: previous?.foundAt ?? at };
        this.db
          .prepare(
            'INSERT INTO consult_entries (professional, patient, document, entry) VALUES (?, ?, ?, ?) ON CONFLICT(professional, patient, document) DO UPDATE SET entry = excluded.entry',
          )
          .run(
            keys.professional,
            keys.patient,
            document,
            this.box.sealText(JSON.stringify(cached), `${keys.seal}:${document}:entry`),
          );
      }
    })();
  }

  content(record: ConsultedRecord, uniqueId: string): { mimeType: string; content: Buffer } | undefined {
    const keys = this.rowKeys(record);
    const document = this.keyOf('document', uniqueId);
    const row = ContentRow.optional().parse(
      this.db
        .prepare('SELECT content FROM consult_contents WHERE professional = ? AND patient = ? AND document = ?')
        .get(keys.professional, keys.patient, document),
    );
    if (!row) return undefined;
    const stored = ContentSchema.parse(JSON.parse(this.box.openText(row.content, `${keys.seal}:${document}:content`)));
    return { mimeType: stored.mimeType, content: Buffer.from(stored.content, 'base64') };
  }

  /**
   * Keeps a retrieved document's bytes (already checked against the registry's hash), sealed, in the copy of a
   * record the professional already visited (a document read without a search is not kept).
   */
  saveContent(record: ConsultedRecord, uniqueId: string, mimeType: string, content: Buffer): void {
    const keys = this.rowKeys(record);
    const document = this.keyOf('document', uniqueId);
    const sealed = this.box.sealText(
      JSON.stringify({ mimeType, content: content.toString('base64') }),
      `${keys.seal}:${document}:content`,
    );
    this.db
      .prepare(
        'INSERT INTO consult_contents (professional, patient, document, content) SELECT professional, patient, ?, ? FROM consult_records WHERE professional = ? AND patient = ? ON CONFLICT(professional, patient, document) DO UPDATE SET content = excluded.content',
      )
      .run(document, sealed, keys.professional, keys.patient);
  }

  /** Forgets one professional's copy of one patient's record; true when there was one. */
  purge(record: ConsultedRecord): boolean {
    const keys = this.rowKeys(record);
    return (
      this.db
        .prepare('DELETE FROM consult_records WHERE professional = ? AND patient = ?')
        .run(keys.professional, keys.patient).changes > 0
    );
  }

  /** Forgets the copies not consulted since `before`, whoever made them; returns how many. */
  purgeIdle(before: Date): number {
    return this.db.prepare('DELETE FROM consult_records WHERE touched_at < ?').run(before.toISOString()).changes;
  }
}
