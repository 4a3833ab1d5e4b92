import type { PlatformCardSession } from '../cards/card-tls-relay.js';
import { establishmentCredentials } from '../cards/establishment-credentials.js';
import type { DocumentChecker } from '../feed/document-check.js';
import { DurableQueue } from '../queue/durable-queue.js';
import { QueueWorker } from '../queue/queue-worker.js';
import {
  openPlatformSession,
  type PlatformSessionContext,
  type PlatformSessionHandle,
} from '../session/platform-session.js';
import { KeyFileSource } from '../storage/local-key.js';
import { homePaths } from '../workstation/home-paths.js';
import { checkEstablishmentToken, secretaryOf, type EstablishmentSettings } from './establishment-settings.js';
import { FeedBatchSender } from './feed-batch-sender.js';

/** Where a home folder keeps its upload queue (one file that every process of the user shares). */
export function queuePath(home: string): string {
  return homePaths(home).queue;
}

/** Opens a home folder's queue as another process of its user does, sealed with the key file's data key. */
export function openHomeQueue(home: string): DurableQueue {
  return DurableQueue.open({ path: queuePath(home), keys: new KeyFileSource(home) });
}

/** What the upload side of a batch takes from the workstation. */
export interface BatchUploaderContext extends PlatformSessionContext {
  readonly paths: { readonly establishment: string };
  readonly maxDocumentBytes: number;
  documentChecker(): Promise<DocumentChecker>;
}

export interface BatchUploader {
  readonly sender: FeedBatchSender;
  readonly handle: PlatformSessionHandle;
  close(): void;
}

/**
 * The upload side of a batch, wired: the establishment's ORG token (logged in by the caller) checked against
 * the settings' FINESS before anything is sent, indirect-mode credentials with the secretary as the local
 * user, a platform session, the document rules of this installation, and the sender the queue's worker drives.
 */
export async function openBatchUploader(
  context: BatchUploaderContext,
  org: PlatformCardSession,
  settings: EstablishmentSettings,
): Promise<BatchUploader> {
  const organisation = org.identity.organisation;
  // A token that is not an establishment's is refused by establishmentCredentials, with its own words.
  if (organisation) checkEstablishmentToken(settings, org.label, organisation, context.paths.establishment);
  // Should the batch ever ask INSi, it asks as a program: INSI-AUTO.
  const credentials = establishmentCredentials(org, secretaryOf(settings));
  const checker = await context.documentChecker();
  const handle = openPlatformSession(context, credentials);
  const sender = new FeedBatchSender({
    session: handle.session,
    settings,
    checker,
    maxDocumentBytes: context.maxDocumentBytes,
  });
  return { sender, handle, close: () => handle.close() };
}

/** The batch's bounded concurrency by default: submission sets in flight at once. */
export const DEFAULT_BATCH_CONCURRENCY = 4;

/**
 * The worker that sends a batch, the same for every host. A group is budgeted on its sources' bytes; a PDF's
 * CDA is a third larger (base64) and the platform takes 64 MB a request: 32 MB of sources keeps a stay's set
 * well under it.
 */
export function batchWorker(
  queue: DurableQueue,
  uploader: BatchUploader,
  concurrency = DEFAULT_BATCH_CONCURRENCY,
  clock?: () => Date,
): QueueWorker {
  return new QueueWorker(queue, uploader.sender, { concurrency, maxGroupBytes: 32 * 1024 * 1024 }, clock);
}
