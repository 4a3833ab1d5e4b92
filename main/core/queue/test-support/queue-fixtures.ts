import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { PasserelleError } from '../../../../api/errors/index.js';
import { KeyFileSource } from '../../storage/local-key.js';
import type { BatchSender, ClaimedItem, SendGroup } from '../batch-sender.js';
import { DurableQueue } from '../durable-queue.js';
import type { EnqueueInput, QueueOptions } from '../queue-types.js';
import type { SendOutcome } from '../failure-class.js';
import type { QueuedDocument } from '../queued-document.js';
import { QUEUE_STATES } from '../queue-schema.js';

/** Fictional patients; their names are unusual on purpose, so that a search of the queue file for them means something. */
export const ZEPHIRINE: QueuedDocument['patient'] = {
  matricule: '280036311301243',
  oid: '1.2.250.1.213.1.4.10',
  traits: {
    birthName: 'ZEPHIRINE-TESTPATIENTE',
    firstNames: ['ALBERTINE', 'ROSE'],
    sex: 'F',
    birthDate: '1980-03-14',
    birthPlace: '63113',
  },
};
export const OCTAVE: QueuedDocument['patient'] = {
  matricule: '165027505678963',
  oid: '1.2.250.1.213.1.4.10',
  traits: {
    birthName: 'OCTAVE-TESTPATIENT',
    firstNames: ['LUCIEN'],
    sex: 'M',
    birthDate: '1965-02-02',
    birthPlace: '75056',
  },
};

export function documentFor(
  patient: QueuedDocument['patient'],
  overrides: Partial<QueuedDocument> = {},
): QueuedDocument {
  return {
    kind: 'pdf',
    patient,
    typeCode: '11490-0',
    authorId: '810100000001',
    service: { start: '2026-11-20', end: '2026-11-23' },
    visibility: { hiddenFromPatient: false, hiddenFromLegalRepresentatives: false, maskedFromProfessionals: false },
    ...overrides,
  };
}

/** A one-page PDF carrying `marker` in clear, so that a test can look for it in a file. */
export function pdfBytes(marker: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
      `3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n% ${marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

let counter = 0;

/** An enqueue input with a fresh document id; `marker` makes the content (and so the idempotence key) distinct. */
export function itemFor(
  patient: QueuedDocument['patient'],
  marker: string,
  overrides: Partial<QueuedDocument> = {},
): EnqueueInput {
  counter += 1;
  return {
    document: documentFor(patient, overrides),
    content: pdfBytes(marker),
    documentId: `2.25.${Date.now()}${counter}`,
    setId: `2.25.${Date.now()}${counter}1`,
    source: { file: `${marker}.pdf`, path: `/batch/${marker}.pdf` },
  };
}

/** A controllable clock. */
export class TestClock {
  constructor(private ms = Date.parse('2026-11-23T18:00:00Z')) {}
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface QueueHome {
  readonly home: string;
  readonly path: string;
  open(options?: Partial<QueueOptions>): DurableQueue;
}

/** A fresh home folder with its key file; `open` opens (or reopens) the queue file in it. */
export function queueHome(): QueueHome {
  const home = mkdtempSync(join(tmpdir(), 'passerelle-queue-'));
  const path = join(home, 'queue', 'queue.sqlite');
  return { home, path, open: (options = {}) => DurableQueue.open({ path, keys: new KeyFileSource(home), ...options }) };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A stand-in for the platform as the queue meets it, with the mock's ITI-41 rules that matter here
 * (mock-platform/rules/provide-and-register.ts): a submission set is stored whole or not at all; a uniqueId
 * already stored with the same bytes is acknowledged as a success without storing it again; a uniqueId stored
 * with other bytes is refused with XDSNonIdenticalHash.
 *
 * `prepare` behaves like the CDA builder: every call writes a fresh random id into the document, so two
 * preparations of one item differ — which is why the queue must keep the first.
 */
export class FakePlatform implements BatchSender {
  readonly stored = new Map<string, { hash: string; patient: string }>();
  readonly submissions: string[][] = [];
  prepared = 0;
  /** Thrown by the next sends, one per send (an outage, a refusal). */
  readonly failures: Error[] = [];
  /** Per-document refusals, by documentId. */
  readonly refusals = new Map<string, unknown>();
  /** Called after the platform stored a set and before it answers: a test "crashes" the client here. */
  afterStore?: (group: SendGroup) => Promise<void>;

  prepare(item: ClaimedItem): Promise<Buffer> {
    this.prepared += 1;
    return Promise.resolve(
      Buffer.concat([
        Buffer.from(`<id root="${item.documentId}"/><section id="${randomBytes(8).toString('hex')}"/>`),
        item.content,
      ]),
    );
  }

  async send(group: SendGroup): Promise<ReadonlyMap<string, SendOutcome>> {
    this.submissions.push(group.items.map((i) => i.documentId));
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    const refused = group.items.find((item) => this.refusals.has(item.documentId));
    if (refused) {
      // The registry commits a set whole: one bad document refuses all of it.
      const error = this.refusals.get(refused.documentId);
      return new Map(group.items.map((item) => [item.id, { kind: 'failed', error }] as const));
    }
    for (const item of group.items) {
      const existing = this.stored.get(item.documentId);
      if (existing && existing.hash !== sha256(item.prepared)) {
        const error = new PasserelleError('XDS_REQUEST_REFUSED', {
          errorCode: 'XDSNonIdenticalHash',
          context: 'another document has this uniqueId',
        });
        return new Map(group.items.map((i) => [i.id, { kind: 'failed', error }] as const));
      }
    }
    for (const item of group.items) {
      if (!this.stored.has(item.documentId))
        this.stored.set(item.documentId, { hash: sha256(item.prepared), patient: item.document.patient.matricule });
    }
    await this.afterStore?.(group);
    return new Map(
      group.items.map((item) => [item.id, { kind: 'sent', reference: `ref-${item.documentId}` }] as const),
    );
  }
}

export const outage = (): PasserelleError =>
  new PasserelleError('PLATFORM_UNAVAILABLE', { url: 'https://platform.test', status: 503 });

/** The items of a queue file counted by state over the whole table: what the queue's own counts must say. */
export function countedInTable(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const counts: Record<string, number> = Object.fromEntries(QUEUE_STATES.map((state) => [state, 0]));
    const rows = db.prepare('SELECT state, COUNT(*) AS n FROM items GROUP BY state').all() as {
      state: string;
      n: number;
    }[];
    for (const row of rows) counts[row.state] = row.n;
    return { ...counts, total: rows.reduce((sum, row) => sum + row.n, 0) };
  } finally {
    db.close();
  }
}

/** The bytes of the queue's documents log (every segment), 0 before the first document. */
export function documentsLogBytes(path: string): number {
  const folder = `${path}-documents`;
  if (!existsSync(folder)) return 0;
  return readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
}

/**
 * Forgets how far the log's segments were found to have their rows, as when their writer died instead of
 * closing: the next opening reads them again.
 */
export function forgetCheckedLog(path: string): void {
  const db = new Database(path);
  try {
    db.exec('DELETE FROM log_segments');
  } finally {
    db.close();
  }
}

/**
 * What a power cut may do to rows committed without waiting for the disk: they are gone, their documents'
 * records still in the log (durable before each enqueue returned), and no recovery has read the log since.
 */
export function loseRows(path: string, ids: readonly string[]): void {
  const db = new Database(path);
  try {
    db.transaction(() => {
      for (const id of ids) db.prepare('DELETE FROM items WHERE id = ?').run(id);
      db.exec('DELETE FROM log_segments');
    })();
  } finally {
    db.close();
  }
}
