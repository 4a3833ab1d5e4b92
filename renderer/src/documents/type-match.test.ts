import { describe, expect, it } from 'vitest';

import type { DocumentTypeView } from '../../../api/contract/index.js';
import { matchTypes } from './type-match.js';

const TYPES: DocumentTypeView[] = [
  {
    code: '11490-0',
    displayName: "Lettre de liaison à la sortie d'un établissement de soins",
    classCode: '10',
    classDisplayName: 'Compte rendu',
  },
  { code: '18748-4', displayName: "CR d'imagerie médicale", classCode: '31', classDisplayName: 'Imagerie médicale' },
  {
    code: '57833-6',
    displayName: 'Prescription de produits de santé',
    classCode: '42',
    classDisplayName: 'Prescription',
  },
];

const codes = (query: string): string[] => matchTypes(TYPES, query).map((type) => type.code);

describe('matching document types as the professional types', () => {
  it('finds a type by a word of its name, whatever the case', () => {
    expect(codes('SORTIE')).toEqual(['11490-0']);
  });

  it('ignores accents on either side', () => {
    expect(codes('medicale')).toEqual(['18748-4']);
    expect(codes('santé')).toEqual(['57833-6']);
    expect(codes('etablissement')).toEqual(['11490-0']);
  });

  it('requires every word typed, in any order', () => {
    expect(codes('sortie liaison')).toEqual(['11490-0']);
    expect(codes('sortie imagerie')).toEqual([]);
  });

  it('finds a type by its LOINC code or by its category', () => {
    expect(codes('18748')).toEqual(['18748-4']);
    expect(codes('compte rendu')).toEqual(['11490-0']);
  });

  it('puts the types whose name holds the words before those found by category or code', () => {
    const social: DocumentTypeView = {
      code: '83981-1',
      displayName: "Lettre de liaison d'une structure sociale ou médico-sociale",
      classCode: '11',
      classDisplayName: 'Synthèse de sortie',
    };
    expect(matchTypes([social, ...TYPES], 'sortie').map((type) => type.code)).toEqual(['11490-0', '83981-1']);
  });

  it('offers every type, in order, before anything is typed', () => {
    expect(codes('  ')).toEqual(['11490-0', '18748-4', '57833-6']);
  });
});
