import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import type { RecordStatus } from '../../../interop/hl7v3/td02.js';
import { ACCESS_CONFIRMATION_MS, AccessConfirmations, accessRefusal } from './access-confirmations.js';

const PATIENT = '277076322082910^^^&1.2.250.1.213.1.4.10&ISO^NH';
const active = (authorization: RecordStatus['authorization'], emergencyEnd?: Date): RecordStatus => ({
  record: { status: 'ACTIF' },
  authorization,
  medecinTraitant: false,
  mesAccountOpen: true,
  ...(emergencyEnd
    ? { emergencyAccess: { mode: 'bris_de_glace', start: new Date(0).toISOString(), end: emergencyEnd.toISOString() } }
    : {}),
});

function clocked(): {
  readonly confirmations: AccessConfirmations;
  readonly advance: (ms: number) => void;
  readonly now: () => Date;
} {
  let now = new Date('2026-03-01T10:00:00Z');
  return {
    confirmations: new AccessConfirmations(() => now),
    advance: (ms) => (now = new Date(now.getTime() + ms)),
    now: () => now,
  };
}

describe('what the platform confirmed of a professional’s access', () => {
  it('confirms on TD0.2 VALIDE, for a few minutes only', () => {
    const { confirmations, advance } = clocked();
    expect(confirmations.isConfirmed(PATIENT)).toBe(false);
    expect(confirmations.noteStatus(PATIENT, active('VALIDE'))).toBeUndefined();
    expect(confirmations.isConfirmed(PATIENT)).toBe(true);
    advance(ACCESS_CONFIRMATION_MS);
    expect(confirmations.isConfirmed(PATIENT)).toBe(false);
  });

  it('confirms an emergency access until its end, and not after', () => {
    const { confirmations, advance, now } = clocked();
    expect(confirmations.noteStatus(PATIENT, active('NON_EXISTE', new Date(now().getTime() + 60_000)))).toBeUndefined();
    expect(confirmations.isConfirmed(PATIENT)).toBe(true);
    advance(60_000);
    expect(confirmations.isConfirmed(PATIENT)).toBe(false);
    expect(confirmations.noteStatus(PATIENT, active('NON_EXISTE', now()))).toBe('NON_EXISTE');
  });

  it('withdraws it when TD0.2 says the access is blocked, expired or absent, or the record closed', () => {
    const { confirmations } = clocked();
    for (const [status, refusal] of [
      [active('INTERDIT'), 'INTERDIT'],
      [active('EXPIRE'), 'EXPIRE'],
      [active('NON_EXISTE'), 'NON_EXISTE'],
      [
        {
          ...active('NON_EXISTE'),
          record: { status: 'FERME', closedAt: '2026-01-01', reasonCode: 'DEMANDE_PATIENT', reasonText: '' },
        },
        'FERME',
      ],
    ] as const) {
      confirmations.noteStatus(PATIENT, active('VALIDE'));
      expect(confirmations.noteStatus(PATIENT, status)).toBe(refusal);
      expect(confirmations.isConfirmed(PATIENT)).toBe(false);
    }
  });

  it('confirms on an admitted search or retrieve, and withdraws on a refusal of access only', () => {
    const { confirmations } = clocked();
    confirmations.noteAdmitted(PATIENT);
    confirmations.noteFailure(PATIENT, new PasserelleError('DOCUMENT_NOT_FOUND', { uniqueId: '1.2.3' }));
    expect(confirmations.isConfirmed(PATIENT)).toBe(true);
    confirmations.noteFailure(
      PATIENT,
      new PasserelleError('XDS_REQUEST_REFUSED', { errorCode: 'PS_BLOQUE', context: 'bloqué' }),
    );
    expect(confirmations.isConfirmed(PATIENT)).toBe(false);
  });

  it('reads a refusal of access in a refused query and in a platform fault', () => {
    expect(accessRefusal(new PasserelleError('XDS_REQUEST_REFUSED', { errorCode: 'AUTORISATION_REQUISE' }))).toBe(
      'AUTORISATION_REQUISE',
    );
    expect(accessRefusal(new PasserelleError('RECORD_CLOSED', { platformCode: 'DMP_FERME', since: '' }))).toBe(
      'DMP_FERME',
    );
    expect(accessRefusal(new PasserelleError('XDS_REQUEST_REFUSED', { errorCode: 'XDSDocumentUniqueIdError' }))).toBe(
      undefined,
    );
    expect(accessRefusal(new Error('PS_BLOQUE'))).toBe(undefined);
  });
});
