import { PasserelleError } from '../../../api/errors/index.js';
import type { EventHub } from './event-hub.js';
import type { HandlerGroup } from './handlers.js';
import type { RulesDesk } from './rules-port.js';

/**
 * `rules.*`: the official rules' state, and their install with its compilation's progress as events. Without a
 * rules desk (a core built for one domain's tests), each answers CDA_RULES_NOT_CONFIGURED.
 */
export function rulesHandlers(
  desk: RulesDesk | undefined,
  events: EventHub,
): HandlerGroup<'rules.status' | 'rules.install'> {
  const rules = (): RulesDesk => {
    if (!desk) throw new PasserelleError('CDA_RULES_NOT_CONFIGURED');
    return desk;
  };
  return {
    'rules.status': () => Promise.resolve(rules().status()),
    'rules.install': ({ from }) =>
      rules().install(from, (progress) => events.publish({ type: 'rules.progress', ...progress })),
  };
}
