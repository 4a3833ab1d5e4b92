import { useEffect, useRef } from 'react';

/** The call made for one key: the key it was made for and its answer, shared by whoever asks for that key again. */
export interface AskedCall<T> {
  readonly key: string;
  readonly answer: Promise<T>;
}

/**
 * The call for `key`: the one already made when it was made for that same key, else a new one (`ask`). A call the
 * platform records (a search is a visit written in the patient's access history) is made once per key, however many
 * times an effect runs for it.
 */
export function askOncePerKey<T>(asked: AskedCall<T> | undefined, key: string, ask: () => Promise<T>): AskedCall<T> {
  if (asked?.key === key) return asked;
  const answer = ask();
  // Whoever listens handles the failure; one nobody listens to any more must not surface as unhandled.
  answer.catch(() => undefined);
  return { key, answer };
}

/** What a component does with the answer to its call, while it still shows the key the call was made for. */
export interface CallHandlers<T> {
  readonly onAnswer: (answer: T) => void;
  readonly onFailure: (failure: unknown) => void;
}

/**
 * Makes `ask` once per `key` (none while `key` is undefined) for the life of the component, and hands its outcome
 * to `handlers` while the component still shows that key. React runs a mounting effect twice in its strict mode:
 * an effect that aborted and asked again would have the core make the call twice, the first one unseen.
 */
export function useCallOncePerKey<T>(key: string | undefined, ask: () => Promise<T>, handlers: CallHandlers<T>): void {
  const asked = useRef<AskedCall<T>>(undefined);
  // The latest of both, without making the effect run again when the component passes new functions.
  const latest = useRef({ ask, handlers });
  latest.current = { ask, handlers };
  useEffect(() => {
    if (key === undefined) {
      // Nothing shown: the next key, even the same as before, is asked again.
      asked.current = undefined;
      return undefined;
    }
    asked.current = askOncePerKey(asked.current, key, () => latest.current.ask());
    let shown = true;
    asked.current.answer.then(
      (answer) => {
        if (shown) latest.current.handlers.onAnswer(answer);
      },
      (failure: unknown) => {
        if (shown) latest.current.handlers.onFailure(failure);
      },
    );
    return () => {
      shown = false;
    };
  }, [key]);
}
