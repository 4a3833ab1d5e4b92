import { Notification } from 'electron';

import type { Language } from '../../api/errors/index.js';
import type { EventHub } from '../core/router/event-hub.js';
import { shellLabels } from './labels.js';

export interface CardNotificationOptions {
  readonly events: EventHub;
  /** True when the user cannot see the window (hidden or minimised): only then does a notification help. */
  readonly windowHidden: () => boolean;
  readonly language: () => Language;
}

/**
 * Tells the user, through the system's notifications, that a card went in or out while the window was out
 * of sight: a CPS pulled out closes the session, which they must know before coming back. No name or
 * number is shown, only the kind of card and the reader.
 */
export function notifyCardEvents({ events, windowHidden, language }: CardNotificationOptions): () => void {
  return events.subscribe(({ event }) => {
    if (event.type !== 'card.inserted' && event.type !== 'card.removed') return;
    if (!windowHidden() || !Notification.isSupported()) return;
    const l = shellLabels(language());
    new Notification({
      title: event.type === 'card.inserted' ? l.cardInserted : l.cardRemoved,
      body: `${l.cardKind[event.cardKind]} — ${l.reader.replace('{reader}', event.reader)}`,
      silent: false,
    }).show();
  });
}
