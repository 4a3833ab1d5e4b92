import { Writable } from 'node:stream';

import type { BatchCounts, BatchError, BatchItem, RequestOf, ResponseOf } from '../../../api/contract/index.js';
import { errorMessage, isPasserelleError, PasserelleError, type ErrorDetailValue } from '../../../api/errors/index.js';
import type { PinOptions } from '../router/card-port.js';
import type { BatchDesk, BatchEvent, BatchSource } from '../router/batch-port.js';
import type { PlatformCardSession, RelayOptions } from '../cards/card-tls-relay.js';
import { importFiles, importPath, isFolder, type ImportResult } from '../import/folder-import.js';
import { watchFolder } from '../import/folder-watch.js';
import { writeCsvReport } from '../queue/csv-report.js';
import type { DurableQueue } from '../queue/durable-queue.js';
import { endedCardSession, storedError, type StoredError } from '../queue/failure-class.js';
import type { QueueCounts } from '../queue/queue-events.js';
import type { AttemptRecord, QueueItem } from '../queue/queue-types.js';
import {
  batchWorker,
  DEFAULT_BATCH_CONCURRENCY,
  openBatchUploader,
  type BatchUploader,
  type BatchUploaderContext,
} from './batch-uploader.js';
import { DOCUMENT_TYPES } from '../../../interop/value-sets/index.js';
import { readEstablishmentSettings } from './establishment-settings.js';

/** What the batch desk takes from the workstation: its paths and queue, the rules, the platform, the cards. */
export interface BatchContext extends BatchUploaderContext {
  readonly paths: { readonly root: string; readonly establishment: string };
  queue(): DurableQueue;
  /** The deck that opens the establishment's ORG token for the platform. */
  readonly deck:
    | {
        openForPlatform(label: string, pin: string, options: PinOptions & RelayOptions): Promise<PlatformCardSession>;
      }
    | undefined;
}

/** An error as the queue keeps it, as the contract says it: its code, both languages, its details. */
function said(error: StoredError): BatchError {
  return {
    code: error.code,
    fr: errorMessage(error.code, error.details, 'fr'),
    en: errorMessage(error.code, error.details, 'en'),
    // The contract's batch errors carry single values; a list (a choice offered) is already in the messages.
    details: Object.fromEntries(
      Object.entries(error.details).filter(
        (entry): entry is [string, ErrorDetailValue] => entry[1] !== undefined && !Array.isArray(entry[1]),
      ),
    ),
  };
}

/** The contract's counts of the queue's. */
export function batchCounts(counts: QueueCounts): BatchCounts {
  return {
    queued: counts.queued,
    sending: counts.sending,
    sent: counts.sent,
    failedRetryable: counts['failed-retryable'],
    failedFinal: counts['failed-final'],
    toFix: counts['to-fix'],
    cancelled: counts.cancelled,
    total: counts.total,
  };
}

/**
 * The `queue.progress` event of the counts: done is what is filed, failed what failed for good, total what is
 * to be sent (neither to fix nor withdrawn), so that a batch whose sendable items are all filed reads 100 %.
 */
function progressOf(counts: QueueCounts): BatchEvent {
  return {
    type: 'queue.progress',
    done: counts.sent,
    failed: counts['failed-final'],
    total: counts.total - counts['to-fix'] - counts.cancelled,
  };
}

/** The INS matricule's last four digits: enough to tell the lines apart, no more than a listing may show. */
function patientHint(item: QueueItem): string {
  const patient = item.description.document?.patient ?? item.description.raw?.patient;
  const matricule =
    typeof patient === 'object' && patient !== null ? (patient as { insMatricule?: unknown; matricule?: unknown }) : {};
  const value = typeof matricule.matricule === 'string' ? matricule.matricule : matricule.insMatricule;
  return typeof value === 'string' && value.length >= 4 ? `…${value.slice(-4)}` : '';
}

/** The patient's names as the secretary reads them in the table: birth name, then first names. */
function patientNameOf(item: QueueItem): string {
  const patient = item.description.document?.patient ?? item.description.raw?.patient;
  if (typeof patient !== 'object' || patient === null) return '';
  const traits = (patient as { traits?: { birthName?: unknown; firstNames?: unknown } }).traits ?? patient;
  const { birthName, firstNames } = traits as { birthName?: unknown; firstNames?: unknown };
  const first = Array.isArray(firstNames)
    ? firstNames.filter((name) => typeof name === 'string').join(' ')
    : typeof firstNames === 'string'
      ? firstNames
      : '';
  return [typeof birthName === 'string' ? birthName : '', first].filter(Boolean).join(' ');
}

function itemOf(item: QueueItem, withNames = false): BatchItem {
  const { source } = item.description;
  const type = item.description.document?.typeCode ?? item.description.raw?.typeCode;
  return {
    id: item.id,
    state: item.state,
    file: source.file,
    ...(source.manifest ? { manifest: source.manifest } : {}),
    ...(source.line ? { line: source.line } : {}),
    patient: patientHint(item),
    ...(withNames ? { patientName: patientNameOf(item) } : {}),
    typeCode: typeof type === 'string' ? type : '',
    typeLabel: DOCUMENT_TYPES.find((known) => known.code === type)?.displayName ?? '',
    attempts: item.attempts,
    ...(item.documentId ? { documentId: item.documentId } : {}),
    ...(item.state === 'sent' && item.reference ? { reference: item.reference } : {}),
    ...(item.error && item.state !== 'sent' ? { error: said(item.error) } : {}),
    ...(item.readyAt && item.state === 'failed-retryable' ? { retryAt: item.readyAt.toISOString() } : {}),
    updatedAt: item.updatedAt.toISOString(),
  };
}

function attemptOf(attempt: AttemptRecord): ResponseOf<'batch.item'>['history'][number] {
  return {
    number: attempt.number,
    groupSize: attempt.groupSize,
    startedAt: attempt.startedAt.toISOString(),
    ...(attempt.endedAt ? { endedAt: attempt.endedAt.toISOString() } : {}),
    ...(attempt.outcome ? { outcome: attempt.outcome } : {}),
    ...(attempt.error ? { error: said(attempt.error) } : {}),
    ...(attempt.retryAt ? { retryAt: attempt.retryAt.toISOString() } : {}),
  };
}

function importAnswer(result: ImportResult): ResponseOf<'batch.import'> {
  const origin = ({ id, file, manifest, line }: ImportResult['queued'][number]) => ({
    id,
    file,
    ...(manifest ? { manifest } : {}),
    ...(line ? { line } : {}),
  });
  return {
    queued: result.queued.map(origin),
    duplicates: result.duplicates.map(origin),
    toFix: result.toFix.map((entry) => ({ ...origin(entry), reason: said(entry.error) })),
  };
}

/** The `queue.imported` event of an import. */
function importedEvent(answer: ResponseOf<'batch.import'>): BatchEvent {
  return {
    type: 'queue.imported',
    queued: answer.queued.length,
    duplicates: answer.duplicates.length,
    toFix: answer.toFix.map(({ file, reason }) => ({ file, reason })),
  };
}

/** The items a status lists unless asked for others: every one but those to fix (listed apart) and withdrawn. */
const LISTED_STATES: RequestOf<'batch.status'>['states'] = [
  'queued',
  'sending',
  'sent',
  'failed-retryable',
  'failed-final',
];

/** The ORG token logged in and the uploader over it: a sending ready to go. */
interface Prepared {
  readonly org: PlatformCardSession;
  readonly uploader: BatchUploader;
  readonly orgToken: string;
}

/** A sending in this process: ready once the token is logged in, done when it stops. */
interface Sending {
  readonly stop: AbortController;
  readonly ready: Promise<Prepared>;
  readonly done: Promise<ResponseOf<'batch.run'>>;
}

/** How a sending goes: until nothing is left, or until stopped; the folder it imports meanwhile. */
interface SendingOptions {
  readonly concurrency: number;
  readonly untilIdle: boolean;
  readonly folder: string | undefined;
  /** The caller's: its abort stops the sending (the sends in flight finish). */
  readonly signal: AbortSignal | undefined;
}

/**
 * The establishment's batch over the workstation's queue, shared with every process of the user (the command
 * line, the service, the desktop): import, one sending at a time in this process under the ORG token, follow,
 * pause, retry, withdraw, report. Every call reads `establishment.json` first, so that a missing or wrong file
 * is said whatever the user does.
 */
export class HomeBatchDesk implements BatchDesk {
  private listening: DurableQueue | undefined;
  private sending: Sending | undefined;
  private readonly listeners = new Set<(event: BatchEvent) => void>();

  constructor(private readonly context: BatchContext) {}

  private publish(event: BatchEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private queue(): DurableQueue {
    readEstablishmentSettings(this.context.paths.root);
    const queue = this.context.queue();
    if (this.listening !== queue) {
      this.listening = queue;
      queue.events.on('progress', (counts) => this.publish(progressOf(counts)));
      queue.events.on('paused', ({ reason }) =>
        this.publish({ type: 'queue.paused', paused: true, ...(reason ? { reason: said(reason) } : {}) }),
      );
      queue.events.on('resumed', () => this.publish({ type: 'queue.paused', paused: false }));
      queue.events.on('outage', ({ until, error }) =>
        this.publish({ type: 'queue.outage', until: until.toISOString(), error: said(error) }),
      );
    }
    return queue;
  }

  status({ offset, limit, states, withNames }: RequestOf<'batch.status'>): ResponseOf<'batch.status'> {
    const queue = this.queue();
    const pause = queue.pauseState();
    return {
      counts: batchCounts(queue.counts()),
      running: this.sending !== undefined,
      paused: pause.paused,
      ...(pause.reason ? { pauseReason: said(pause.reason) } : {}),
      items: queue
        .list({ states: states ?? LISTED_STATES, offset, limit })
        .map((item) => itemOf(item, withNames === true)),
      toFix: queue.list({ states: ['to-fix'] }).map((item) => itemOf(item, withNames === true)),
    };
  }

  item(id: string): ResponseOf<'batch.item'> {
    const queue = this.queue();
    return { ...itemOf(queue.item(id)), history: queue.attempts(id).map(attemptOf) };
  }

  async import(source: BatchSource): Promise<ResponseOf<'batch.import'>> {
    const queue = this.queue();
    const options = { maxDocumentBytes: this.context.maxDocumentBytes };
    const result =
      source.kind === 'path'
        ? await importPath(queue, source.path, options)
        : await importFiles(queue, source.files, options);
    const answer = importAnswer(result);
    this.publish(importedEvent(answer));
    return answer;
  }

  async start(request: RequestOf<'batch.start'>): Promise<void> {
    if (this.sending) return;
    const sending = this.begin(request, {
      concurrency: request.concurrency ?? DEFAULT_BATCH_CONCURRENCY,
      untilIdle: false,
      folder: undefined,
      signal: undefined,
    });
    // In the background: how it ends is said by the queue's events and its status; only the unexplained is told.
    sending.done.catch((error: unknown) => {
      if (!isPasserelleError(error))
        this.publish({ type: 'error', error: new PasserelleError('INTERNAL', {}, { cause: error }).toJSON() });
    });
    await sending.ready;
  }

  run(request: RequestOf<'batch.run'>, signal: AbortSignal): Promise<ResponseOf<'batch.run'>> {
    if (this.sending) return Promise.reject(new PasserelleError('BATCH_ALREADY_SENDING'));
    return this.begin(request, {
      concurrency: request.concurrency ?? DEFAULT_BATCH_CONCURRENCY,
      untilIdle: request.watch === undefined,
      folder: request.watch?.folder,
      signal,
    }).done;
  }

  /** The one sending of this process, registered at once so that no second one starts while it logs in. */
  private begin(request: PinOptions & { readonly pin: string }, options: SendingOptions): Sending {
    const stop = new AbortController();
    const ready = this.prepare(request, options.folder);
    const done = ready.then((prepared) => this.drive(prepared, options, stop));
    const sending: Sending = { stop, ready, done };
    this.sending = sending;
    const over = (): void => {
      if (this.sending === sending) this.sending = undefined;
    };
    done.then(over, over);
    return sending;
  }

  /**
   * What can be refused at once, before anything is sent: the settings, the watched folder, the PIN, the
   * certificate's FINESS. The ORG token is logged in with its relay started; it is logged out on a refusal.
   */
  private async prepare(request: PinOptions & { readonly pin: string }, folder: string | undefined): Promise<Prepared> {
    this.queue();
    const settings = readEstablishmentSettings(this.context.paths.root);
    if (folder !== undefined && !(await isFolder(folder)))
      throw new PasserelleError('FILE_NOT_FOUND', { path: folder });
    const deck = this.context.deck;
    if (!deck) throw new PasserelleError('CARDS_UNAVAILABLE');
    const org = await deck.openForPlatform(settings.orgToken, request.pin, { confirmLastTry: request.confirmLastTry });
    try {
      return { org, uploader: await openBatchUploader(this.context, org, settings), orgToken: settings.orgToken };
    } catch (error) {
      org.logout();
      throw error;
    }
  }

  /** Sends until nothing is left or the sending is stopped, then logs the token out and says how it ended. */
  private async drive(
    { org, uploader, orgToken }: Prepared,
    options: SendingOptions,
    stop: AbortController,
  ): Promise<ResponseOf<'batch.run'>> {
    const queue = this.queue();
    // Logged in again after the token was pulled out: its pause is over (the message said "start over").
    queue.resumeAfterLogin(orgToken);
    const stopWith = (): void => stop.abort();
    options.signal?.addEventListener('abort', stopWith, { once: true });
    // The token's session gone, this sending can sign nothing more: it stops, and the user starts over.
    const offPaused = queue.events.on('paused', ({ reason }) => {
      if (reason && endedCardSession(reason, orgToken)) stop.abort();
    });
    try {
      const watcher =
        options.folder === undefined
          ? undefined
          : await watchFolder(queue, options.folder, {
              maxDocumentBytes: this.context.maxDocumentBytes,
              onImport: (result) => this.publish(importedEvent(importAnswer(result))),
              onError: (error) =>
                this.publish({
                  type: 'error',
                  error: (isPasserelleError(error)
                    ? error
                    : new PasserelleError('INTERNAL', {}, { cause: error })
                  ).toJSON(),
                }),
            });
      try {
        const worker = batchWorker(queue, uploader, options.concurrency, this.context.clock);
        const counts = await worker.run(
          options.untilIdle ? { untilIdle: true, signal: stop.signal } : { signal: stop.signal },
        );
        const pause = queue.pauseState();
        return {
          counts: batchCounts(counts),
          paused: pause.paused,
          ...(pause.reason ? { pauseReason: said(pause.reason) } : {}),
          submissions: uploader.sender.submissions,
        };
      } finally {
        await watcher?.close();
      }
    } finally {
      options.signal?.removeEventListener('abort', stopWith);
      offPaused();
      uploader.close();
      org.logout();
    }
  }

  pause(): void {
    this.queue().pause();
  }

  resume(): void {
    this.queue().resume();
  }

  retry(ids: readonly string[] | undefined): number {
    return this.queue().retryFailed(ids);
  }

  cancel(ids: readonly string[] | undefined): ResponseOf<'batch.cancel'> {
    const queue = this.queue();
    const targets = ids ?? queue.list({ states: ['queued', 'failed-retryable'] }).map((item) => item.id);
    const refused: ResponseOf<'batch.cancel'>['refused'] = [];
    for (const id of targets) {
      try {
        queue.cancel(id);
      } catch (error) {
        if (!isPasserelleError(error)) throw error;
        refused.push({ id, reason: said(storedError(error)) });
      }
    }
    return { cancelled: targets.length - refused.length, refused };
  }

  async report(language: 'fr' | 'en'): Promise<ResponseOf<'batch.report'>> {
    // The very text the report file holds, gathered in memory: the command writes it, the window saves it.
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
    const { rows } = await writeCsvReport(this.queue(), sink, language);
    return { csv: chunks.join(''), rows };
  }

  follow(listener: (event: BatchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the sending of this process; its sends in flight finish (the queue itself is the workstation's). */
  async close(): Promise<void> {
    const sending = this.sending;
    if (!sending) return;
    sending.stop.abort();
    await sending.done.catch(() => undefined);
  }
}
