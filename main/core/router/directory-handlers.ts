import { PasserelleError } from '../../../api/errors/index.js';
import type { DirectoryDesk } from './directory-port.js';
import type { HandlerGroup } from './handlers.js';

/** `directory.search` over the directory desk; without one (no card layer), it answers CARDS_UNAVAILABLE. */
export function directoryHandlers(desk: DirectoryDesk | undefined): HandlerGroup<'directory.search'> {
  return {
    'directory.search': async ({ name }) => {
      if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
      return { professionals: await desk.search(name) };
    },
  };
}
