import { VsmContentSchema } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { patientsCsv } from '../gp/patient-csv.js';
import { searchVsmCodes } from '../gp/vsm-codes.js';
import { VSM_EXAMPLE } from '../gp/vsm-example.js';
import type { GpDesk } from './gp-port.js';
import type { HandlerGroup } from './handlers.js';

type GpMethod =
  | 'vsm.example'
  | 'vsm.file'
  | 'vsm.latest'
  | 'vsm.codes'
  | 'vsm.preview'
  | 'reminders.list'
  | 'patients.list'
  | 'patients.csv'
  | 'patients.ald'
  | 'agenda.share';

/**
 * The médecin traitant's methods over her desk; without one (no card layer), each that needs it answers
 * CARDS_UNAVAILABLE. The example and the value sets' search need nothing but the contract.
 */
export function gpHandlers(desk: GpDesk | undefined): HandlerGroup<GpMethod> {
  const gp = (): GpDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  return {
    'vsm.example': () => Promise.resolve({ content: VsmContentSchema.parse(VSM_EXAMPLE) }),
    'vsm.file': ({ content }) => gp().fileVsm(content),
    'vsm.latest': () => gp().latestVsm(),
    'vsm.codes': (request) => Promise.resolve(searchVsmCodes(request)),
    'vsm.preview': ({ content }) => gp().previewVsm(content),
    'reminders.list': () => gp().reminders(),
    'patients.list': (request) => gp().patients(request),
    'patients.csv': async (request) => ({ csv: patientsCsv(await gp().patients(request)) }),
    'patients.ald': ({ ald }) => gp().markAld(ald),
    'agenda.share': (request) => gp().shareAppointment(request),
  };
}
