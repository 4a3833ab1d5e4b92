import { useCallback, useState } from 'react';

import type { CardsStatus } from '../../../api/contract/index.js';
import { ApiError, call } from '../api-client.js';

export interface CardsState {
  /** Undefined until read, and while the card layer is unavailable. */
  readonly status: CardsStatus | undefined;
  /** This launch cannot read cards (no PKCS#11 module): the panel says so instead of failing. */
  readonly unavailable: boolean;
  /** Reads the readers, the PIN state and the professional session again. */
  readonly refresh: () => Promise<void>;
}

/** The readers and their cards, as the core last told them. */
export function useCards(onError: (error: unknown) => void): CardsState {
  const [status, setStatus] = useState<CardsStatus>();
  const [unavailable, setUnavailable] = useState(false);
  const refresh = useCallback(async () => {
    try {
      setStatus(await call('cards.status', {}));
      setUnavailable(false);
    } catch (failure) {
      if (failure instanceof ApiError && failure.body.code === 'CARDS_UNAVAILABLE') setUnavailable(true);
      else onError(failure);
    }
  }, [onError]);
  return { status, unavailable, refresh };
}
