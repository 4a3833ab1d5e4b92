import type { PasserelleEvent } from '../../../api/contract/index.js';
import { format } from '../../../api/i18n/index.js';
import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';
import './settings.css';

/** A reading of this computer's clock against the platform's, as the core pushed it. */
export type ClockReading = Extract<PasserelleEvent, { type: 'platform.clock' }>;

/** The banner shown while the last reading is beyond the platform's tolerance. */
export function ClockBanner({ reading }: { readonly reading: ClockReading | undefined }): React.JSX.Element | null {
  const t = useCatalogue(messages);
  if (!reading?.beyondTolerance) return null;
  return (
    <section className="clock-banner" role="alert">
      {format(t.clock, {
        minutes: Math.round(Math.abs(reading.skewSeconds) / 60),
        tolerance: Math.round(reading.toleranceSeconds / 60),
      })}
    </section>
  );
}
