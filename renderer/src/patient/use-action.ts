import { useCallback, useState } from 'react';

import { usePatientWorkspace } from './patient-context.js';

/**
 * Runs one of the workspace's calls at a time: `busy` disables its buttons meanwhile, and a failure goes to
 * the frame's error notice.
 */
export function useAction(): { busy: boolean; run: (action: () => Promise<void>) => void } {
  const { onError } = usePatientWorkspace();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    (action: () => Promise<void>) => {
      setBusy(true);
      action()
        .catch(onError)
        .finally(() => setBusy(false));
    },
    [onError],
  );
  return { busy, run };
}
