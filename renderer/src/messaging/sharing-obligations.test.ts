import { describe, expect, it } from 'vitest';

import { isSharingObligation, SHARING_OBLIGATIONS } from './sharing-obligations.js';

describe('the documents the arrêtés ask to share by messaging', () => {
  it('names biology, imaging, prescriptions, operative reports and discharge letters', () => {
    for (const code of ['11502-2', '18748-4', '57833-6', '34874-8', '11490-0'])
      expect(isSharingObligation(code)).toBe(true);
  });

  it('leaves out what the arrêtés do not name, such as a consultation report or a vaccination note', () => {
    expect(isSharingObligation('11488-4')).toBe(false);
    expect(isSharingObligation('87273-9')).toBe(false);
  });

  it('lists each type code once', () => {
    const codes = SHARING_OBLIGATIONS.flatMap((obligation) => obligation.typeCodes);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
