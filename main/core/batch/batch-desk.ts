import { Writable } from 'node:stream';

import type { BatchCounts, BatchItem, ResponseOf } from '../../../api/contract/index.js';
import { errorMessage, isPasserelleError, PasserelleError } from '../../../api/errors/index.js';
import type { BatchDesk, BatchSource } from '../router/batch-port.js';
import type { PlatformCardSession } from '../cards/card-tls-relay.js';
import { readSettings } from '../config/settings.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../feed/source-file.js';
import { importFiles, importPath, type ImportResult } from '../import/folder-import.js';
import { writeCsvReport } from '../queue/csv-report.js';
import type { DurableQueue } from '../queue/durable-queue.js';
import { endedCardSession, type StoredError } from '../queue/failure-class.js';
import type { QueueCounts } from '../queue/queue-events.js';
import type { QueueItem } from '../queue/queue-types.js';
import { batchWorker, DEFAULT_BATCH_CONCURRENCY, openBatchUploader, openHomeQueue } from './batch-uploader.js';
import { readEstablishmentSettings } from './establishment-settings.js';

export interface BatchDeskOptions {
  readonly home: string;
  readonly version: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Opens the establishment's ORG token with its PIN (the card layer of this host), its TLS relay started. */
  readonly login: (
    label: string,
    pin: string,
    options: { readonly confirmLastTry: boolean },
  ) => Promise<PlatformCardSession>;
  readonly concurrency?: number;
}

const said = (error: StoredError): { code: string; fr: string; en: string } => ({
  code: error.code,
  fr: errorMessage(error.code, error.details, 'fr'),
  en: errorMessage(error.code, error.details, 'en'),
});

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

/** The INS matricule's last four digits: enough to tell the lines apart, no more than the command shows. */
function patientHint(item: QueueItem): string {
  const patient = item.description.document?.patient ?? item.description.raw?.patient;
  const matricule =
    typeof patient === 'object' && patient !== null ? (patient as { insMatricule?: unknown; matricule?: unknown }) : {};
  const value = typeof matricule.matricule === 'string' ? matricule.matricule : matricule.insMatricule;
  return typeof value === 'string' && value.length >= 4 ? `…${value.slice(-4)}` : '';
}

function itemOf(item: QueueItem): BatchItem {
  const { source } = item.description;
  const type = item.description.document?.typeCode ?? item.description.raw?.typeCode;
  return {
    id: item.id,
    state: item.state,
    file: source.file,
    ...(source.manifest ? { manifest: source.manifest } : {}),
    ...(source.line ? { line: source.line } : {}),
    patient: patientHint(item),
    typeCode: typeof type === 'string' ? type : '',
    attempts: item.attempts,
    ...(item.state === 'sent' && item.reference ? { reference: item.reference } : {}),
    ...(item.error && item.state !== 'sent' ? { error: said(item.error) } : {}),
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

/**
 * The establishment's batch in a long-running host (the service, the desktop): the home's queue, shared with
 * the `passerelle batch` command, and one worker in this process once started with the ORG token's PIN. Every
 * call reads `establishment.json` first, so that a missing or wrong file is said whatever the user does.
 */
export class HomeBatchDesk implements BatchDesk {
  private opened: DurableQueue | undefined;
  private worker: { readonly stop: AbortController; readonly done: Promise<void> } | undefined;
  private readonly listeners = new Set<(counts: BatchCounts) => void>();

  constructor(private readonly options: BatchDeskOptions) {}

  private queue(): DurableQueue {
    readEstablishmentSettings(this.options.home);
    if (!this.opened) {
      const queue = openHomeQueue(this.options.home);
      queue.events.on('progress', (counts) => {
        const converted = batchCounts(counts);
        for (const listener of this.listeners) listener(converted);
      });
      this.opened = queue;
    }
    return this.opened;
  }

  status({ offset, limit }: { offset: number; limit: number }): ResponseOf<'batch.status'> {
    const queue = this.queue();
    const pause = queue.pauseState();
    return {
      counts: batchCounts(queue.counts()),
      running: this.worker !== undefined,
      paused: pause.paused,
      ...(pause.reason ? { pauseReason: said(pause.reason) } : {}),
      items: queue
        .list({ states: ['queued', 'sending', 'sent', 'failed-retryable', 'failed-final'], offset, limit })
        .map(itemOf),
      toFix: queue.list({ states: ['to-fix'] }).map(itemOf),
    };
  }

  async import(source: BatchSource): Promise<ResponseOf<'batch.import'>> {
    const queue = this.queue();
    const options = {
      maxDocumentBytes: readSettings(this.options.home).maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    };
    const result =
      source.kind === 'path'
        ? await importPath(queue, source.path, options)
        : await importFiles(queue, source.files, options);
    return importAnswer(result);
  }

  async start({ pin, confirmLastTry }: { pin: string; confirmLastTry: boolean }): Promise<void> {
    if (this.worker) return;
    const queue = this.queue();
    const settings = readEstablishmentSettings(this.options.home);
    const org = await this.options.login(settings.orgToken, pin, { confirmLastTry });
    let uploader;
    try {
      uploader = await openBatchUploader(this.options.home, org, settings, this.options.version, this.options.env);
    } catch (error) {
      org.logout();
      throw error;
    }
    const opened = uploader;
    // Logged in again after the token was pulled out: its pause is over (the message said "start over").
    queue.resumeAfterLogin(settings.orgToken);
    const stop = new AbortController();
    // The token's session gone, this worker can sign nothing more: it stops, and the window asks for the PIN.
    const offPaused = queue.events.on('paused', ({ reason }) => {
      if (reason && endedCardSession(reason, settings.orgToken)) stop.abort();
    });
    const worker = batchWorker(queue, opened, this.options.concurrency ?? DEFAULT_BATCH_CONCURRENCY);
    const done = worker
      .run({ signal: stop.signal })
      .then(
        () => undefined,
        // The worker stops only on a queue it cannot write; the queue already paused and said why.
        (error: unknown) => {
          if (!isPasserelleError(error)) throw error;
        },
      )
      .finally(() => {
        offPaused();
        opened.close();
        org.logout();
        this.worker = undefined;
      });
    this.worker = { stop, done };
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
        if (!(error instanceof PasserelleError)) throw error;
        refused.push({ id, reason: said(error) });
      }
    }
    return { cancelled: targets.length - refused.length, refused };
  }

  async report(language: 'fr' | 'en'): Promise<ResponseOf<'batch.report'>> {
    // The very text the command writes to its file, gathered in memory for the window to save.
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

  follow(listener: (counts: BatchCounts) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.worker?.stop.abort();
    await this.worker?.done;
    this.opened?.close();
    this.opened = undefined;
  }
}
