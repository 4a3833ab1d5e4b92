import type { PasserelleEvent } from '../../api/contract/index.js';
import { EventSchema } from '../../api/contract/index.js';
import { call } from './api-client.js';

export interface EventStreamHandlers {
  onEvent(event: PasserelleEvent): void;
  /** Connected (again): state may have changed while away, reload it. */
  onOpen(): void;
  onLost(): void;
}

const RETRY_MS = 2_000;

function viaServerSentEvents(handlers: EventStreamHandlers): () => void {
  const source = new EventSource('/api/events');
  source.onopen = () => handlers.onOpen();
  source.onerror = () => handlers.onLost();
  source.onmessage = (message: MessageEvent<string>) => {
    const parsed = EventSchema.safeParse(JSON.parse(message.data));
    if (parsed.success) handlers.onEvent(parsed.data);
  };
  return () => source.close();
}

function viaPolling(handlers: EventStreamHandlers): () => void {
  const abort = new AbortController();
  const loop = async (): Promise<void> => {
    let cursor = (await call('events.poll', { after: 0, waitMs: 0 }, abort.signal)).cursor;
    handlers.onOpen();
    while (!abort.signal.aborted) {
      const batch = await call('events.poll', { after: cursor }, abort.signal);
      for (const { event } of batch.events) handlers.onEvent(event);
      cursor = batch.cursor;
    }
  };
  const run = (): void => {
    loop().catch(() => {
      if (abort.signal.aborted) return;
      handlers.onLost();
      setTimeout(run, RETRY_MS);
    });
  };
  run();
  return () => abort.abort();
}

/**
 * Follows the core's events: Server-Sent Events over HTTP (service mode), long polling inside the desktop's
 * `app://` scheme, where streamed responses are not something we can count on. Returns the unsubscribe.
 */
export function followEvents(handlers: EventStreamHandlers): () => void {
  return window.location.protocol === 'app:' ? viaPolling(handlers) : viaServerSentEvents(handlers);
}
