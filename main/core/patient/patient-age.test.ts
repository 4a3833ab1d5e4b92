import { describe, expect, it } from 'vitest';

import { ageOn, isMinor } from './patient-age.js';

describe("a patient's age", () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('2008-12-05', new Date('2026-12-04T23:00:00Z'))).toBe(17);
    expect(ageOn('2008-12-05', new Date('2026-12-05T00:00:00Z'))).toBe(18);
    expect(isMinor('2008-12-05', new Date('2026-12-04T12:00:00Z'))).toBe(true);
    expect(isMinor('2008-12-05', new Date('2026-12-05T12:00:00Z'))).toBe(false);
  });

  it('takes a lunar date (unknown day or month) at the latest it may be, never older than she may be', () => {
    expect(ageOn('2008-00-00', new Date('2026-12-30T12:00:00Z'))).toBe(17);
    expect(ageOn('2008-02-00', new Date('2026-03-01T12:00:00Z'))).toBe(18);
    expect(ageOn('2008-02-00', new Date('2026-02-28T12:00:00Z'))).toBe(17);
  });
});
