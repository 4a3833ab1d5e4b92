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

/** Within this margin of its end, the core refreshes an access token (see `EcpsDesk`): the window asks then. */
const RENEW_BEFORE_MS = 20_000;

/** The e-CPS session as the core holds it: read when the window opens, kept alive while it shows it. */
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

  // Shortly before the access token ends, the core refreshes it: the header's time stays true while the session
  // lasts, and an ended session (refresh token expired or revoked) says so and leaves the header.
  const until = session?.until;
  useEffect(() => {
    if (!until) return;
    const delay = Math.max(1000, new Date(until).getTime() - Date.now() - RENEW_BEFORE_MS);
    const timer = setTimeout(() => {
      call('ecps.resume', {}).then(setSession, (failure: unknown) => {
        setSession(null);
        onError(failure);
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [until, onError]);

  const signOut = useCallback(async () => {
    try {
      await call('ecps.logout', {});
    } finally {
      await refresh();
    }
  }, [refresh]);

  return { session, unavailable, signedIn: setSession, signOut, refresh };
}
