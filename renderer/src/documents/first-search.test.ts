import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { SearchAnswer } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import type { RecordAnswer } from '../patient/patient-context.js';
import { FirstSearch } from './first-search.js';
import { EMPTY_FILTERS, searchRequestOf } from './list-filters.js';

vi.mock('../api-client.js', () => ({ call: vi.fn() }));
const calls = vi.mocked(call);

/** TD0.2's answer for a patient, with the parts the window reads. */
function recordOf(
  matricule: string,
  authorization: RecordAnswer['record']['authorization'],
  status: RecordAnswer['record']['record']['status'] = 'ACTIF',
): RecordAnswer {
  return {
    patient: { ins: { matricule } },
    record: { record: { status }, authorization },
  } as unknown as RecordAnswer;
}

const FIRST = searchRequestOf(EMPTY_FILTERS);
const GP = '810100000001';
const answer = { documents: [] } as unknown as SearchAnswer;

describe('the documents panel’s first search, asked when the record answers', () => {
  beforeEach(() => {
    calls.mockReset();
    calls.mockResolvedValue(answer);
  });

  it('is asked once for a record that may be read, and handed to that panel’s first search once', async () => {
    const first = new FirstSearch();
    const record = recordOf('2850512345678', 'VALIDE');
    first.recordShown(record, GP);
    // The same record shown again (her identity qualified, say): still one search.
    first.recordShown(record, GP);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(calls).toHaveBeenCalledWith('document.search', FIRST);
    await expect(first.take(GP, record, FIRST)).resolves.toBe(answer);
    // The panel searching again (refresh, a document filed) asks the core itself.
    expect(first.take(GP, record, FIRST)).toBeUndefined();
  });

  it('asks nothing for a record that may not be read: the platform would write the refusal in her history', () => {
    const first = new FirstSearch();
    for (const authorization of ['NON_EXISTE', 'EXPIRE', 'INTERDIT'] as const)
      first.recordShown(recordOf('2850512345678', authorization), GP);
    first.recordShown(recordOf('2850512345678', 'VALIDE', 'FERME'), GP);
    expect(calls).not.toHaveBeenCalled();
    expect(first.take(GP, recordOf('2850512345678', 'NON_EXISTE'), FIRST)).toBeUndefined();
  });

  it('is never handed to another patient’s panel, nor after her record left the screen', () => {
    const first = new FirstSearch();
    const hers = recordOf('2850512345678', 'VALIDE');
    first.recordShown(hers, GP);
    expect(first.take(GP, recordOf('1850512345678', 'VALIDE'), FIRST)).toBeUndefined();
    first.recordShown(undefined, GP);
    expect(first.take(GP, hers, FIRST)).toBeUndefined();
    // Shown again: asked again, for the panel drawn anew.
    first.recordShown(hers, GP);
    expect(calls).toHaveBeenCalledTimes(2);
    expect(first.take(GP, hers, FIRST)).toBeDefined();
  });

  it('is never handed to another professional of the same workstation, whatever she opens', () => {
    const first = new FirstSearch();
    const record = recordOf('2850512345678', 'VALIDE');
    first.recordShown(record, GP);
    expect(first.take('810100000002', record, FIRST)).toBeUndefined();
    expect(first.take(undefined, record, FIRST)).toBeUndefined();
    // Nothing is asked without a professional session.
    first.recordShown(recordOf('1850512345678', 'VALIDE'), undefined);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(first.take(GP, record, FIRST)).toBeUndefined();
  });

  it('serves only that exact request: a panel asking something else asks the core', () => {
    const first = new FirstSearch();
    const record = recordOf('2850512345678', 'VALIDE');
    first.recordShown(record, GP);
    expect(first.take(GP, record, searchRequestOf(EMPTY_FILTERS, 'episode'))).toBeUndefined();
    expect(first.take(GP, record, FIRST)).toBeDefined();
  });

  it('asks anew when the authorization changes: the panel starts over', () => {
    const first = new FirstSearch();
    first.recordShown(recordOf('2850512345678', 'NON_EXISTE'), GP);
    const granted = recordOf('2850512345678', 'VALIDE');
    first.recordShown(granted, GP);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(first.take(GP, granted, FIRST)).toBeDefined();
  });
});
