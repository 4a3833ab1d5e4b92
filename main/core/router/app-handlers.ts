import type { AppInfo } from '../../../api/contract/index.js';
import type { EventHub } from './event-hub.js';
import type { HandlerGroup } from './handlers.js';

/** `app.*`: facts fixed at launch by the composition root. */
export function appHandlers(info: AppInfo): HandlerGroup<'app.info'> {
  return {
    'app.info': () => Promise.resolve(info),
  };
}

/** `events.*`: the event stream as long polling. */
export function eventHandlers(events: EventHub): HandlerGroup<'events.poll'> {
  return {
    'events.poll': ({ after, waitMs }, { signal }) => events.waitAfter(after, waitMs, signal),
  };
}
