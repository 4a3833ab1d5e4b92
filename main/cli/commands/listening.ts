import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import type { EventHub } from '../../core/router/event-hub.js';
import { say } from '../say.js';
import { HOSTS } from '../texts/host-texts.js';

const PortSchema = z.coerce.number().int().min(0).max(65_535);

/** A `--port` value: 0 to 65535, 0 meaning any free port. */
export function parsePort(value: string): number {
  const parsed = PortSchema.safeParse(value);
  if (!parsed.success) throw new PasserelleError('INVALID_INPUT', { reason: `--port ${value}: 0-65535` });
  return parsed.data;
}

/** Resolves when the user stops a long-running command (Ctrl+C) or the system asks it to end. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * Says in the terminal of a long-running host (the service, the demo) when the professional's session ended
 * because her card was pulled: whoever runs it sees why the window asks for the PIN again. Returns the unsubscribe.
 */
export function sayWhenCardEndsSession(events: EventHub): () => void {
  return events.subscribe(({ event }) => {
    if (event.type === 'session.changed' && event.reason === 'card-removed') say(HOSTS, (t) => t.sessionEnded);
  });
}
