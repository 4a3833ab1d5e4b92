import {
  AssociationSchema,
  AvailabilityStatusSchema,
  DocumentEntrySchema,
  SubmissionSetSchema,
  type Association,
  type AvailabilityStatus,
  type DocumentEntry,
  type SubmissionSet,
} from '../../interop/xds/index.js';
import { preparedOnce, type PlatformDatabase, type PlatformStatement } from './database.js';

/** One metadata version of a document held by the registry, its bytes in the content store. */
export interface StoredDocument {
  /** As the registry gave it: urn:uuid entryUUID, logicalId, version, repositoryUniqueId, current status. */
  readonly entry: DocumentEntry;
  /** The patient's INS matricule. */
  readonly patient: string;
  /** The content's name in the content store (SHA-256, hex). */
  readonly sha256: string;
  /** entryUUID of the submission set that brought this version. */
  readonly submissionSet: string;
  /** Who submitted it: the VIHF's holder (a professional, or a structure in indirect mode). */
  readonly submittedBy: string;
  readonly submittedAt: string;
}

interface DocumentRow {
  entry_uuid: string;
  status: AvailabilityStatus;
  patient: string;
  sha256: string;
  submission_set: string;
  submitted_by: string;
  submitted_at: string;
  metadata: string;
}

/** How many entries {@link DocumentStore} keeps read: a few records' worth on a busy desk, a few MB. */
const ENTRIES_KEPT = 5_000;

/** `value` and everything it holds made read-only: one parsed entry is shared by every answer that holds it. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The registry's metadata in SQLite: submission sets, every version of every document entry (the status is a
 * column, the rest of the entry its JSON), and the associations received. Plain storage: what may change
 * and who may see what live in `rules/`.
 */
export class DocumentStore {
  private readonly prepare: (sql: string) => PlatformStatement;

  /**
   * The entries read, by their stored JSON: a version's metadata never changes once stored (its status is a
   * column of its own), so it is checked against its schema once, not at every query that returns it, which was
   * most of a search's cost here (a later visit of a record of 20 documents). The oldest are dropped first.
   */
  private readonly entries = new Map<string, DocumentEntry>();

  constructor(private readonly db: PlatformDatabase) {
    this.prepare = preparedOnce(db);
  }

  private hydrate(row: DocumentRow): StoredDocument {
    let entry = this.entries.get(row.metadata);
    if (!entry) {
      entry = frozen(DocumentEntrySchema.parse(JSON.parse(row.metadata)));
      if (this.entries.size >= ENTRIES_KEPT) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(row.metadata, entry);
    }
    return {
      entry: { ...entry, availabilityStatus: AvailabilityStatusSchema.parse(row.status) },
      patient: row.patient,
      sha256: row.sha256,
      submissionSet: row.submission_set,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at,
    };
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  submissionSetByUniqueId(uniqueId: string): (SubmissionSet & { readonly patient: string }) | undefined {
    const row = this.prepare('SELECT patient, metadata FROM submission_set WHERE unique_id = ?').get(uniqueId) as
      { patient: string; metadata: string } | undefined;
    return row && { ...SubmissionSetSchema.parse(JSON.parse(row.metadata)), patient: row.patient };
  }

  insertSubmissionSet(set: SubmissionSet, patient: string, submittedBy: string, submittedAt: string): void {
    this.prepare(
      'INSERT INTO submission_set (entry_uuid, unique_id, patient, submitted_at, submitted_by, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(set.entryUUID, set.uniqueId, patient, submittedAt, submittedBy, JSON.stringify(set));
  }

  insertDocument(document: StoredDocument): void {
    const { entry } = document;
    this.prepare(
      `INSERT INTO document_entry (entry_uuid, logical_id, version, unique_id, patient, status, sha1, sha256, size, submission_set, submitted_by, submitted_at, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.entryUUID,
      entry.logicalId ?? entry.entryUUID,
      Number(entry.version ?? '1'),
      entry.uniqueId,
      document.patient,
      entry.availabilityStatus,
      entry.hash,
      document.sha256,
      entry.size,
      document.submissionSet,
      document.submittedBy,
      document.submittedAt,
      JSON.stringify(entry),
    );
  }

  insertAssociation(association: Association, submissionSet: string): void {
    const a = AssociationSchema.parse(association);
    this.prepare(
      'INSERT INTO registry_association (id, type, source, target, submission_set, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(a.id, a.type, a.sourceObject, a.targetObject, submissionSet, JSON.stringify(a));
  }

  setStatus(entryUUID: string, status: AvailabilityStatus): void {
    this.prepare('UPDATE document_entry SET status = ? WHERE entry_uuid = ?').run(status, entryUUID);
  }

  byEntryUUID(entryUUID: string): StoredDocument | undefined {
    const row = this.prepare('SELECT * FROM document_entry WHERE entry_uuid = ?').get(entryUUID) as
      DocumentRow | undefined;
    return row && this.hydrate(row);
  }

  /** The document versions a `SELECT * FROM document_entry` query finds, as stored. */
  private documents(sql: string, value: string): StoredDocument[] {
    return (this.prepare(sql).all(value) as DocumentRow[]).map((row) => this.hydrate(row));
  }

  /** Every version of the documents that bear this uniqueId, oldest first. */
  byUniqueId(uniqueId: string): StoredDocument[] {
    return this.documents('SELECT * FROM document_entry WHERE unique_id = ? ORDER BY version', uniqueId);
  }

  /** The newest metadata version of a logical document. */
  latestVersion(logicalId: string): StoredDocument | undefined {
    const row = this.prepare('SELECT * FROM document_entry WHERE logical_id = ? ORDER BY version DESC LIMIT 1').get(
      logicalId,
    ) as DocumentRow | undefined;
    return row && this.hydrate(row);
  }

  /** A patient's documents in force (Approved or Archived versions), oldest submission first. */
  current(patient: string): StoredDocument[] {
    return this.documents(
      "SELECT * FROM document_entry WHERE patient = ? AND status IN ('Approved', 'Archived') ORDER BY submitted_at, rowid",
      patient,
    );
  }

  /** Every metadata version of a patient's documents, whatever its status, oldest submission first. */
  versionsOf(patient: string): StoredDocument[] {
    return this.documents('SELECT * FROM document_entry WHERE patient = ? ORDER BY submitted_at, rowid', patient);
  }

  /** A patient's submission sets (ITI-41 and ITI-57), oldest first. */
  submissionSetsOf(patient: string): SubmissionSet[] {
    return (
      this.prepare('SELECT metadata FROM submission_set WHERE patient = ? ORDER BY submitted_at, rowid').all(
        patient,
      ) as { metadata: string }[]
    ).map((row) => SubmissionSetSchema.parse(JSON.parse(row.metadata)));
  }

  /** Associations received whose source or target is `objectId`. */
  associationsOf(objectId: string): Association[] {
    return (
      this.prepare('SELECT metadata FROM registry_association WHERE source = ? OR target = ? ORDER BY rowid').all(
        objectId,
        objectId,
      ) as { metadata: string }[]
    ).map((row) => AssociationSchema.parse(JSON.parse(row.metadata)));
  }
}
