import { PasserelleError } from '../../../api/errors/index.js';
import type { CardDeck, CardEmulatorControls } from './card-port.js';
import type { HandlerGroup } from './handlers.js';

type CardMethod =
  | 'cards.status'
  | 'cards.list'
  | 'cards.verify'
  | 'cards.catalogue'
  | 'cards.insert'
  | 'cards.remove'
  | 'session.login'
  | 'session.logout';

/** `cards.*` and `session.*` over the card deck; without one, each answers CARDS_UNAVAILABLE. */
export function cardHandlers(deck: CardDeck | undefined, demo: boolean): HandlerGroup<CardMethod> {
  const cards = (): CardDeck => {
    if (!deck) throw new PasserelleError('CARDS_UNAVAILABLE');
    return deck;
  };
  // The virtual readers are a demo affordance: outside demo mode they do not exist, whatever the card layer offers.
  const emulator = (method: string): CardEmulatorControls => {
    const controls = cards().emulator;
    if (!demo || !controls) throw new PasserelleError('DEMO_ONLY', { method });
    return controls;
  };
  return {
    'cards.status': () => cards().status(),
    'cards.list': async () => ({ cards: [...(await cards().list())] }),
    'cards.verify': ({ label, pin, confirmLastTry }) => cards().verify(label, pin, { confirmLastTry }),
    'cards.catalogue': async () => ({ cards: [...(await emulator('cards.catalogue').catalogue())] }),
    'cards.insert': async ({ label }) => {
      await emulator('cards.insert').insert(label);
      return cards().status();
    },
    'cards.remove': async ({ label }) => {
      await emulator('cards.remove').remove(label);
      return cards().status();
    },
    'session.login': async ({ pin, confirmLastTry, label }) => ({
      identity: await cards().login(pin, { confirmLastTry, ...(label === undefined ? {} : { label }) }),
    }),
    'session.logout': async () => {
      await cards().logout();
      return {};
    },
  };
}
