import { CalendarDateTime, toZoned } from '@internationalized/date';

/** The local date and time `days` after `now`, at `hour` o'clock sharp: an appointment's proposed start. */
export function localTimeIn(days: number, hour: number, now: Date): CalendarDateTime {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return new CalendarDateTime(day.getFullYear(), day.getMonth() + 1, day.getDate(), hour, 0);
}

/** The instant (ISO, UTC) a local date and time stands for in `timeZone`: what the agenda is sent. */
export function instantOf(local: CalendarDateTime, timeZone: string): string {
  return toZoned(local, timeZone).toDate().toISOString();
}

/** An instant written as `locale` writes a date and time, in the workstation's time zone. */
export function dateTimeIn(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}
