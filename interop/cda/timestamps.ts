import { z } from 'zod';

/**
 * HL7 v3 TS as CDA writes it: `YYYY[MM[DD[hh[mm[ss[.f]]]]]][±zzzz]`. The CDA schema lets the offset have 1
 * to 4 digits, and ANS examples do write `+100`: it is read as `+0100`. XDS wants UTC DTMs, so a TS with an
 * offset is shifted to UTC; one without an offset is taken as UTC, since nothing says otherwise.
 */
export const TsSchema = z
  .string()
  .regex(/^\d{4}(\d{2}(\d{2}(\d{2}(\d{2}(\d{2}(\.\d+)?)?)?)?)?)?([+-]\d{1,4})?$/, 'not an HL7 TS timestamp');
export type Ts = z.infer<typeof TsSchema>;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A Date as a TS to the second, in UTC with an explicit `+0000` offset. */
export function formatTs(date: Date): Ts {
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}+0000`
  );
}

/**
 * A TS as an XDS DTM in UTC. A date without a time of day keeps its precision (shifting `20240305` by an
 * offset would invent an hour); fractions of a second are dropped.
 */
export function tsToUtcDtm(ts: Ts): string {
  const match = /^(\d{4,14})(?:\.\d+)?(?:([+-])(\d{1,4}))?$/.exec(TsSchema.parse(ts));
  const digits = match?.[1] ?? '';
  if (!match?.[2] || !match[3] || digits.length <= 8) return digits;
  const offset = match[3].padStart(4, '0');
  const sign = match[2] === '+' ? 1 : -1;
  const offsetMinutes = sign * (Number(offset.slice(0, 2)) * 60 + Number(offset.slice(2)));
  const part = (from: number): number => (digits.length > from ? Number(digits.slice(from, from + 2)) : 0);
  const local = Date.UTC(Number(digits.slice(0, 4)), part(4) - 1, part(6), part(8), part(10), part(12));
  const utc = new Date(local - offsetMinutes * 60_000);
  const full =
    `${pad(utc.getUTCFullYear(), 4)}${pad(utc.getUTCMonth() + 1)}${pad(utc.getUTCDate())}` +
    `${pad(utc.getUTCHours())}${pad(utc.getUTCMinutes())}${pad(utc.getUTCSeconds())}`;
  return full.slice(0, digits.length);
}
