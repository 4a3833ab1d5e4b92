import { describe, expect, it } from 'vitest';

import { DOCUMENT_TYPES, PATIENT_DOCUMENT_TYPES, PROFESSIONS } from '../value-sets/index.js';
import { ACCESS_MATRIX, mayRead } from './access-matrix.js';

const professions = PROFESSIONS.concepts.map((c) => c.code);

describe('the habilitation matrix', () => {
  it('has one row per document type the platform accepts, and denies only professions of TRE_G15', () => {
    expect(ACCESS_MATRIX.map((row) => row.typeCode)).toEqual(
      [...DOCUMENT_TYPES, ...PATIENT_DOCUMENT_TYPES].map((type) => type.code),
    );
    for (const row of ACCESS_MATRIX) expect(professions).toEqual(expect.arrayContaining([...row.deniedTo]));
  });

  it('lets physicians read every type but the residence certificate', () => {
    for (const type of DOCUMENT_TYPES) expect(mayRead('10', type.code), type.code).toBe(type.code !== 'ATTEST-RESID');
  });

  it('keeps telemedicine requests, psychological and psychiatric documents and social discharge letters from dentists', () => {
    for (const code of ['75496-0', '83901-9', '68599-0', '83981-1', '80788-3']) {
      expect(mayRead('40', code), code).toBe(false);
      expect(mayRead('60', code), code).toBe(true);
    }
  });

  it("lets professionals read the patient's own documents, but advance directives not to a dentist", () => {
    expect(mayRead('10', 'EXPPAT_1')).toBe(true);
    expect(mayRead('60', 'EXPPAT_3')).toBe(true);
    expect(mayRead('40', 'EXPPAT_3')).toBe(false);
    expect(mayRead('40', 'DOCPAT08')).toBe(true);
  });

  it('keeps a delivery report from a podiatrist, not from a midwife', () => {
    expect(mayRead('80', '15508-5')).toBe(false);
    expect(mayRead('50', '15508-5')).toBe(true);
  });

  it('keeps the hospital stay report from a podiatrist, not from a nurse or a dentist', () => {
    expect(mayRead('80', '34112-3')).toBe(false);
    expect(mayRead('80', '11490-0')).toBe(true);
    expect(mayRead('60', '34112-3')).toBe(true);
    expect(mayRead('40', '34112-3')).toBe(true);
  });

  it('lets nobody read a type outside the table, and a profession outside TRE_G15 read nothing', () => {
    expect(mayRead('10', 'E1762')).toBe(false);
    expect(mayRead('99', '11490-0')).toBe(false);
    expect(mayRead('', '60591-5')).toBe(false);
  });
});
