import { beforeEach, describe, expect, it, vi } from 'vitest';

import { createEventHub } from '../core/router/event-hub.js';
import { notifyCardEvents } from './card-notifications.js';
import { electronMock, resetElectronMock } from './testing/electron-mock.js';

vi.mock('electron', () => import('./testing/electron-mock.js'));

beforeEach(() => resetElectronMock());

describe('notifyCardEvents', () => {
  it('notifies a card inserted or removed while the window is hidden, in the current language', () => {
    const events = createEventHub();
    let language: 'fr' | 'en' = 'fr';
    notifyCardEvents({ events, windowHidden: () => true, language: () => language });
    events.publish({ type: 'card.inserted', reader: 'Lecteur 1', cardKind: 'cps' });
    language = 'en';
    events.publish({ type: 'card.removed', reader: 'Reader 2', cardKind: 'vitale' });
    expect(electronMock.notifications).toEqual([
      { title: 'Carte insérée', body: 'Carte CPS — Lecteur : Lecteur 1' },
      { title: 'Card removed', body: 'Vitale card — Reader: Reader 2' },
    ]);
  });

  it('stays quiet while the window is in sight, for other events, and once unsubscribed', () => {
    const events = createEventHub();
    let hidden = false;
    const stop = notifyCardEvents({ events, windowHidden: () => hidden, language: () => 'fr' });
    events.publish({ type: 'card.inserted', reader: 'r', cardKind: 'cps' });
    hidden = true;
    events.publish({ type: 'session.changed', open: false });
    stop();
    events.publish({ type: 'card.removed', reader: 'r', cardKind: 'cps' });
    expect(electronMock.notifications).toEqual([]);
  });
});
