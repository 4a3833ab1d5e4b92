import { describe, expect, it } from 'vitest';

import { mayBeMedecinTraitant, readAccessOf } from './record-access.js';

const NOW = Date.parse('2026-12-05T10:00:00Z');
const active = { record: { status: 'ACTIF' as const } };

describe('what the window may read of a record', () => {
  it('reads an active record with a valid authorization', () => {
    expect(readAccessOf({ ...active, authorization: 'VALIDE' }, NOW)).toBe('authorized');
  });

  it('reads nothing without an authorization, expired or forbidden, so that no refused search is made', () => {
    for (const authorization of ['NON_EXISTE', 'EXPIRE', 'INTERDIT'] as const) {
      expect(readAccessOf({ ...active, authorization }, NOW)).toBe('none');
    }
  });

  it('reads during an emergency access, and no longer once it has ended', () => {
    const running = {
      ...active,
      authorization: 'NON_EXISTE' as const,
      emergencyAccess: { end: '2026-12-05T10:30:00Z' },
    };
    expect(readAccessOf(running, NOW)).toBe('emergency');
    expect(readAccessOf(running, Date.parse('2026-12-05T10:30:01Z'))).toBe('none');
  });

  it('reads nothing of a closed or missing record, whatever the authorization says', () => {
    expect(readAccessOf({ record: { status: 'FERME' }, authorization: 'VALIDE' }, NOW)).toBe('none');
    expect(readAccessOf({ record: { status: 'INEXISTANT' }, authorization: 'VALIDE' }, NOW)).toBe('none');
  });
});

describe('who is offered to become médecin traitant', () => {
  const professional = { nationalId: '8', firstName: 'A', lastName: 'B', medicalRegulation: false };

  it('offers it to a physician only', () => {
    expect(mayBeMedecinTraitant({ ...professional, profession: { code: '10', label: 'Médecin' } })).toBe(true);
    expect(mayBeMedecinTraitant({ ...professional, profession: { code: '60', label: 'Infirmier' } })).toBe(false);
    expect(mayBeMedecinTraitant({ ...professional })).toBe(false);
    expect(mayBeMedecinTraitant(null)).toBe(false);
  });
});
