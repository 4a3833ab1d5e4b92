import { z } from 'zod';

import CALENDAR_2025 from './prevention-calendar-2025.json' with { type: 'json' };

const Bilingual = z.object({ fr: z.string().min(1), en: z.string().min(1) });
const Age = z.number().int().min(0).max(130);

/** When a rule asks for something: at given ages, every few years within an age band, or once from an age. */
const ScheduleSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('milestones'),
    ages: z.array(Age).min(1),
    /** After the last milestone age, again every so many years. */
    thenEveryYears: z.number().int().positive(),
    /** A dose given this many months before a milestone counts for it. */
    earlyMonths: z.number().int().min(0),
  }),
  z.object({
    type: z.literal('periodic'),
    fromAge: Age,
    /** The last age (inclusive) the rule applies at; none for life. */
    toAge: Age.optional(),
    everyYears: z.number().int().positive(),
  }),
  z.object({ type: z.literal('once'), fromAge: Age, toAge: Age.optional() }),
]);

const RuleSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['vaccine', 'screening']),
  label: Bilingual,
  sex: z.enum(['any', 'F', 'M']),
  schedule: ScheduleSchema,
  /**
   * The documents of the record that prove it: a document of one of these types (LOINC) whose title names one
   * of these words (case and accents aside, whole words).
   */
  evidence: z.object({ typeCodes: z.array(z.string().min(1)).min(1), keywords: z.array(z.string().min(1)).min(1) }),
});
export type PreventionRule = z.infer<typeof RuleSchema>;

/** The prevention calendar: one data file a year, with its public sources and date. */
export const CalendarSchema = z.object({
  name: z.string().min(1),
  date: z.iso.date(),
  sources: z.array(z.string().min(1)).min(1),
  /** Months after its due date during which an item is `due`, then `overdue`. */
  graceMonths: z.number().int().min(0),
  vsm: z.object({ label: Bilingual, everyMonths: z.number().int().positive() }),
  rules: z.array(RuleSchema).min(1),
});
export type PreventionCalendar = z.infer<typeof CalendarSchema>;

/** The calendar in force, checked as it loads: a malformed data file stops the reminders, never misleads them. */
export const PREVENTION_CALENDAR: PreventionCalendar = CalendarSchema.parse(CALENDAR_2025);

/** A document of the record, as evidence: its type, title and the day it was done (`YYYY-MM-DD`). */
export interface EvidenceDocument {
  readonly uniqueId: string;
  readonly typeCode: string;
  readonly title: string;
  readonly day: string;
}

export interface ReminderPerson {
  /** `YYYY-MM-DD` (a "lunar" day or month 00 counts as the first). */
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
}

export type ReminderStatus = 'done' | 'due' | 'overdue';

export interface ReminderItem {
  readonly kind: 'vaccine' | 'screening';
  readonly id: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly status: ReminderStatus;
  /** When it is (or was) due: the next time once done; null when nothing is due again. */
  readonly dueDate: string | null;
  readonly evidence?: EvidenceDocument;
}

/** A day `YYYY-MM-DD` moved by whole months (the end of a shorter month when the day does not exist). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

function birthDay(person: ReminderPerson): string {
  const [y, m, d] = person.birthDate.split('-');
  return `${y}-${m === '00' ? '01' : m}-${d === '00' ? '01' : d}`;
}

/** Full years at `today`. */
export function ageAt(person: ReminderPerson, today: string): number {
  const birth = birthDay(person);
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) >= birth.slice(5) ? years : years - 1;
}

const normalized = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The documents that prove a rule, newest first. */
function evidenceOf(rule: PreventionRule, documents: readonly EvidenceDocument[]): EvidenceDocument[] {
  const words = rule.evidence.keywords.map(
    (k) => new RegExp(`(^|[^\\p{L}\\p{N}])${escaped(normalized(k))}($|[^\\p{L}\\p{N}])`, 'u'),
  );
  return documents
    .filter((d) => rule.evidence.typeCodes.includes(d.typeCode) && words.some((w) => w.test(normalized(d.title))))
    .sort((a, b) => b.day.localeCompare(a.day));
}

/** Which rule applies at this age, and from which day its current period started. */
function periodStart(rule: PreventionRule, person: ReminderPerson, today: string): string | undefined {
  const age = ageAt(person, today);
  const birth = birthDay(person);
  const at = (years: number): string => addMonths(birth, 12 * years);
  const { schedule } = rule;
  switch (schedule.type) {
    case 'milestones': {
      const last = schedule.ages.at(-1)!;
      const reached = schedule.ages.filter((a) => a <= age);
      if (reached.length === 0) return undefined;
      const milestone =
        age < last
          ? reached.at(-1)!
          : last + Math.floor((age - last) / schedule.thenEveryYears) * schedule.thenEveryYears;
      return at(milestone);
    }
    case 'periodic':
    case 'once':
      if (age < schedule.fromAge || (schedule.toAge !== undefined && age > schedule.toAge)) return undefined;
      return at(schedule.fromAge);
  }
}

/** The next milestone after the one that started on `start`, for a dose given then. */
function nextMilestone(
  rule: PreventionRule & { schedule: { type: 'milestones' } },
  person: ReminderPerson,
  start: string,
): string {
  const age = ageAt(person, start);
  const { ages, thenEveryYears } = rule.schedule;
  const next = ages.find((a) => a > age) ?? Math.max(age, ages.at(-1)!) + thenEveryYears;
  return addMonths(birthDay(person), 12 * next);
}

function statusOf(dueDate: string, today: string, graceMonths: number): ReminderStatus {
  return addMonths(dueDate, graceMonths) < today ? 'overdue' : 'due';
}

/** One rule for one person today: absent when it does not apply (sex, age), else done, due or overdue. */
function evaluate(
  rule: PreventionRule,
  person: ReminderPerson,
  documents: readonly EvidenceDocument[],
  today: string,
  graceMonths: number,
): ReminderItem | undefined {
  if (rule.sex !== 'any' && rule.sex !== person.sex) return undefined;
  const start = periodStart(rule, person, today);
  if (start === undefined) return undefined;
  const base = { kind: rule.kind, id: rule.id, label: rule.label };
  const found = evidenceOf(rule, documents);
  const { schedule } = rule;
  switch (schedule.type) {
    case 'milestones': {
      const proof = found.find((d) => d.day >= addMonths(start, -schedule.earlyMonths));
      if (proof)
        return {
          ...base,
          status: 'done',
          dueDate: nextMilestone({ ...rule, schedule }, person, start),
          evidence: proof,
        };
      return { ...base, status: statusOf(start, today, graceMonths), dueDate: start };
    }
    case 'periodic': {
      const latest = found[0];
      const next = latest ? addMonths(latest.day, 12 * schedule.everyYears) : undefined;
      if (latest && next && next > today) return { ...base, status: 'done', dueDate: next, evidence: latest };
      const dueDate = next !== undefined && next > start ? next : start;
      return { ...base, status: statusOf(dueDate, today, graceMonths), dueDate };
    }
    case 'once': {
      const proof = found[0];
      if (proof) return { ...base, status: 'done', dueDate: null, evidence: proof };
      return { ...base, status: statusOf(start, today, graceMonths), dueDate: start };
    }
  }
}

/**
 * The vaccines and screenings the calendar recommends to this person today, each done (with the document that
 * proves it), due or overdue; the rules that do not apply to her (sex, age) are left out.
 */
export function preventionReminders(
  calendar: PreventionCalendar,
  person: ReminderPerson,
  documents: readonly EvidenceDocument[],
  today: string,
): ReminderItem[] {
  return calendar.rules.flatMap((rule) => evaluate(rule, person, documents, today, calendar.graceMonths) ?? []);
}
