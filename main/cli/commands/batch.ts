import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import type { Command } from 'commander';
import { z } from 'zod';

import {
  BatchStateSchema,
  type BatchCounts,
  type BatchError,
  type BatchItem,
  type PasserelleEvent,
} from '../../../api/contract/index.js';
import { ErrorCodeSchema, PasserelleError } from '../../../api/errors/index.js';
import type { EventHub } from '../../core/router/event-hub.js';
import { action, withCore, type HomeOption } from '../cli-core.js';
import { EXIT, printErrorText, printJson } from '../output.js';
import { readPin } from '../pin-input.js';
import { both, line, say, warn } from '../say.js';
import { BATCH } from '../texts/batch-texts.js';
import { withHome, withJson, withPin } from '../common-options.js';

interface JsonOption {
  readonly json?: boolean;
}

interface RunOptions extends HomeOption, JsonOption {
  readonly watch?: string | boolean;
  readonly pinStdin?: boolean;
  readonly confirmLastTry?: boolean;
  readonly concurrency?: string;
}

/** Where an item came from: `file (manifest, ligne / line N)`. Never the patient: listings may end up in logs. */
function sourceOf(item: Pick<BatchItem, 'file' | 'manifest' | 'line'>): string {
  const at = item.line ? `, ${both(BATCH, (t) => t.line)} ${item.line}` : '';
  return `${item.file || '?'}${item.manifest ? ` (${item.manifest}${at})` : ''}`;
}

/** The counts as the progress bar shows them: filed of what is to send, waiting, to fix, failed. */
function printCounts(counts: BatchCounts): void {
  say(BATCH, (t) => t.counts, {
    sent: counts.sent,
    total: counts.total - counts.cancelled,
    waiting: counts.queued + counts.sending + counts.failedRetryable,
    toFix: counts.toFix,
    failed: counts.failedFinal,
  });
}

/** A kept error in French then English, indented under its item. */
function printReason(reason: BatchError, indent = '    '): void {
  line(`${indent}${reason.fr}`);
  line(`${indent}${reason.en}`);
}

/** The typed error a kept error stands for. */
function errorOf(reason: BatchError): PasserelleError {
  const code = ErrorCodeSchema.safeParse(reason.code);
  return code.success ? new PasserelleError(code.data, reason.details) : new PasserelleError('INTERNAL');
}

const ConcurrencySchema = z.coerce.number().int().min(1).max(32);

function concurrencyOf(options: RunOptions): number | undefined {
  if (options.concurrency === undefined) return undefined;
  const parsed = ConcurrencySchema.safeParse(options.concurrency);
  if (!parsed.success) throw new PasserelleError('INVALID_INPUT', { reason: both(BATCH, (t) => t.concurrencyRange) });
  return parsed.data;
}

/**
 * What the batch says while it sends, on standard error: its progress (once a second at most), its pauses, the
 * platform's outages, the watched folder's imports. Returns the unsubscription.
 */
function followSending(events: EventHub): () => void {
  let lastProgress = 0;
  const note = ({ event }: { event: PasserelleEvent }): void => {
    switch (event.type) {
      case 'queue.progress': {
        const now = Date.now();
        if (now - lastProgress < 1_000) return;
        lastProgress = now;
        warn(BATCH, (t) => t.progress, event);
        return;
      }
      case 'queue.paused':
        if (!event.paused) warn(BATCH, (t) => t.resumed);
        else if (event.reason) {
          const { reason } = event;
          warn(
            BATCH,
            (t) => t.pausedBecause,
            (language) => ({ reason: reason[language] }),
          );
        } else warn(BATCH, (t) => t.paused);
        return;
      case 'queue.outage':
        warn(BATCH, (t) => t.outage, { code: event.error.code, until: event.until });
        return;
      case 'queue.imported':
        if (event.queued + event.toFix.length === 0) return;
        warn(BATCH, (t) => t.watched, { queued: event.queued, toFix: event.toFix.length });
        for (const entry of event.toFix)
          process.stderr.write(`  ${both(BATCH, (t) => t.toFix)}: ${entry.file}: ${entry.reason.fr}\n`);
        return;
      case 'error':
        warn(
          BATCH,
          (t) => t.importFailed,
          (language) => ({ message: event.error.message[language] }),
        );
        return;
      default:
        return;
    }
  };
  return events.subscribe(note);
}

/** Aborted at Ctrl+C or SIGTERM, saying so: the sends in flight finish. Returns the signal and the release. */
function stopOnSignals(): { readonly signal: AbortSignal; release(): void } {
  const stop = new AbortController();
  const onSignal = (): void => {
    warn(BATCH, (t) => t.stopping);
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: stop.signal,
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * `passerelle batch run` (`batch.run`): logs in the establishment's ORG token, then sends the queue in indirect
 * mode until nothing is left (retries waited for); with `--watch`, until stopped (Ctrl+C, SIGTERM), sending what
 * other processes queue and, given a folder, importing it whenever a file settles there. What can be wrong
 * without the card (the settings, the queue, the folder) is said before the PIN is asked.
 */
async function runBatch(options: RunOptions): Promise<void> {
  const concurrency = concurrencyOf(options);
  const folder = typeof options.watch === 'string' ? resolve(options.watch) : undefined;
  await withCore(options, async ({ invoke, events }) => {
    // The settings and the queue, read before the PIN is asked (each call reads establishment.json first).
    await invoke('batch.status', { limit: 1 });
    const { isFolder } = await import('../../core/import/folder-import.js');
    if (folder !== undefined && !(await isFolder(folder)))
      throw new PasserelleError('FILE_NOT_FOUND', { path: folder });
    const pin = await readPin(options, `${both(BATCH, (t) => t.tokenPin)}: `);
    const stop = stopOnSignals();
    const unfollow = followSending(events);
    try {
      const answer = await invoke(
        'batch.run',
        {
          pin,
          confirmLastTry: options.confirmLastTry ?? false,
          ...(concurrency === undefined ? {} : { concurrency }),
          ...(options.watch === undefined ? {} : { watch: folder === undefined ? {} : { folder } }),
        },
        { signal: stop.signal },
      );
      if (options.json) printJson(answer);
      else {
        printCounts(answer.counts);
        if (answer.paused && !answer.pauseReason) say(BATCH, (t) => t.pausedHint);
      }
      // Paused on an error no document can get past (certificate, clock, card): said, and not a success.
      if (answer.paused && answer.pauseReason) throw errorOf(answer.pauseReason);
    } finally {
      unfollow();
      stop.release();
    }
  });
}

/** `passerelle batch status [id]` (`batch.status`, or `batch.item` for one item and its attempts). */
async function printStatus(
  id: string | undefined,
  options: HomeOption & JsonOption & { all?: boolean },
): Promise<void> {
  await withCore(options, async ({ invoke }) => {
    if (id !== undefined) {
      const item = await invoke('batch.item', { id });
      if (options.json) return printJson(item);
      line(`${item.id}  ${item.state}  ${sourceOf(item)}`);
      if (item.documentId) {
        const reference = item.reference ? ` — ${both(BATCH, (t) => t.reference, { reference: item.reference })}` : '';
        line(`  ${both(BATCH, (t) => t.documentRef, { documentId: item.documentId })}${reference}`);
      }
      if (item.error) printReason(item.error, '  ');
      for (const attempt of item.history) {
        const retry = attempt.retryAt ? ` → ${both(BATCH, (t) => t.retryAt, { at: attempt.retryAt })}` : '';
        const outcome = attempt.outcome ?? both(BATCH, (t) => t.running);
        line(
          `  #${attempt.number} ${attempt.startedAt} ${outcome}${attempt.error ? ` ${attempt.error.code}` : ''}${retry}`,
        );
      }
      return;
    }
    const status = await invoke('batch.status', {
      states: options.all ? BatchStateSchema.options : ['to-fix', 'failed-final', 'failed-retryable'],
      limit: 10_000,
    });
    if (options.json) return printJson(status);
    printCounts(status.counts);
    if (status.paused) {
      const reason = status.pauseReason;
      if (reason)
        say(
          BATCH,
          (t) => t.pausedBecause,
          (language) => ({ reason: reason[language] }),
        );
      else say(BATCH, (t) => t.paused);
    }
    for (const item of status.items) {
      line(`  ${item.id}  ${item.state.padEnd(16)} ${sourceOf(item)}`);
      if (item.error) line(`      ${item.error.fr}`);
    }
  });
}

/** `passerelle batch …`: the hospital batch — import, send under the establishment's certificate, follow, report. */
export function registerBatchCommands(program: Command): void {
  const batch = program.command('batch').description(both(BATCH, (t) => t.command));

  withJson(
    withHome(
      batch.command('import').argument(
        '<folder|manifest>',
        both(BATCH, (t) => t.importSource),
      ),
    ),
  )
    .description(both(BATCH, (t) => t.import))
    .addHelpText('after', `\n${both(BATCH, (t) => t.importExit)}`)
    .action(
      action(async (path: string, options: HomeOption & JsonOption) =>
        withCore(options, async ({ invoke }) => {
          const answer = await invoke('batch.import', { source: { kind: 'path', path: resolve(path) } });
          if (options.json) printJson(answer);
          else {
            say(BATCH, (t) => t.imported, {
              queued: answer.queued.length,
              duplicates: answer.duplicates.length,
              toFix: answer.toFix.length,
            });
            for (const entry of answer.toFix) {
              line(`  ${both(BATCH, (t) => t.toFix)}: ${sourceOf(entry)}`);
              printReason(entry.reason);
            }
          }
          // A script must see that this batch sends nothing: lines to fix, and none of its documents queued
          // (now or by an earlier import). The listing (or the JSON) is the same as on success.
          if (answer.toFix.length > 0 && answer.queued.length + answer.duplicates.length === 0) {
            warn(BATCH, (t) => t.nothingQueued);
            process.exitCode = EXIT.error;
          }
        }),
      ),
    );

  withPin(
    withJson(withHome(batch.command('run')))
      .description(both(BATCH, (t) => t.run))
      .option(
        '--watch [folder]',
        both(BATCH, (t) => t.runWatch),
      )
      .option(
        '--concurrency <n>',
        both(BATCH, (t) => t.runConcurrency),
      ),
  ).action(action(async (options: RunOptions) => runBatch(options)));

  withJson(
    withHome(
      batch.command('status').argument(
        '[id]',
        both(BATCH, (t) => t.statusId),
      ),
    ),
  )
    .description(both(BATCH, (t) => t.status))
    .option(
      '--all',
      both(BATCH, (t) => t.statusAll),
    )
    .action(
      action(async (id: string | undefined, options: HomeOption & JsonOption & { all?: boolean }) =>
        printStatus(id, options),
      ),
    );

  withHome(batch.command('report'))
    .description(both(BATCH, (t) => t.report))
    .requiredOption(
      '--out <file.csv>',
      both(BATCH, (t) => t.reportOut),
    )
    .option(
      '--lang <fr|en>',
      both(BATCH, (t) => t.reportLang),
      'fr',
    )
    .action(
      action(async (options: HomeOption & { out: string; lang: string }) => {
        const language = options.lang;
        if (language !== 'fr' && language !== 'en')
          throw new PasserelleError('INVALID_INPUT', { reason: both(BATCH, (t) => t.reportLanguage) });
        const file = resolve(options.out);
        await withCore(options, async ({ invoke }) => {
          const { csv, rows } = await invoke('batch.report', { language });
          await writeFile(file, csv);
          say(BATCH, (t) => t.reportWritten, { file, rows });
        });
      }),
    );

  withHome(batch.command('pause'))
    .description(both(BATCH, (t) => t.pause))
    .action(
      action(async (options: HomeOption) =>
        withCore(options, async ({ invoke }) => {
          await invoke('batch.pause', {});
          say(BATCH, (t) => t.pausedAsked);
        }),
      ),
    );

  withHome(batch.command('resume'))
    .description(both(BATCH, (t) => t.resume))
    .action(
      action(async (options: HomeOption) =>
        withCore(options, async ({ invoke }) => {
          await invoke('batch.resume', {});
          say(BATCH, (t) => t.resumed);
        }),
      ),
    );

  withJson(
    withHome(
      batch.command('retry').argument(
        '[ids...]',
        both(BATCH, (t) => t.retryIds),
      ),
    ),
  )
    .description(both(BATCH, (t) => t.retry))
    .action(
      action(async (ids: string[], options: HomeOption & JsonOption) =>
        withCore(options, async ({ invoke }) => {
          const answer = await invoke('batch.retry', ids.length > 0 ? { ids } : {});
          if (options.json) return printJson(answer);
          say(BATCH, (t) => t.requeued, { count: answer.requeued });
        }),
      ),
    );

  // Without ids, `batch.cancel` withdraws every item not yet sent: the command asks for that in so many words.
  withJson(
    withHome(
      batch.command('cancel').argument(
        '[ids...]',
        both(BATCH, (t) => t.cancelIds),
      ),
    ),
  )
    .description(both(BATCH, (t) => t.cancel))
    .option(
      '--all',
      both(BATCH, (t) => t.cancelAll),
    )
    .action(
      action(async (ids: string[], options: HomeOption & JsonOption & { all?: boolean }, command: Command) => {
        if (ids.length > 0 === Boolean(options.all)) command.error(both(BATCH, (t) => t.cancelWhich));
        await withCore(options, async ({ invoke }) => {
          const answer = await invoke('batch.cancel', options.all ? {} : { ids });
          if (options.json) printJson(answer);
          else say(BATCH, (t) => t.cancelled, { count: answer.cancelled });
          // Each refusal said on standard error; any of them makes the command a failure (exit 1).
          for (const { id, reason } of answer.refused) printErrorText(reason, id);
          if (answer.refused.length > 0) process.exitCode = EXIT.error;
        });
      }),
    );
}
