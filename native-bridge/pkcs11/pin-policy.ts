import { pkcs11js } from './pkcs11js.js';

/** Where a card's PIN stands. A CPS allows three tries. */
export interface PinStatus {
  readonly triesLeft: number;
  readonly locked: boolean;
  /** The next wrong PIN locks the card: presenting one needs the user's explicit confirmation. */
  readonly lastTry: boolean;
}

export const PIN_TRIES = 3;

/**
 * Who counts the PIN tries. A real card counts them itself and says so in its token flags; SoftHSM2 never
 * locks, so the emulator keeps the counter (see emulator/pin-counter.ts).
 */
export interface PinPolicy {
  status(label: string, tokenFlags: number): PinStatus;
  /** After a wrong PIN: the new status. */
  failed(label: string, tokenFlags: number): PinStatus;
  succeeded(label: string): void;
  /** After a PUK unblock. */
  reset(label: string): void;
}

function status(triesLeft: number): PinStatus {
  return { triesLeft, locked: triesLeft <= 0, lastTry: triesLeft === 1 };
}

/** Tries left as a real card reports them (PKCS#11 token flags: count low, final try, locked). */
export const tokenFlagsPolicy: PinPolicy = {
  status(_label, flags) {
    if (flags & pkcs11js.CKF_USER_PIN_LOCKED) return status(0);
    if (flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) return status(1);
    if (flags & pkcs11js.CKF_USER_PIN_COUNT_LOW) return status(PIN_TRIES - 1);
    return status(PIN_TRIES);
  },
  failed(label, flags) {
    return this.status(label, flags);
  },
  succeeded: () => undefined,
  reset: () => undefined,
};

export function pinStatusOf(triesLeft: number): PinStatus {
  return status(Math.max(0, triesLeft));
}
