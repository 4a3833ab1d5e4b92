import { describe, expect, it } from 'vitest';

import type { AuditEntry } from '../audit/audit-log.js';
import { ProfessionalDirectory } from '../mssante/directory.js';
import type { StructureDirectory } from '../store/structure-directory.js';
import { historyInWords, localDateTime, notificationInWords, professionalInWords } from './portal-words.js';

const names = {
  professionals: new ProfessionalDirectory(),
  structures: { structure: () => undefined } as unknown as StructureDirectory,
};

const entry = (action: string, at: string, outcome = 'OK'): AuditEntry => ({
  seq: 1,
  at,
  actor: '899700100017',
  profession: '10',
  structure: '0751234567',
  authMode: 'DIRECTE',
  accessMode: 'normal',
  patient: '285057511203496',
  action,
  outcome,
  reason: '-',
  previousHash: '',
  hash: '',
});

describe("the portal's words", () => {
  it('gives times in Paris, winter and summer, not in UTC', () => {
    expect(localDateTime('2026-01-15T10:05:00.000Z')).toBe('15/01/2026 11:05');
    expect(localDateTime('2026-07-15T10:05:00.000Z')).toBe('15/07/2026 12:05');
    expect(localDateTime('20260715100500')).toBe('15/07/2026 12:05');
  });

  it('tells each act in plain words, the same search in the same minute once, a refusal with its reason', () => {
    const lines = historyInWords(
      [
        entry('seed', '2026-07-15T09:00:00.000Z'),
        entry('ITI-18.FindDocuments', '2026-07-15T10:05:01.000Z'),
        entry('ITI-18.GetDocuments', '2026-07-15T10:05:02.000Z'),
        entry('ITI-43', '2026-07-15T10:06:00.000Z', 'PS_BLOQUE'),
      ],
      names,
    );
    expect(lines).toEqual([
      expect.objectContaining({
        when: '15/07/2026 12:05',
        who: 'Dr Claire LUMIERE, médecin (Cabinet du Dr Lumière)',
        what: 'a consulté la liste de vos documents',
        times: 2,
      }),
      expect.objectContaining({
        what: 'a ouvert un de vos documents',
        outcome: 'refusé : vous avez bloqué ce professionnel',
      }),
    ]);
  });

  it('names a professional the directory does not know by the profession his author entry gives', () => {
    expect(professionalInWords(names, '810000000001', '60', 'JEAN DUPONT')).toBe('Jean Dupont, infirmier');
    expect(professionalInWords(names, '810000000001')).toBe('Professionnel n° 810000000001');
  });

  it('names professionals in notifications instead of their numbers', () => {
    const nameOf = (id: string) => professionalInWords(names, id);
    expect(
      notificationInWords('Le professionnel LUMIERE-TEST CLAIRE (899700100017) a consulté la liste.', nameOf),
    ).toBe('Dr Claire LUMIERE, médecin (Cabinet du Dr Lumière) a consulté la liste.');
    expect(notificationInWords('Document « X » : déposé par le professionnel 899700100017.', nameOf)).toBe(
      'Document « X » : déposé par Dr Claire LUMIERE, médecin (Cabinet du Dr Lumière).',
    );
  });
});
