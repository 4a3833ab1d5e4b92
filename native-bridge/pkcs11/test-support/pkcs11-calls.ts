import { Pkcs11Module } from '../module.js';
import type { PKCS11 } from '../pkcs11js.js';

type Pkcs11Function = (...args: unknown[]) => unknown;

/**
 * Counts the PKCS#11 calls made through one pkcs11js instance while started: on a card, each is an exchange
 * with the reader. pkcs11js puts its C_ functions on each instance, so they are swapped there and put back by
 * `stop()`: whatever runs between a stop and the next start (a timed loop) runs unwrapped.
 */
export class Pkcs11CallCounter {
  /** Calls by function name since the last start. */
  readonly calls = new Map<string, number>();
  /** Session handles returned by C_OpenSession while counting. */
  readonly sessions: Buffer[] = [];
  private readonly originals = new Map<string, Pkcs11Function>();

  constructor(private readonly api: PKCS11) {}

  start(): void {
    this.calls.clear();
    const target = this.api as unknown as Record<string, unknown>;
    for (const name of Object.keys(target)) {
      const original = target[name];
      if (!name.startsWith('C_') || typeof original !== 'function') continue;
      const call = original as Pkcs11Function;
      this.originals.set(name, call);
      target[name] = (...args: unknown[]): unknown => {
        this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
        const result = call.apply(this.api, args);
        if (name === 'C_OpenSession') this.sessions.push(result as Buffer);
        return result;
      };
    }
  }

  /** Puts the functions back; the number of calls counted since the start. */
  stop(): number {
    const target = this.api as unknown as Record<string, unknown>;
    for (const [name, call] of this.originals) target[name] = call;
    this.originals.clear();
    return this.total();
  }

  total(): number {
    return [...this.calls.values()].reduce((sum, n) => sum + n, 0);
  }

  /** The calls by function, as a plain object (for comparisons). */
  byFunction(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }

  breakdown(): string {
    return [...this.calls].map(([name, n]) => `${name} ${n}`).join(', ');
  }
}

/**
 * What `open` opens, with the pkcs11js instance of the PKCS#11 module it loaded: a card service keeps its module
 * private, so `Pkcs11Module.open` is watched while `open` runs.
 */
export function withPkcs11Api<T>(open: () => T): { opened: T; api: PKCS11 } {
  const original = Pkcs11Module.open.bind(Pkcs11Module);
  let api: PKCS11 | undefined;
  Pkcs11Module.open = (path) => {
    const module = original(path);
    api = module.api;
    return module;
  };
  try {
    const opened = open();
    if (!api) throw new Error('no PKCS#11 module was opened');
    return { opened, api };
  } finally {
    Pkcs11Module.open = original;
  }
}
