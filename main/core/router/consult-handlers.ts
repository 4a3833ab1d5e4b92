import { PasserelleError } from '../../../api/errors/index.js';
import type { ConsultDesk } from './consult-port.js';
import type { HandlerGroup } from './handlers.js';

type ConsultMethod =
  | 'document.search'
  | 'document.retrieve'
  | 'document.render'
  | 'document.history'
  | 'document.forget'
  | 'record.profile';

/** The consulting `document.*` methods over the consult desk; without one (no card layer), each answers CARDS_UNAVAILABLE. */
export function consultHandlers(desk: ConsultDesk | undefined): HandlerGroup<ConsultMethod> {
  const consult = (): ConsultDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  return {
    'document.search': (request) => consult().search(request),
    'record.profile': () => consult().profile(),
    'document.retrieve': ({ uniqueId }) => consult().retrieve(uniqueId),
    'document.render': ({ uniqueId }) => consult().render(uniqueId),
    'document.history': ({ uniqueId }) => consult().history(uniqueId),
    'document.forget': async () => {
      await consult().forget();
      return { forgotten: true as const };
    },
  };
}
