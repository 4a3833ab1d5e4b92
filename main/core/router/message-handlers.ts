import { PasserelleError } from '../../../api/errors/index.js';
import type { HandlerGroup } from './handlers.js';
import type { MessagingDesk } from './message-port.js';

type MessageMethod = 'message.send' | 'message.list';

/** The `message.*` methods over the messaging desk; without one (no card layer), each answers CARDS_UNAVAILABLE. */
export function messageHandlers(desk: MessagingDesk | undefined): HandlerGroup<MessageMethod> {
  const messaging = (): MessagingDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  return {
    'message.send': async (request) => ({ message: await messaging().send(request) }),
    'message.list': () => messaging().list(),
  };
}
