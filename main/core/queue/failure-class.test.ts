import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import { classifyFailure, storedError } from './failure-class.js';

const refused = (errorCode: string): PasserelleError =>
  new PasserelleError('XDS_REQUEST_REFUSED', { errorCode, context: 'texte' });

describe('classifyFailure', () => {
  it('retries outages: 503, timeouts, resets, garbled replies, the platform’s own errors and busy registries', () => {
    for (const error of [
      new PasserelleError('PLATFORM_UNAVAILABLE', { url: 'u', status: 503 }),
      new PasserelleError('PLATFORM_TIMEOUT', { url: 'u', seconds: 30 }),
      new PasserelleError('PLATFORM_UNREACHABLE', { url: 'u', reason: 'ECONNRESET' }),
      new PasserelleError('PLATFORM_BAD_REPLY', { url: 'u', reason: 'truncated' }),
      new PasserelleError('PLATFORM_ERROR', { platformCode: 'INDISPONIBLE' }),
      refused('XDSRegistryBusy'),
      refused('XDSRepositoryError'),
      refused('INDISPONIBLE'),
    ]) {
      expect(classifyFailure(error), error.message).toBe('retry');
    }
  });

  it('halts the batch on what no document can get past: clock, software, certificates, the card', () => {
    expect(classifyFailure(new PasserelleError('VIHF_CLOCK_SKEW', { seconds: 400 }))).toBe('halt');
    expect(classifyFailure(new PasserelleError('PLATFORM_TLS_REFUSED', { url: 'u', reason: 'x' }))).toBe('halt');
    expect(classifyFailure(new PasserelleError('CARD_REMOVED'))).toBe('halt');
    expect(classifyFailure(refused('SIGNATURE_LOT_INVALIDE'))).toBe('halt');
  });

  it('sends to "to fix" what the item’s own data caused, and fails for good what the record refuses', () => {
    expect(classifyFailure(refused('INS_NON_QUALIFIE'))).toBe('to-fix');
    expect(classifyFailure(refused('CDA_ENTETE_INCOHERENTE'))).toBe('to-fix');
    expect(classifyFailure(new PasserelleError('IDENTITY_TRAITS_MISMATCH', { trait: 'sexe' }))).toBe('to-fix');
    expect(classifyFailure(new PasserelleError('RECORD_CLOSED', { since: '' }))).toBe('final');
    expect(classifyFailure(refused('DMP_FERME'))).toBe('final');
    expect(classifyFailure(refused('PS_BLOQUE'))).toBe('final');
  });

  it('never counts another document under the same uniqueId as a success, nor an unknown error as an outage', () => {
    expect(classifyFailure(refused('XDSNonIdenticalHash'))).toBe('final');
    expect(classifyFailure(refused('XDSDuplicateUniqueIdInRegistry'))).toBe('final');
    expect(classifyFailure(refused('SOMETHING_NEW'))).toBe('final');
    expect(classifyFailure(new TypeError('bug'))).toBe('final');
    expect(storedError(new TypeError('a message that could name someone'))).toEqual({ code: 'INTERNAL', details: {} });
  });
});
