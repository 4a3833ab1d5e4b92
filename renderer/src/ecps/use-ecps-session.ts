import { useCallback, useEffect, useState } from 'react';

import type { EcpsSession } from '../../../api/contract/index.js';
import { ApiError, call } from '../api-client.js';

export interface EcpsState {
  /** Who is signed in with e-CPS in the core, if anyone (undefined until read). */
  readonly session: EcpsSession | null | undefined;
  /** The core has no e-CPS desk (a host without cards or home): nothing to offer. */
  readonly unavailable: boolean;
  /** A sign-in just opened this session. */
  readonly signedIn: (session: EcpsSession) => void;
  /** Ends the session: its tokens revoked at Pro Santé Connect. */
  readonly signOut: () => Promise<void>;
  /** Reads who is signed in again. */
  readonly refresh: () => Promise<void>;
}

/**
 * The e-CPS session as the core holds it: read when the window opens and again when the access token the header
 * shows comes to its end (the core refreshes it on the next call; the header then says the new time).
 */
export function useEcpsSession(onError: (error: unknown) => void): EcpsState {
  const [session, setSession] = useState<EcpsSession | null>();
  const [unavailable, setUnavailable] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setSession((await call('ecps.status', {})).session);
    } catch (failure) {
      if (failure instanceof ApiError && failure.body.code === 'CARDS_UNAVAILABLE') setUnavailable(true);
      else onError(failure);
    }
  }, [onError]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const until = session?.until;
  useEffect(() => {
    if (!until) return;
    const timer = setTimeout(() => void refresh(), Math.max(1000, new Date(until).getTime() - Date.now() + 1000));
    return () => clearTimeout(timer);
  }, [until, refresh]);

  const signOut = useCallback(async () => {
    try {
      await call('ecps.logout', {});
    } finally {
      await refresh();
    }
  }, [refresh]);

  return { session, unavailable, signedIn: setSession, signOut, refresh };
}
