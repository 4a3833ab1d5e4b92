import { resolve } from 'node:path';

import type { Command } from 'commander';
import { z } from 'zod';

import { errorMessage, PasserelleError, type ErrorDetails } from '../../../api/errors/index.js';
import { CardService, realCardEnvironment } from '../../../native-bridge/index.js';
import {
  batchWorker,
  DEFAULT_BATCH_CONCURRENCY,
  openBatchUploader,
  openHomeQueue,
} from '../../core/batch/batch-uploader.js';
import { readEstablishmentSettings } from '../../core/batch/establishment-settings.js';
import { relayAtLogin } from '../../core/cards/card-tls-relay.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { readSettings } from '../../core/config/settings.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../../core/feed/source-file.js';
import { importPath, isFolder, type ImportResult } from '../../core/import/folder-import.js';
import { watchFolder, type FolderWatch } from '../../core/import/folder-watch.js';
import type { DurableQueue } from '../../core/queue/durable-queue.js';
import { endedCardSession, type StoredError } from '../../core/queue/failure-class.js';
import type { QueueCounts } from '../../core/queue/queue-events.js';
import { QUEUE_STATES, type QueueState } from '../../core/queue/queue-schema.js';
import type { AttemptRecord, QueueItem } from '../../core/queue/queue-types.js';
import { writeCsvReport } from '../../core/queue/csv-report.js';
import { findPackageRoot } from '../../service/package-root.js';
import { action, EXIT, printJson } from '../output.js';
import { readPin } from '../pin-input.js';
import { openCards } from './cards.js';

interface HomeOptions {
  readonly home?: string;
  readonly json?: boolean;
}

interface RunOptions extends HomeOptions {
  readonly watch?: string | boolean;
  readonly pinStdin?: boolean;
  readonly confirmLastTry?: boolean;
  readonly concurrency?: string;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const note = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** An error as the queue keeps it, in both languages, for listings and `--json`. */
function said(error: StoredError): { code: string; message: { fr: string; en: string }; details: ErrorDetails } {
  return {
    code: error.code,
    message: { fr: errorMessage(error.code, error.details, 'fr'), en: errorMessage(error.code, error.details, 'en') },
    details: error.details,
  };
}

/** Where an item came from: `file (manifest, ligne N)`. Never the patient: listings may end up in logs. */
function sourceOf(item: Pick<QueueItem, 'description'>): string {
  const { source } = item.description;
  const where = source.manifest ? ` (${source.manifest}${source.line ? `, ligne / line ${source.line}` : ''})` : '';
  return `${source.file || '?'}${where}`;
}

function itemJson(item: QueueItem): Record<string, unknown> {
  const { source } = item.description;
  return {
    id: item.id,
    state: item.state,
    file: source.file,
    ...(source.manifest ? { manifest: source.manifest } : {}),
    ...(source.line ? { line: source.line } : {}),
    ...(item.documentId ? { documentId: item.documentId } : {}),
    attempts: item.attempts,
    ...(item.reference ? { reference: item.reference } : {}),
    ...(item.error ? { error: said(item.error) } : {}),
    ...(item.readyAt && item.state === 'failed-retryable' ? { retryAt: item.readyAt.toISOString() } : {}),
    updatedAt: item.updatedAt.toISOString(),
  };
}

function attemptJson(attempt: AttemptRecord): Record<string, unknown> {
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

/** The counts as one line: what the progress bar shows. */
function countsLine(counts: QueueCounts): string {
  const waiting = counts.queued + counts.sending + counts['failed-retryable'];
  const total = counts.total - counts.cancelled;
  return (
    `${counts.sent}/${total} déposé(s) / filed · ${waiting} en attente / waiting · ${counts['to-fix']} à corriger / to fix · ` +
    `${counts['failed-final']} en échec / failed`
  );
}

function printImport(result: ImportResult, json: boolean | undefined, queue: DurableQueue): void {
  if (json) {
    printJson({
      queued: result.queued,
      duplicates: result.duplicates,
      toFix: result.toFix.map(({ error, ...rest }) => ({ ...rest, error: said(error) })),
      counts: queue.counts(),
    });
    return;
  }
  out(
    `Importé / imported: ${result.queued.length} mis en file / queued, ${result.duplicates.length} déjà en file / already queued, ` +
      `${result.toFix.length} à corriger / to fix`,
  );
  for (const entry of result.toFix) {
    const error = said(entry.error);
    out(
      `  À corriger / to fix: ${sourceOf({ description: { source: { file: entry.file, ...(entry.manifest ? { manifest: entry.manifest } : {}), ...(entry.line ? { line: entry.line } : {}) } } })}`,
    );
    out(`    ${error.message.fr}`);
    out(`    ${error.message.en}`);
  }
}

async function withQueue<T>(
  options: HomeOptions,
  run: (queue: DurableQueue, home: string) => Promise<T> | T,
): Promise<T> {
  const home = ensureHome(resolveHome(options.home));
  const queue = openHomeQueue(home);
  try {
    return await run(queue, home);
  } finally {
    queue.close();
  }
}

const maxDocumentBytes = (home: string): number => readSettings(home).maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;

const ConcurrencySchema = z.coerce.number().int().min(1).max(32);

/**
 * `passerelle batch run`: logs in the establishment's ORG token, then sends the queue through the feed pipeline
 * in indirect mode until nothing is left (retries waited for); with `--watch`, until stopped (Ctrl+C, SIGTERM),
 * sending what other processes queue and, given a folder, importing it whenever a file settles there. Progress
 * goes to standard error; a stop lets the sends in flight finish.
 */
async function runBatch(options: RunOptions): Promise<void> {
  let concurrency = DEFAULT_BATCH_CONCURRENCY;
  if (options.concurrency !== undefined) {
    const parsed = ConcurrencySchema.safeParse(options.concurrency);
    if (!parsed.success)
      throw new PasserelleError('INVALID_INPUT', {
        reason: '--concurrency: un nombre de 1 à 32 / a number from 1 to 32',
      });
    concurrency = parsed.data;
  }
  const home = ensureHome(resolveHome(options.home));
  // Everything that can be wrong without the card is said before the PIN is asked.
  const settings = readEstablishmentSettings(home);
  const folder = typeof options.watch === 'string' ? resolve(options.watch) : undefined;
  if (folder !== undefined && !(await isFolder(folder))) throw new PasserelleError('FILE_NOT_FOUND', { path: folder });
  const queue = openHomeQueue(home);
  const modulePath = process.env.PASSERELLE_PKCS11_MODULE;
  const cards = modulePath ? undefined : openCards(options);
  const service = cards?.service ?? new CardService({ modulePath: modulePath!, environment: realCardEnvironment });
  const stop = new AbortController();
  const onSignal = (): void => {
    note('Arrêt demandé : les envois en cours se terminent / stopping: the uploads in flight finish');
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let watcher: FolderWatch | undefined;
  try {
    const org = await service.login(
      settings.orgToken,
      await readPin(options, `Code PIN du jeton ${settings.orgToken} / PIN: `),
      { confirmLastTry: options.confirmLastTry ?? false, onAuthenticated: relayAtLogin(home) },
    );
    try {
      const uploader = await openBatchUploader(home, org, settings, findPackageRoot().version);
      try {
        // Logged in again after the token was pulled out: its pause is over (the message said "start over").
        queue.resumeAfterLogin(settings.orgToken);
        let lastLine = 0;
        const unsubscribe = [
          queue.events.on('progress', (counts) => {
            const now = Date.now();
            if (now - lastLine < 1_000) return;
            lastLine = now;
            note(`Lot / batch: ${countsLine(counts)}`);
          }),
          queue.events.on('paused', ({ reason }) => {
            if (reason) note(`Lot en pause / batch paused: ${said(reason).message.fr} / ${said(reason).message.en}`);
            // The token's session is gone: even with --watch, nothing more can be signed in this run.
            if (reason && endedCardSession(reason, settings.orgToken)) stop.abort();
          }),
          queue.events.on('outage', ({ until, error }) =>
            note(
              `Plateforme indisponible (${error.code}) : nouvel essai vers ${until.toISOString()} / platform unavailable: next try about then`,
            ),
          ),
        ];
        if (folder !== undefined) {
          watcher = await watchFolder(queue, folder, {
            maxDocumentBytes: maxDocumentBytes(home),
            onImport: (result) => {
              if (result.queued.length + result.toFix.length === 0) return;
              note(
                `Dossier surveillé / watched folder: ${result.queued.length} mis en file / queued, ${result.toFix.length} à corriger / to fix`,
              );
              for (const entry of result.toFix)
                note(`  À corriger / to fix: ${entry.file}: ${said(entry.error).message.fr}`);
            },
            onError: (error) =>
              note(
                `Import impossible / import failed: ${error instanceof PasserelleError ? error.messageIn('fr') : 'erreur interne / internal error'}`,
              ),
          });
        }
        const worker = batchWorker(queue, uploader, concurrency);
        const counts = await worker.run(
          options.watch ? { signal: stop.signal } : { untilIdle: true, signal: stop.signal },
        );
        for (const off of unsubscribe) off();
        const pause = queue.pauseState();
        if (options.json)
          printJson({
            counts,
            paused: pause.paused,
            ...(pause.reason ? { reason: said(pause.reason) } : {}),
            submissions: uploader.sender.submissions,
          });
        else {
          out(`Lot / batch: ${countsLine(counts)}`);
          if (pause.paused && !pause.reason) out('Lot en pause / batch paused (passerelle batch resume)');
        }
        // Paused on an error no document can get past (certificate, clock, card): said, and not a success.
        if (pause.paused && pause.reason) throw new PasserelleError(pause.reason.code, pause.reason.details);
      } finally {
        uploader.close();
      }
    } finally {
      org.logout();
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await watcher?.close();
    if (cards) cards.close();
    else service.close();
    queue.close();
  }
}

function printStatus(queue: DurableQueue, options: HomeOptions & { all?: boolean }, id: string | undefined): void {
  if (id !== undefined) {
    const item = queue.item(id);
    const attempts = queue.attempts(id);
    if (options.json) return printJson({ ...itemJson(item), history: attempts.map(attemptJson) });
    out(`${item.id}  ${item.state}  ${sourceOf(item)}`);
    if (item.documentId)
      out(`  Document: ${item.documentId}${item.reference ? ` — référence / reference ${item.reference}` : ''}`);
    if (item.error) out(`  ${said(item.error).message.fr}\n  ${said(item.error).message.en}`);
    for (const attempt of attempts) {
      const retry = attempt.retryAt ? ` → nouvel essai / retry ${attempt.retryAt.toISOString()}` : '';
      out(
        `  #${attempt.number} ${attempt.startedAt.toISOString()} ${attempt.outcome ?? 'en cours / running'}${attempt.error ? ` ${attempt.error.code}` : ''}${retry}`,
      );
    }
    return;
  }
  const counts = queue.counts();
  const pause = queue.pauseState();
  const shown: readonly QueueState[] = options.all ? QUEUE_STATES : ['to-fix', 'failed-final', 'failed-retryable'];
  const items = queue.list({ states: shown });
  if (options.json) {
    return printJson({
      counts,
      paused: pause.paused,
      ...(pause.reason ? { reason: said(pause.reason) } : {}),
      items: items.map(itemJson),
    });
  }
  out(`Lot / batch: ${countsLine(counts)}`);
  if (pause.paused) {
    out(
      `En pause / paused${pause.reason ? ` : ${said(pause.reason).message.fr} / ${said(pause.reason).message.en}` : ''}`,
    );
  }
  for (const item of items) {
    out(`  ${item.id}  ${item.state.padEnd(16)} ${sourceOf(item)}`);
    if (item.error && item.state !== 'sent') out(`      ${said(item.error).message.fr}`);
  }
}

/** `passerelle batch …`: the hospital batch — import, send under the establishment's certificate, follow, report. */
export function registerBatchCommands(program: Command): void {
  const batch = program
    .command('batch')
    .description('Envoi en lot d’un établissement (certificat ORG) / hospital batch upload');
  const common = (command: Command): Command =>
    command.option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)');

  common(
    batch
      .command('import')
      .argument('<folder|manifest>', 'dossier de lot ou manifeste CSV/JSON / batch folder or CSV/JSON manifest'),
  )
    .description(
      'Vérifie et met en file les documents d’un dossier ou d’un manifeste / check and queue the documents of a folder or manifest',
    )
    .addHelpText(
      'after',
      '\nStatut de sortie / exit status: 1 si des documents sont à corriger et qu’aucun document du lot n’est en file ' +
        '(ni par cet import ni par un précédent), 0 sinon / 1 when items are to fix and none of the batch’s documents ' +
        'is queued (by this import or an earlier one), 0 otherwise.',
    )
    .option('--json', 'sortie JSON / JSON output')
    .action(
      action(async (path: string, options: HomeOptions) =>
        withQueue(options, async (queue, home) => {
          const result = await importPath(queue, path, { maxDocumentBytes: maxDocumentBytes(home) });
          printImport(result, options.json, queue);
          // A script must see that this batch sends nothing: lines to fix, and none of its documents queued
          // (now or by an earlier import). The listing (or the JSON) is the same as on success.
          if (result.toFix.length > 0 && result.queued.length + result.duplicates.length === 0) {
            note(
              'Aucun document n’a été mis en file : corrigez les documents « à corriger » puis importez de nouveau / ' +
                'No document was queued: fix the items to fix, then import again',
            );
            process.exitCode = EXIT.error;
          }
        }),
      ),
    );

  common(batch.command('run'))
    .description(
      'Envoie la file sous le certificat de l’établissement (mode indirect) / send the queue under the establishment certificate',
    )
    .option(
      '--watch [folder]',
      'continue jusqu’à l’arrêt, en important le dossier s’il est donné / keep running, importing the folder if given',
    )
    .option('--concurrency <n>', 'lots envoyés en parallèle (4) / submission sets in flight (4)')
    .option('--pin-stdin', 'lit le PIN sur l’entrée standard / read the PIN from standard input')
    .option('--confirm-last-try', 'accepte de présenter le dernier essai / allow presenting the last try')
    .option('--json', 'sortie JSON / JSON output')
    .action(action(async (options: RunOptions) => runBatch(options)));

  common(
    batch
      .command('status')
      .argument('[id]', 'un document de la file, avec ses tentatives / one item, with its attempts'),
  )
    .description('État du lot, documents à corriger et en échec / batch state, items to fix and failed')
    .option('--all', 'liste tous les documents / list every item')
    .option('--json', 'sortie JSON / JSON output')
    .action(
      action(async (id: string | undefined, options: HomeOptions & { all?: boolean }) =>
        withQueue(options, (queue) => printStatus(queue, options, id)),
      ),
    );

  common(batch.command('report'))
    .description('Écrit le rapport CSV du lot / write the batch CSV report')
    .requiredOption('--out <file.csv>', 'fichier du rapport / report file')
    .option('--lang <fr|en>', 'langue du rapport (fr) / report language', 'fr')
    .action(
      action(async (options: HomeOptions & { out: string; lang: string }) => {
        if (options.lang !== 'fr' && options.lang !== 'en')
          throw new PasserelleError('INVALID_INPUT', { reason: '--lang: fr ou en / fr or en' });
        const language = options.lang;
        await withQueue(options, async (queue) => {
          const file = resolve(options.out);
          const { rows } = await writeCsvReport(queue, file, language);
          out(`Rapport écrit / report written: ${file} (${rows} ligne(s) / row(s))`);
        });
      }),
    );

  common(batch.command('pause'))
    .description('Suspend les envois (tous les processus) / pause sending (every process)')
    .action(
      action(async (options: HomeOptions) =>
        withQueue(options, (queue) => {
          queue.pause();
          out('Lot en pause : les envois en cours se terminent / batch paused: the uploads in flight finish');
        }),
      ),
    );

  common(batch.command('resume'))
    .description('Reprend les envois / resume sending')
    .action(
      action(async (options: HomeOptions) =>
        withQueue(options, (queue) => {
          queue.resume();
          out('Lot repris / batch resumed');
        }),
      ),
    );

  common(
    batch
      .command('retry')
      .argument(
        '[ids...]',
        'documents à renvoyer (tous les échecs sinon) / items to retry (every failed one otherwise)',
      ),
  )
    .description(
      'Remet en file les documents en échec, avec le même identifiant / requeue failed items under the same document id',
    )
    .option('--json', 'sortie JSON / JSON output')
    .action(
      action(async (ids: string[], options: HomeOptions) =>
        withQueue(options, (queue) => {
          const requeued = queue.retryFailed(ids.length > 0 ? ids : undefined);
          if (options.json) return printJson({ requeued, counts: queue.counts() });
          out(`${requeued} document(s) remis en file / requeued`);
        }),
      ),
    );

  common(batch.command('cancel').argument('<ids...>', 'documents à retirer de la file / items to withdraw'))
    .description('Retire de la file des documents pas encore envoyés / withdraw items not yet sent')
    .option('--json', 'sortie JSON / JSON output')
    .action(
      action(async (ids: string[], options: HomeOptions) =>
        withQueue(options, (queue) => {
          const refused: { id: string; error: PasserelleError }[] = [];
          for (const id of ids) {
            try {
              queue.cancel(id);
            } catch (error) {
              if (!(error instanceof PasserelleError)) throw error;
              refused.push({ id, error });
            }
          }
          if (options.json)
            printJson({
              cancelled: ids.filter((id) => !refused.some((r) => r.id === id)),
              refused: refused.map(({ id, error }) => ({ id, error: error.toJSON() })),
            });
          else out(`${ids.length - refused.length} document(s) retiré(s) / cancelled`);
          // Each refusal said on standard error; any of them makes the command a failure (exit 1).
          for (const { id, error } of refused)
            note(`Erreur (${id}) : ${error.messageIn('fr')}\nError (${id}): ${error.messageIn('en')}`);
          if (refused.length > 0) process.exitCode = EXIT.error;
        }),
      ),
    );
}
