import { CalendarDateTime } from '@internationalized/date';
import { describe, expect, it } from 'vitest';

import { dateTimeIn, instantOf, localTimeIn } from './agenda-times.js';

describe('the agenda’s times', () => {
  it('proposes a start a week later at nine sharp, across a month’s end', () => {
    const proposed = localTimeIn(7, 9, new Date(2026, 11, 28, 15, 42));
    expect(proposed.toString()).toBe('2027-01-04T09:00:00');
  });

  it('sends the instant a local time stands for in the workstation’s time zone', () => {
    expect(instantOf(new CalendarDateTime(2026, 12, 12, 9, 0), 'Europe/Paris')).toBe('2026-12-12T08:00:00.000Z');
    expect(instantOf(new CalendarDateTime(2026, 7, 12, 9, 0), 'Europe/Paris')).toBe('2026-07-12T07:00:00.000Z');
  });

  it('writes a time as the window’s language does, not as the system’s', () => {
    const iso = new Date(2026, 11, 12, 14, 30).toISOString();
    expect(dateTimeIn(iso, 'fr-FR')).toBe('12/12/2026 14:30');
    expect(dateTimeIn(iso, 'en-US')).toMatch(/^12\/12\/26, 2:30\sPM$/);
  });
});
