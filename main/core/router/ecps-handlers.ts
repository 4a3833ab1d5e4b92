import type { EcpsSession } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { EcpsDesk, EcpsSessionView } from '../ecps/ecps-desk.js';
import type { HandlerGroup } from './handlers.js';

type EcpsMethod = 'ecps.start' | 'ecps.wait' | 'ecps.cancel' | 'ecps.resume' | 'ecps.status' | 'ecps.logout';

/** The contract's view of a session. */
function sessionOf(view: EcpsSessionView): EcpsSession {
  const { identity } = view;
  return {
    identity: {
      nationalId: identity.nationalId,
      firstName: identity.firstName,
      lastName: identity.lastName,
      ...(identity.profession ? { profession: identity.profession } : {}),
      medicalRegulation: identity.structure.medicalRegulation ?? false,
    },
    activity: view.activity,
    situations: view.situations.map((situation) => ({ ...situation })),
    until: view.until.toISOString(),
  };
}

/** `ecps.*` over the e-CPS desk; without one (a host with no home), each answers CARDS_UNAVAILABLE. */
export function ecpsHandlers(desk: EcpsDesk | undefined): HandlerGroup<EcpsMethod> {
  const ecps = (): EcpsDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  return {
    'ecps.start': async ({ nationalId, activity }) => {
      const started = await ecps().start(nationalId, activity);
      return { ...started, expiresAt: started.expiresAt.toISOString() };
    },
    'ecps.wait': async ({ requestId }, { signal }) => sessionOf(await ecps().wait(requestId, signal)),
    'ecps.cancel': ({ requestId }) => {
      ecps().cancel(requestId);
      return Promise.resolve({});
    },
    'ecps.resume': async () => sessionOf(await ecps().resume()),
    'ecps.status': () => {
      const view = ecps().status();
      return Promise.resolve({ session: view ? sessionOf(view) : null });
    },
    'ecps.logout': async () => {
      await ecps().logout();
      return {};
    },
  };
}
