import { createHmac, hkdfSync } from 'node:crypto';

import { z } from 'zod';

import { DocumentEntrySchema, type DocumentEntry } from '../../../interop/xds/index.js';
import type { SealedBox } from '../storage/sealed-box.js';
import { migrate, type SqliteDatabase } from '../storage/sqlite.js';

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
];

/**
 * The local cache of consulted records, so that reopening a patient asks the platform only what is new and
 * never retrieves a document twice. Everything about a patient is sealed with the user's data key; rows are
 * found by keyed hashes (HMAC) of the INS and the uniqueId, so the file names no patient in clear and a
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

  private keyOf(value: string): string {
    return createHmac('sha256', this.lookupKey).update(value).digest('base64url');
  }

  state(patient: string): VisitState | undefined {
    const key = this.keyOf(patient);
    const row = this.db.prepare('SELECT state FROM consult_patients WHERE patient = ?').get(key) as
      { state: Buffer } | undefined;
    if (!row) return undefined;
    return VisitStateSchema.parse(JSON.parse(this.box.openText(row.state, `consult:${key}:state`)));
  }

  entries(patient: string): CachedEntry[] {
    const key = this.keyOf(patient);
    const rows = this.db.prepare('SELECT document, entry FROM consult_entries WHERE patient = ?').all(key) as {
      document: string;
      entry: Buffer;
    }[];
    return rows.map((row) =>
      CachedEntrySchema.parse(JSON.parse(this.box.openText(row.entry, `consult:${key}:${row.document}:entry`))),
    );
  }

  entry(patient: string, uniqueId: string): CachedEntry | undefined {
    const key = this.keyOf(patient);
    const document = this.keyOf(uniqueId);
    const row = this.db
      .prepare('SELECT entry FROM consult_entries WHERE patient = ? AND document = ?')
      .get(key, document) as { entry: Buffer } | undefined;
    return row && CachedEntrySchema.parse(JSON.parse(this.box.openText(row.entry, `consult:${key}:${document}:entry`)));
  }

  /**
   * Saves a visit in one transaction: the new state, the entries found (an entry replaces the one of the same
   * uniqueId, as a metadata update does), the entries gone (deleted, replaced or no longer visible), whose
   * cached contents go with them.
   */
  saveVisit(
    patient: string,
    state: VisitState,
    found: readonly DocumentEntry[],
    gone: readonly string[],
    foundAt: Date,
  ): void {
    const key = this.keyOf(patient);
    const at = foundAt.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO consult_patients (patient, state, touched_at) VALUES (?, ?, ?) ON CONFLICT(patient) DO UPDATE SET state = excluded.state, touched_at = excluded.touched_at',
        )
        .run(
          key,
          this.box.sealText(JSON.stringify(VisitStateSchema.parse(state)), `consult:${key}:state`),
          this.now().toISOString(),
        );
      for (const uniqueId of gone) {
        const document = this.keyOf(uniqueId);
        this.db.prepare('DELETE FROM consult_entries WHERE patient = ? AND document = ?').run(key, document);
        this.db.prepare('DELETE FROM consult_contents WHERE patient = ? AND document = ?').run(key, document);
      }
      for (const entry of found) {
        const document = this.keyOf(entry.uniqueId);
        const previous = this.entry(patient, entry.uniqueId);
        // A new metadata version of a known document keeps the date it was first seen: it is not "new".
        const cached: CachedEntry = { entry, foundAt: previous?.foundAt ?? at };
        this.db
          .prepare(
            'INSERT INTO consult_entries (patient, document, entry) VALUES (?, ?, ?) ON CONFLICT(patient, document) DO UPDATE SET entry = excluded.entry',
          )
          .run(key, document, this.box.sealText(JSON.stringify(cached), `consult:${key}:${document}:entry`));
      }
    })();
  }

  content(patient: string, uniqueId: string): { mimeType: string; content: Buffer } | undefined {
    const key = this.keyOf(patient);
    const document = this.keyOf(uniqueId);
    const row = this.db
      .prepare('SELECT content FROM consult_contents WHERE patient = ? AND document = ?')
      .get(key, document) as { content: Buffer } | undefined;
    if (!row) return undefined;
    const stored = ContentSchema.parse(
      JSON.parse(this.box.openText(row.content, `consult:${key}:${document}:content`)),
    );
    return { mimeType: stored.mimeType, content: Buffer.from(stored.content, 'base64') };
  }

  /** Keeps a retrieved document's bytes (already checked against the registry's hash), sealed. */
  saveContent(patient: string, uniqueId: string, mimeType: string, content: Buffer): void {
    const key = this.keyOf(patient);
    const document = this.keyOf(uniqueId);
    const sealed = this.box.sealText(
      JSON.stringify({ mimeType, content: content.toString('base64') }),
      `consult:${key}:${document}:content`,
    );
    this.db
      .prepare(
        'INSERT INTO consult_contents (patient, document, content) VALUES (?, ?, ?) ON CONFLICT(patient, document) DO UPDATE SET content = excluded.content',
      )
      .run(key, document, sealed);
  }

  /** Forgets everything about one patient (the professional asked). */
  purge(patient: string): void {
    this.db.prepare('DELETE FROM consult_patients WHERE patient = ?').run(this.keyOf(patient));
  }

  /** Forgets the patients not consulted since `before`; returns how many. */
  purgeIdle(before: Date): number {
    return this.db.prepare('DELETE FROM consult_patients WHERE touched_at < ?').run(before.toISOString()).changes;
  }
}
