import { z } from 'zod';

import { PIN_TRIES, pinStatusOf, type PinPolicy } from '../pkcs11/pin-policy.js';
import { readJsonState, writeAtomic, type EmulatorPaths } from './emulator-home.js';

const CountersSchema = z.record(z.string(), z.number().int().min(0));

/**
 * The emulated cards' PIN counters: SoftHSM2 never locks a token, a CPS locks after three wrong PINs. The
 * counters live in a file of the home folder, so a lock survives a restart like a real card's.
 */
export class EmulatedPinCounter implements PinPolicy {
  constructor(private readonly paths: EmulatorPaths) {}

  private read(): Record<string, number> {
    return readJsonState(this.paths.pins, CountersSchema, {});
  }

  private write(label: string, failures: number): void {
    const counters = this.read();
    if (failures === 0) delete counters[label];
    else counters[label] = failures;
    writeAtomic(this.paths.pins, JSON.stringify(counters));
  }

  status(label: string) {
    return pinStatusOf(PIN_TRIES - (this.read()[label] ?? 0));
  }

  failed(label: string) {
    const failures = Math.min(PIN_TRIES, (this.read()[label] ?? 0) + 1);
    this.write(label, failures);
    return pinStatusOf(PIN_TRIES - failures);
  }

  succeeded(label: string): void {
    if ((this.read()[label] ?? 0) !== 0) this.write(label, 0);
  }

  reset(label: string): void {
    this.write(label, 0);
  }
}
