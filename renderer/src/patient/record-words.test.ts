import { describe, expect, it } from 'vitest';

import { accessNeedsAttention, accessWordOf } from './record-words.js';

const NOW = Date.parse('2026-12-05T10:00:00Z');
const base = { medecinTraitant: false, mesAccountOpen: true };
const active = { ...base, record: { status: 'ACTIF' as const } };

describe('the words for the professional’s access to a record', () => {
  it('names each authorization in words', () => {
    expect(accessWordOf({ ...active, authorization: 'VALIDE' }, NOW)).toBe('authorized');
    expect(accessWordOf({ ...active, authorization: 'EXPIRE' }, NOW)).toBe('expired');
    expect(accessWordOf({ ...active, authorization: 'INTERDIT' }, NOW)).toBe('forbidden');
    expect(accessWordOf({ ...active, authorization: 'NON_EXISTE' }, NOW)).toBe('none');
  });

  it('says an emergency or regulation access while it runs, not the missing consent, and nothing once it ended', () => {
    const access = (mode: 'bris_de_glace' | 'centre_15', end: string) => ({
      ...active,
      authorization: 'NON_EXISTE' as const,
      emergencyAccess: { mode, start: '2026-12-05T09:00:00Z', end },
    });
    expect(accessWordOf(access('bris_de_glace', '2026-12-05T13:00:00Z'), NOW)).toBe('emergency');
    expect(accessWordOf(access('centre_15', '2026-12-05T13:00:00Z'), NOW)).toBe('regulation');
    expect(accessWordOf(access('bris_de_glace', '2026-12-05T09:59:59Z'), NOW)).toBe('none');
  });

  it('gives no access to a record that is closed or does not exist', () => {
    expect(accessWordOf({ ...base, record: { status: 'INEXISTANT' }, authorization: 'NON_EXISTE' }, NOW)).toBe(
      'noRecord',
    );
    const closed = { status: 'FERME' as const, closedAt: '2026-01-02', reasonCode: '1', reasonText: 'Décès' };
    expect(accessWordOf({ ...base, record: closed, authorization: 'VALIDE' }, NOW)).toBe('closedRecord');
  });

  it('calls for attention on anything but a valid authorization', () => {
    expect(accessNeedsAttention('authorized')).toBe(false);
    expect(accessNeedsAttention('emergency')).toBe(true);
  });
});
