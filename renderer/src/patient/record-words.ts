import type { RecordAnswer } from './patient-context.js';

/** What the banner says of the professional's access to the record, as one word of the catalogue. */
export type AccessWord =
  'authorized' | 'emergency' | 'regulation' | 'expired' | 'forbidden' | 'none' | 'noRecord' | 'closedRecord';

/**
 * The professional's access in words rather than the platform's codes (NON_EXISTE, VALIDE…): a running emergency
 * access comes first, since it is how she reads the record whatever her authorization says; a record that is
 * closed or does not exist gives no access at all.
 */
export function accessWordOf(state: RecordAnswer['record'], now: number): AccessWord {
  if (state.record.status === 'INEXISTANT') return 'noRecord';
  if (state.record.status === 'FERME') return 'closedRecord';
  const emergency = state.emergencyAccess;
  if (emergency && Date.parse(emergency.end) > now && state.authorization !== 'VALIDE') {
    return emergency.mode === 'centre_15' ? 'regulation' : 'emergency';
  }
  switch (state.authorization) {
    case 'VALIDE':
      return 'authorized';
    case 'EXPIRE':
      return 'expired';
    case 'INTERDIT':
      return 'forbidden';
    case 'NON_EXISTE':
      return 'none';
  }
}

/** Whether the word calls for the professional's attention (shown in the danger colour). */
export function accessNeedsAttention(word: AccessWord): boolean {
  return word !== 'authorized';
}
