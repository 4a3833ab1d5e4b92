import { PasserelleError } from '../../../api/errors/index.js';
import type { BatchDesk } from './batch-port.js';
import type { EventHub } from './event-hub.js';
import type { HandlerGroup } from './handlers.js';
import type { StagedFiles } from './staged-files.js';

type BatchMethod =
  | 'batch.status'
  | 'batch.item'
  | 'batch.import'
  | 'batch.start'
  | 'batch.run'
  | 'batch.pause'
  | 'batch.resume'
  | 'batch.retry'
  | 'batch.cancel'
  | 'batch.report';

/**
 * `batch.*` over the batch desk; without one (a host without the card layer, which the ORG token needs), each
 * answers CARDS_UNAVAILABLE; the desk itself says when the establishment's settings are missing. Staged files
 * are taken here, so that the desk only sees paths or bytes.
 */
export function batchHandlers(desk: BatchDesk | undefined, staged: StagedFiles): HandlerGroup<BatchMethod> {
  const batch = (): BatchDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  return {
    'batch.status': (request) => Promise.resolve(batch().status(request)),
    'batch.item': ({ id }) => Promise.resolve(batch().item(id)),
    'batch.import': ({ source }) => {
      const current = batch();
      if (source.kind === 'path') return current.import(source);
      return current.import({ kind: 'files', files: source.fileIds.map((fileId) => staged.take(fileId)) });
    },
    'batch.start': async (request) => {
      await batch().start(request);
      return { running: true as const };
    },
    'batch.run': (request, { signal }) => batch().run(request, signal),
    'batch.pause': () => {
      batch().pause();
      return Promise.resolve({ paused: true as const });
    },
    'batch.resume': () => {
      batch().resume();
      return Promise.resolve({ paused: false as const });
    },
    'batch.retry': ({ ids }) => Promise.resolve({ requeued: batch().retry(ids) }),
    'batch.cancel': ({ ids }) => Promise.resolve(batch().cancel(ids)),
    'batch.report': ({ language }) => batch().report(language),
  };
}

/** Publishes the desk's events (progress, pauses, outages, imports) on the core's stream; returns the unsubscription. */
export function publishBatchEvents(desk: BatchDesk | undefined, events: EventHub): () => void {
  return desk?.follow((event) => events.publish(event)) ?? (() => undefined);
}
