import { useCallback, useEffect, useState } from 'react';

import type { ResponseOf } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import { followEvents } from '../event-stream.js';

export type BatchStatus = ResponseOf<'batch.status'>;

/** While the worker sends, the screen reads the queue again at this pace should the event stream be lost. */
const POLL_MS = 3_000;
const REFRESH_MS = 500;
/** Items shown at a time: a day's discharge summaries can run into thousands. */
export const PAGE = 200;

export interface BatchStatusState {
  /** Undefined until first read. */
  readonly status: BatchStatus | undefined;
  /** Reads the queue again, at the page shown. */
  readonly refresh: () => void;
  /** The first item of the page shown. */
  readonly offset: number;
  readonly setOffset: (offset: number) => void;
}

/** The queue as the core tells it, one page at a time, kept current by its progress events. */
export function useBatchStatus(onError: (error: unknown) => void): BatchStatusState {
  const [status, setStatus] = useState<BatchStatus>();
  const [offset, setOffset] = useState(0);

  const refresh = useCallback(() => {
    call('batch.status', { offset, limit: PAGE, withNames: true }).then(setStatus, onError);
  }, [onError, offset]);

  useEffect(() => {
    refresh();
    // A batch of hundreds moves by the document: the list is read again at most once per REFRESH_MS.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      pending ??= setTimeout(() => {
        pending = undefined;
        refresh();
      }, REFRESH_MS);
    };
    const stop = followEvents({
      onEvent: (event) => {
        if (event.type === 'queue.progress') soon();
      },
      onOpen: refresh,
      onLost: () => undefined,
    });
    return () => {
      stop();
      clearTimeout(pending);
    };
  }, [refresh]);

  const running = status?.running ?? false;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  return { status, refresh, offset, setOffset };
}
