import { PasserelleError } from '../../../api/errors/index.js';
import type { HandlerGroup } from './handlers.js';
import type { PatientDesk } from './patient-port.js';

type PatientMethod = 'patient.vitale' | 'patient.identify' | 'patient.qualify' | 'record.status' | 'record.consent';

/** `patient.*` and `record.*` over the patient desk; without one (no card layer), each answers CARDS_UNAVAILABLE. */
export function patientHandlers(desk: PatientDesk | undefined): HandlerGroup<PatientMethod> {
  const patients = (): PatientDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  return {
    'patient.vitale': async () => ({ beneficiaries: [...(await patients().readVitale())] }),
    'patient.identify': async ({ beneficiary }) => ({ patient: await patients().identify(beneficiary) }),
    'patient.qualify': async ({ documentChecked }) => ({ patient: await patients().qualify(documentChecked) }),
    'record.status': () => patients().recordStatus(),
    'record.consent': (options) => patients().consent(options),
  };
}
