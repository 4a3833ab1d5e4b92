import type { ClockReading } from '../core/platform/clock-watch.js';
import { warn } from './say.js';
import { SETTINGS } from './texts/settings-texts.js';

/** Warns on standard error, in French then English, when this computer's clock is beyond the platform's tolerance. */
export function warnOfClockSkew(reading: ClockReading): void {
  if (!reading.beyondTolerance) return;
  const values = {
    minutes: Math.round(Math.abs(reading.skewSeconds) / 60),
    tolerance: Math.round(reading.toleranceSeconds / 60),
  };
  warn(SETTINGS, (t) => (reading.skewSeconds > 0 ? t.clockAhead : t.clockBehind), values);
}
