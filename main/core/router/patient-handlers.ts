import { PasserelleError } from '../../../api/errors/index.js';
import type { EventHub } from './event-hub.js';
import type { HandlerGroup } from './handlers.js';
import type { PatientDesk } from './patient-port.js';

type PatientMethod =
  'patient.vitale' | 'patient.identify' | 'patient.qualify' | 'record.status' | 'record.consent' | 'record.emergency';

/**
 * `patient.*` and `record.*` over the patient desk; without one (no card layer), each answers CARDS_UNAVAILABLE.
 * A granted emergency access is published on `events`, so that every window shows the red banner.
 */
export function patientHandlers(desk: PatientDesk | undefined, events: EventHub): HandlerGroup<PatientMethod> {
  const patients = (): PatientDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  return {
    'patient.vitale': async ({ label }) => ({ beneficiaries: [...(await patients().readVitale(label))] }),
    'patient.identify': async ({ beneficiary }) => ({ patient: await patients().identify(beneficiary) }),
    'patient.qualify': async ({ documentChecked }) => ({ patient: await patients().qualify(documentChecked) }),
    'record.status': () => patients().recordStatus(),
    'record.consent': (options) => patients().consent(options),
    'record.emergency': async ({ reason, mode }) => {
      const trimmed = reason.trim();
      // Refused before the desk is even asked: nothing leaves without a reason the patient will read.
      if (trimmed === '') throw new PasserelleError('EMERGENCY_REASON_REQUIRED');
      const answer = await patients().emergency({ mode, reason: trimmed });
      const access = answer.record.emergencyAccess;
      // A professional the patient blocked learns INTERDIT and is granted nothing, emergency or not.
      if (!access && answer.record.authorization === 'INTERDIT') throw new PasserelleError('ACCESS_FORBIDDEN');
      if (access) events.publish({ type: 'breakglass.banner', active: true, until: access.end });
      return answer;
    },
  };
}
