import type { PasserelleEvent, SequencedEvent } from '../../../api/contract/index.js';

/** Events after a cursor, and the cursor to ask with next time. */
export interface EventBatch {
  readonly events: SequencedEvent[];
  readonly cursor: number;
}

/**
 * The core's event stream: domains publish, transports subscribe (SSE) or poll. The last events are kept so
 * that a client that reconnects gets what it missed; one that was away longer gets the oldest kept and
 * should reload its state.
 */
export interface EventHub {
  publish(event: PasserelleEvent): SequencedEvent;
  since(after: number): EventBatch;
  subscribe(listener: (event: SequencedEvent) => void): () => void;
  /** Resolves with the events after `after` as soon as there is one, or empty after `waitMs`. */
  waitAfter(after: number, waitMs: number, signal?: AbortSignal): Promise<EventBatch>;
}

export function createEventHub(capacity = 256): EventHub {
  const kept: SequencedEvent[] = [];
  const listeners = new Set<(event: SequencedEvent) => void>();
  let last = 0;

  const since = (after: number): EventBatch => ({ events: kept.filter((e) => e.seq > after), cursor: last });

  const subscribe = (listener: (event: SequencedEvent) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return {
    publish(event) {
      last += 1;
      const sequenced = { seq: last, event };
      kept.push(sequenced);
      if (kept.length > capacity) kept.shift();
      // A failing subscriber (a closed stream) must not stop the others from hearing the news.
      for (const listener of [...listeners]) {
        try {
          listener(sequenced);
        } catch {
          listeners.delete(listener);
        }
      }
      return sequenced;
    },
    since,
    subscribe,
    waitAfter(after, waitMs, signal) {
      const ready = since(after);
      if (ready.events.length > 0 || waitMs === 0 || signal?.aborted) return Promise.resolve(ready);
      return new Promise((resolve) => {
        const finish = (): void => {
          clearTimeout(timer);
          unsubscribe();
          signal?.removeEventListener('abort', finish);
          resolve(since(after));
        };
        const timer = setTimeout(finish, waitMs);
        const unsubscribe = subscribe(finish);
        signal?.addEventListener('abort', finish, { once: true });
      });
    },
  };
}
