import { describe, expect, it } from 'vitest';

import {
  addMonths,
  ageAt,
  CalendarSchema,
  PREVENTION_CALENDAR,
  preventionReminders,
  type EvidenceDocument,
  type ReminderPerson,
} from './prevention-calendar.js';

const TODAY = '2026-12-05';
/** A person of `age` full years today, born on the first of September (a birthday three months ago). */
const aged = (age: number, sex: 'M' | 'F'): ReminderPerson => ({ birthDate: `${2026 - age}-09-01`, sex });
const ids = (person: ReminderPerson, documents: EvidenceDocument[] = []): string[] =>
  preventionReminders(PREVENTION_CALENDAR, person, documents, TODAY).map((item) => item.id);
const item = (person: ReminderPerson, id: string, documents: EvidenceDocument[] = []) =>
  preventionReminders(PREVENTION_CALENDAR, person, documents, TODAY).find((i) => i.id === id);

describe('the prevention calendar data', () => {
  it('names its public sources and date, and every rule has a French and an English label', () => {
    expect(CalendarSchema.parse(PREVENTION_CALENDAR).sources.every((s) => s.includes('https://'))).toBe(true);
    expect(PREVENTION_CALENDAR.date).toBe('2025-04-01');
    for (const rule of PREVENTION_CALENDAR.rules) expect(rule.label.fr).not.toBe(rule.label.en);
  });

  it('counts full years, a birthday included', () => {
    expect(ageAt({ birthDate: '1976-12-05', sex: 'F' }, TODAY)).toBe(50);
    expect(ageAt({ birthDate: '1976-12-06', sex: 'F' }, TODAY)).toBe(49);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});

describe('breast and colorectal screening, 50 to 74', () => {
  it('starts at 50, not at 49, for women (breast and colorectal) and men (colorectal only)', () => {
    expect(ids(aged(49, 'F'))).not.toContain('breast');
    expect(ids(aged(49, 'F'))).not.toContain('colorectal');
    expect(ids(aged(50, 'F'))).toEqual(expect.arrayContaining(['breast', 'colorectal']));
    expect(ids(aged(50, 'M'))).toContain('colorectal');
    expect(ids(aged(50, 'M'))).not.toContain('breast');
  });

  it('still applies at 74 and stops at 75', () => {
    expect(ids(aged(74, 'F'))).toEqual(expect.arrayContaining(['breast', 'colorectal']));
    expect(ids(aged(75, 'F'))).not.toContain('breast');
    expect(ids(aged(75, 'M'))).not.toContain('colorectal');
  });

  it('is due just after the 50th birthday, overdue years later, done for two years after a mammography', () => {
    expect(item(aged(50, 'F'), 'breast')).toMatchObject({ status: 'due', dueDate: '2026-09-01' });
    expect(item(aged(60, 'F'), 'breast')).toMatchObject({ status: 'overdue', dueDate: '2016-09-01' });
    const mammography = {
      uniqueId: '1.2.3',
      typeCode: '18748-4',
      title: 'Mammographie de dépistage',
      day: '2025-03-10',
    };
    expect(item(aged(60, 'F'), 'breast', [mammography])).toMatchObject({
      status: 'done',
      dueDate: '2027-03-10',
      evidence: { uniqueId: '1.2.3' },
    });
    // Two years and more later, the next one is due from the anniversary.
    const old = { ...mammography, day: '2023-03-10' };
    expect(item(aged(60, 'F'), 'breast', [old])).toMatchObject({ status: 'overdue', dueDate: '2025-03-10' });
  });

  it('does not take a document of another type or title as evidence', () => {
    const letter = { uniqueId: '9', typeCode: '11490-0', title: 'Mammographie', day: '2026-01-01' };
    const chest = { uniqueId: '8', typeCode: '18748-4', title: 'Radiographie du thorax', day: '2026-01-01' };
    expect(item(aged(60, 'F'), 'breast', [letter, chest])?.status).toBe('overdue');
  });
});

describe('cervical screening, 25 to 65', () => {
  it('is nothing at 24, cytology from 25 to 29, the HPV test from 30 to 65, nothing at 66; never for men', () => {
    expect(ids(aged(24, 'F')).filter((id) => id.startsWith('cervical'))).toEqual([]);
    expect(ids(aged(25, 'F')).filter((id) => id.startsWith('cervical'))).toEqual(['cervical-cytology']);
    expect(ids(aged(29, 'F')).filter((id) => id.startsWith('cervical'))).toEqual(['cervical-cytology']);
    expect(ids(aged(30, 'F')).filter((id) => id.startsWith('cervical'))).toEqual(['cervical-hpv']);
    expect(ids(aged(65, 'F')).filter((id) => id.startsWith('cervical'))).toEqual(['cervical-hpv']);
    expect(ids(aged(66, 'F')).filter((id) => id.startsWith('cervical'))).toEqual([]);
    for (const age of [25, 30, 65]) expect(ids(aged(age, 'M')).filter((id) => id.startsWith('cervical'))).toEqual([]);
  });

  it('counts an HPV test for five years', () => {
    const test = { uniqueId: '4.5', typeCode: '11502-2', title: 'Test HPV-HR', day: '2022-09-01' };
    expect(item(aged(40, 'F'), 'cervical-hpv', [test])).toMatchObject({ status: 'done', dueDate: '2027-09-01' });
  });
});

describe('adult vaccines', () => {
  it('asks the dTP booster from 25, then at 45 and 65, then every ten years', () => {
    expect(ids(aged(24, 'M'))).not.toContain('dtp');
    expect(item(aged(25, 'M'), 'dtp')).toMatchObject({ status: 'due', dueDate: '2026-09-01' });
    expect(item(aged(44, 'F'), 'dtp')).toMatchObject({ status: 'overdue', dueDate: '2007-09-01' });
    expect(item(aged(77, 'F'), 'dtp')?.dueDate).toBe('2024-09-01');
    const note = { uniqueId: '7.7', typeCode: '87273-9', title: 'Vaccination dTP (Revaxis)', day: '2007-09-01' };
    expect(item(aged(44, 'F'), 'dtp', [note])).toMatchObject({ status: 'done', dueDate: '2027-09-01' });
  });

  it('asks influenza every year and shingles once from 65, not at 64', () => {
    expect(ids(aged(64, 'F'))).not.toContain('influenza');
    expect(ids(aged(64, 'F'))).not.toContain('shingles');
    expect(ids(aged(65, 'M'))).toEqual(expect.arrayContaining(['influenza', 'shingles']));
    const flu = { uniqueId: '6.6', typeCode: '87273-9', title: 'Vaccination antigrippale', day: '2026-10-15' };
    expect(item(aged(70, 'M'), 'influenza', [flu])).toMatchObject({ status: 'done', dueDate: '2027-10-15' });
    const shingrix = { uniqueId: '6.7', typeCode: '87273-9', title: 'Shingrix, 2e dose', day: '2024-02-01' };
    expect(item(aged(70, 'M'), 'shingles', [shingrix])).toMatchObject({ status: 'done', dueDate: null });
  });

  it('asks HPV from 11 with catch-up up to 26, for both sexes', () => {
    expect(ids(aged(10, 'F'))).not.toContain('hpv');
    expect(ids(aged(11, 'M'))).toContain('hpv');
    expect(ids(aged(26, 'F'))).toContain('hpv');
    expect(ids(aged(27, 'F'))).not.toContain('hpv');
  });
});
