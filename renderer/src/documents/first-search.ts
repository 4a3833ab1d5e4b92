import type { RequestInput, SearchAnswer } from '../../../api/contract/index.js';
import { call } from '../api-client.js';
import type { RecordAnswer } from '../patient/patient-context.js';
import { readAccessOf } from '../patient/record-access.js';
import { EMPTY_FILTERS, searchRequestOf } from './list-filters.js';

/** Which documents panel a record's answer opens: a new authorization or emergency access starts it over. */
export function documentsPanelKey(record: RecordAnswer): string {
  return `${record.patient.ins.matricule}-${record.record.authorization}-${record.record.emergencyAccess?.start ?? ''}`;
}

/** The panel's first search as it asks it: every document, grouped by category. */
const FIRST_REQUEST = searchRequestOf(EMPTY_FILTERS);
const FIRST_REQUEST_TEXT = JSON.stringify(FIRST_REQUEST);

/**
 * The first search of a documents panel, asked as soon as TD0.2 answers that the record may be read rather than
 * once the workspace is drawn (tens of milliseconds on a GP's computer, the search running meanwhile). It is the
 * panel's own first search, asked earlier, not one more: handed once, to the panel of that record only, for that
 * exact request; a panel that searches again, or another record, asks anew. Nothing is asked for a record that may
 * not be read (the platform would refuse it and write the attempt in her access history), and a record that
 * changes panel, or leaves the screen, drops what was asked for the previous one.
 */
export class FirstSearch {
  private asked: { readonly panel: string; readonly answer: Promise<SearchAnswer> } | undefined;
  private taken = false;

  /** The record the workspace now shows to the professional `professional` (her national id); undefined: none. */
  recordShown(record: RecordAnswer | undefined, professional: string | undefined): void {
    if (!record || professional === undefined || readAccessOf(record.record, Date.now()) === 'none') {
      this.asked = undefined;
      return;
    }
    const panel = `${professional}|${documentsPanelKey(record)}`;
    if (this.asked?.panel === panel) return;
    const answer = call('document.search', FIRST_REQUEST);
    // The panel handles its failure; one it never takes must not surface as unhandled.
    answer.catch(() => undefined);
    this.asked = { panel, answer };
    this.taken = false;
  }

  /**
   * The answer asked for the panel of `record` shown to `professional`, when `request` is its first search, once;
   * else undefined: another professional on the same workstation, another record, another request.
   */
  take(professional: string | undefined, record: RecordAnswer, request: RequestInput<'document.search'>) {
    const panel = `${professional}|${documentsPanelKey(record)}`;
    if (this.taken || this.asked?.panel !== panel || JSON.stringify(request) !== FIRST_REQUEST_TEXT) return undefined;
    this.taken = true;
    return this.asked.answer;
  }
}
