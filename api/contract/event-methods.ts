import { z } from 'zod';

import { SequencedEventSchema } from './events.js';
import { defineMethods } from './method.js';

/** Longest a poll may wait for news; below the idle timeouts of proxies and of Chromium's fetch. */
export const MAX_POLL_WAIT_MS = 25_000;

/**
 * The event stream as long polling, for hosts where Server-Sent Events cannot travel (the desktop's `app://`
 * scheme). `GET /api/events` carries the same events as SSE where it can.
 */
export const eventMethods = defineMethods({
  'events.poll': {
    summary: 'Events after a sequence number, waiting up to waitMs for the first one.',
    request: z.object({
      after: z.number().int().nonnegative(),
      waitMs: z.number().int().nonnegative().max(MAX_POLL_WAIT_MS).default(MAX_POLL_WAIT_MS),
    }),
    response: z.object({
      events: z.array(SequencedEventSchema),
      /** Pass it back as `after`; it is also the answer's last sequence number when events were missed. */
      cursor: z.number().int().nonnegative(),
    }),
  },
});
