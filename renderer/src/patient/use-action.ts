import { useCallback, useState } from 'react';

export interface Action {
  readonly busy: boolean;
  /** The last call's failure, to be shown beside the button that made it; cleared by the next call. */
  readonly error: unknown;
  readonly run: (action: () => Promise<void>) => void;
  readonly dismiss: () => void;
}

/** Runs one of a panel's calls at a time: `busy` disables its buttons meanwhile, and keeps its failure. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback((action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    action()
      .catch(setError)
      .finally(() => setBusy(false));
  }, []);
  const dismiss = useCallback(() => setError(undefined), []);
  return { busy, error, run, dismiss };
}
