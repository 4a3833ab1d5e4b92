import { VIHF_CLOCK_TOLERANCE_MS } from '../../../interop/vihf/index.js';

/** How far this computer's clock is from the platform's, against what the platform tolerates. */
export interface ClockReading {
  /** Positive when this computer is ahead of the platform. */
  readonly skewSeconds: number;
  readonly toleranceSeconds: number;
  /** Beyond the tolerance the platform refuses every VIHF this computer signs. */
  readonly beyondTolerance: boolean;
}

/** Compares this computer's time with the platform's (the HTTP Date header of a reply, to the second). */
export function readClock(local: Date, platform: Date): ClockReading {
  const skewSeconds = Math.round((local.getTime() - platform.getTime()) / 1000);
  const toleranceSeconds = VIHF_CLOCK_TOLERANCE_MS / 1000;
  return { skewSeconds, toleranceSeconds, beyondTolerance: Math.abs(skewSeconds) > toleranceSeconds };
}

/**
 * The workstation's clock readings: each platform session reports its first one, and whoever shows the
 * product's warnings (the command line on standard error, the core as an event for the window) listens.
 */
export class ClockWatch {
  private readonly listeners = new Set<(reading: ClockReading) => void>();

  report(reading: ClockReading): void {
    for (const listener of this.listeners) listener(reading);
  }

  /** Listens to the readings to come; returns how to stop. */
  subscribe(listener: (reading: ClockReading) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
