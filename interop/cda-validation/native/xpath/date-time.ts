import { DateTime } from './values.js';

const DATE_TIME = /^(-?)(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * An `xs:dateTime` read from its lexical form (XML Schema 1.1: year 0 allowed, 24:00:00 the next day's start),
 * or undefined when the text is not one. A value without timezone is placed in UTC.
 */
export function parseDateTime(text: string): DateTime | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  const [, sign, y, mo, d, h, mi, s, fraction, zone] = m as unknown as string[];
  if (y!.length > 4 && y!.startsWith('0')) return undefined;
  const year = Number(sign === '-' ? `-${y}` : y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute > 0 || second > 0 || /[1-9]/.test(fraction ?? '')))) return undefined;
  let offset = 0;
  if (zone !== undefined && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zm > 59 || zh > 14 || (zh === 14 && zm > 0)) return undefined;
    offset = (zone.startsWith('-') ? -1 : 1) * (zh * 60 + zm);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const instant = date.getTime() + Number(`0${fraction ?? ''}`) * 1000 - offset * 60_000;
  return new DateTime(text.trim(), instant);
}
