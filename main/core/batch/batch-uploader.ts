import { join } from 'node:path';

import type { PlatformCardSession } from '../cards/card-tls-relay.js';
import { establishmentCredentials } from '../cards/establishment-credentials.js';
import { openPlatformSession, type DmpSessionHandle } from '../cards/open-dmp-session.js';
import { readSettings } from '../config/settings.js';
import { configuredCdaRules, createDocumentChecker } from '../feed/document-check.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../feed/source-file.js';
import { DurableQueue } from '../queue/durable-queue.js';
import { QueueWorker } from '../queue/queue-worker.js';
import { KeyFileSource } from '../storage/local-key.js';
import {
  checkEstablishmentToken,
  ESTABLISHMENT_FILE,
  secretaryOf,
  type EstablishmentSettings,
} from './establishment-settings.js';
import { FeedBatchSender } from './feed-batch-sender.js';

/** Where a home folder keeps its upload queue (one file that every process of the user shares). */
export function queuePath(home: string): string {
  return join(home, 'queue', 'queue.sqlite');
}

/** Opens the home folder's queue, sealed with the user's data key (the key file in service and command-line modes). */
export function openHomeQueue(home: string): DurableQueue {
  return DurableQueue.open({ path: queuePath(home), keys: new KeyFileSource(home) });
}

export interface BatchUploader {
  readonly sender: FeedBatchSender;
  readonly handle: DmpSessionHandle;
  close(): void;
}

/**
 * The upload side of a batch, wired: the establishment's ORG token (logged in by the caller) checked against
 * the settings' FINESS before anything is sent, indirect-mode credentials with the secretary as the local
 * user, a platform session, the document rules of this installation, and the sender the queue's worker drives.
 */
export async function openBatchUploader(
  home: string,
  org: PlatformCardSession,
  settings: EstablishmentSettings,
  version: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<BatchUploader> {
  const organisation = org.identity.organisation;
  // A token that is not an establishment's is refused by establishmentCredentials, with its own words.
  if (organisation) checkEstablishmentToken(settings, org.label, organisation, join(home, ESTABLISHMENT_FILE));
  // Should the batch ever ask INSi, it asks as a program: INSI-AUTO.
  const credentials = establishmentCredentials(org, secretaryOf(settings));
  const checker = await createDocumentChecker(configuredCdaRules(home, env));
  const handle = openPlatformSession(home, credentials, version, env);
  const sender = new FeedBatchSender({
    session: handle.session,
    settings,
    checker,
    maxDocumentBytes: readSettings(home).maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
  });
  return { sender, handle, close: () => handle.close() };
}

/** The batch's bounded concurrency by default: submission sets in flight at once. */
export const DEFAULT_BATCH_CONCURRENCY = 4;

/**
 * The worker that sends a batch, the same for the command and the service. A group is budgeted on its sources'
 * bytes; a PDF's CDA is a third larger (base64) and the platform takes 64 MB a request: 32 MB of sources keeps
 * a stay's set well under it.
 */
export function batchWorker(
  queue: DurableQueue,
  uploader: BatchUploader,
  concurrency = DEFAULT_BATCH_CONCURRENCY,
): QueueWorker {
  return new QueueWorker(queue, uploader.sender, { concurrency, maxGroupBytes: 32 * 1024 * 1024 });
}
