import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import { checkVisibilityFlags, DEFAULT_FEED_PARAMETERS, encounterOf, filingFlags } from './document-feed.js';

const refusal = (run: () => void): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('the two questions of a filing (EX_2.1-1050)', () => {
  it('turns the answers into the DMP flags filed with the document', () => {
    expect(filingFlags({})).toEqual([]);
    expect(filingFlags({ maskFromProfessionals: true })).toEqual(['MASQUE_PS']);
    expect(filingFlags({ hideFromPatient: true })).toEqual(['INVISIBLE_PATIENT']);
  });

  it('refuses a document both masked from professionals and hidden from the patient, by default', () => {
    const error = refusal(() => checkVisibilityFlags(['MASQUE_PS', 'INVISIBLE_PATIENT'], DEFAULT_FEED_PARAMETERS));
    expect(isPasserelleError(error, 'DOCUMENT_MASKED_AND_INVISIBLE')).toBe(true);
  });

  it('allows both when the platform’s parameter does, and either one alone always', () => {
    expect(() => checkVisibilityFlags(['MASQUE_PS', 'INVISIBLE_PATIENT'], { maskedAndInvisible: true })).not.toThrow();
    expect(() =>
      checkVisibilityFlags(['MASQUE_PS', 'INVISIBLE_REPRESENTANTS_LEGAUX'], DEFAULT_FEED_PARAMETERS),
    ).not.toThrow();
    expect(() => checkVisibilityFlags(['INVISIBLE_PATIENT'], DEFAULT_FEED_PARAMETERS)).not.toThrow();
  });
});

describe('the encounter a filing reports on', () => {
  const now = new Date('2026-03-20T10:00:00Z');

  it('spans the days of care given, as CDA days', () => {
    expect(encounterOf('2026-03-12', undefined, now)).toEqual({ start: '20260312' });
    expect(encounterOf('2026-03-12', '2026-03-15', now)).toEqual({ start: '20260312', end: '20260315' });
  });

  it('refuses an end before the start, and an end after today', () => {
    expect(
      isPasserelleError(
        refusal(() => encounterOf('2026-03-12', '2026-03-11', now)),
        'CARE_END_BEFORE_START',
      ),
    ).toBe(true);
    expect(
      isPasserelleError(
        refusal(() => encounterOf('2026-03-12', '2026-03-21', now)),
        'CARE_DATE_IN_FUTURE',
      ),
    ).toBe(true);
  });
});
