import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import { checkVisibilityFlags, DEFAULT_FEED_PARAMETERS, filingFlags } from './document-feed.js';

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
