import { describe, expect, it } from 'vitest';

import type { DocumentSummary } from './document-list.js';
import { profileOf } from './patient-profile.js';

const doc = (
  uniqueId: string,
  type: string,
  classCode: string,
  creationTime: string,
  status: DocumentSummary['status'] = 'Approved',
): DocumentSummary => ({
  uniqueId,
  title: type,
  classCode: { code: classCode, displayName: '' },
  typeCode: { code: type, displayName: type },
  formatCode: 'urn:ihe:iti:xds-sd:text:2008',
  structured: false,
  creationTime,
  authors: [],
  status,
  visibility: [],
  mimeType: 'text/xml',
  size: 1,
  isNew: false,
});

describe("the patient's profile in the record's list", () => {
  it('keeps the latest document in force of each kind she wrote, directives first, and flags them', () => {
    const profile = profileOf([
      doc('1', 'EXPPAT_1', '90', '2026-01-01T10:00:00.000Z'),
      doc('2', 'EXPPAT_3', '90', '2026-01-02T10:00:00.000Z', 'Deprecated'),
      doc('3', 'EXPPAT_3', '90', '2026-02-02T10:00:00.000Z'),
      doc('4', '11369-6', '52', '2026-03-01T10:00:00.000Z'),
      doc('5', '11369-6', '90', '2026-03-02T10:00:00.000Z'),
      doc('6', '11490-0', '10', '2026-03-03T10:00:00.000Z'),
      doc('7', 'DOCPAT03', '90', '2026-03-04T10:00:00.000Z'),
    ]);
    expect(profile.documents.map((d) => [d.kind, d.uniqueId])).toEqual([
      ['directives', '3'],
      ['volontes', '1'],
      ['vaccinations', '5'],
      ['autre', '7'],
    ]);
    expect(profile.flags).toEqual({
      advanceDirectives: true,
      wishes: true,
      medicalProfile: false,
      vaccinations: true,
    });
  });

  it('flags nothing when she wrote nothing', () => {
    expect(profileOf([doc('6', '11490-0', '10', '2026-03-03T10:00:00.000Z')])).toEqual({
      documents: [],
      flags: { advanceDirectives: false, wishes: false, medicalProfile: false, vaccinations: false },
    });
  });
});
