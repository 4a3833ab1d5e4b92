import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sampleDocumentEntry } from '../../interop/xds/sample-metadata.js';
import { openPlatformDatabase, type PlatformDatabase } from './database.js';
import { DocumentStore, type StoredDocument } from './document-store.js';

const PATIENT = '277076322082910';

describe("the registry's document store", () => {
  let dir: string;
  let db: PlatformDatabase;
  let stored: StoredDocument;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mock-documents-'));
    db = openPlatformDatabase(join(dir, 'platform.sqlite'));
    // The registry's entries alone: no patient file or submission set behind them.
    db.pragma('foreign_keys = OFF');
    const entry = sampleDocumentEntry(Buffer.from('%PDF-1.7 lettre de sortie'), 0);
    stored = {
      entry,
      patient: PATIENT,
      sha256: 'ab'.repeat(32),
      submissionSet: 'urn:uuid:2b1e3a5c-0000-4000-8000-000000000002',
      submittedBy: '810100000001',
      submittedAt: '2026-12-06T10:00:00.000Z',
    };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers an entry as it was stored, its status read from its column at every read', () => {
    const store = new DocumentStore(db);
    store.insertDocument(stored);
    expect(store.current(PATIENT)).toEqual([stored]);
    store.setStatus(stored.entry.entryUUID, 'Archived');
    expect(store.current(PATIENT)[0]!.entry.availabilityStatus).toBe('Archived');
    store.setStatus(stored.entry.entryUUID, 'Deprecated');
    expect(store.byEntryUUID(stored.entry.entryUUID)!.entry.availabilityStatus).toBe('Deprecated');
    expect(store.current(PATIENT)).toEqual([]);
    // Another store on the same file (another platform process) reads the same.
    expect(new DocumentStore(db).byEntryUUID(stored.entry.entryUUID)).toEqual({
      ...stored,
      entry: { ...stored.entry, availabilityStatus: 'Deprecated' },
    });
  });

  it('hands out entries no answer can alter for the next one', () => {
    const store = new DocumentStore(db);
    store.insertDocument(stored);
    const [first] = store.current(PATIENT);
    expect(() => {
      (first!.entry.authors as unknown[]).push({});
    }).toThrow(TypeError);
    expect(store.current(PATIENT)[0]!.entry.authors).toEqual(stored.entry.authors);
  });

  it('refuses a stored entry that its schema no longer accepts, at its first read', () => {
    const store = new DocumentStore(db);
    store.insertDocument(stored);
    db.prepare("UPDATE document_entry SET metadata = json_set(metadata, '$.uniqueId', 42)").run();
    expect(() => store.current(PATIENT)).toThrow();
  });
});
