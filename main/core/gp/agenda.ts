import { z } from 'zod';

import type { ResponseOf } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import type { ProfessionalIdentity } from '../session/credentials.js';

/** The agenda's FHIR path on the platform (the bundled mock's; the national one is not public yet). */
export const APPOINTMENT_PATH = '/fhir/Appointment';
const PRACTITIONER_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';

export interface AppointmentRequest {
  readonly start: string;
  readonly end: string;
  readonly reason: string;
}

/** Refuses before anything leaves: an appointment in the past, or one that ends before it starts. */
export function checkAppointment(request: AppointmentRequest, now: Date): void {
  if (Date.parse(request.start) <= now.getTime())
    throw new PasserelleError('AGENDA_DATE_PAST', { start: request.start });
  if (Date.parse(request.end) <= Date.parse(request.start))
    throw new PasserelleError('AGENDA_END_BEFORE_START', { start: request.start, end: request.end });
}

/**
 * The FHIR Appointment of the CI-SIS shared-agenda guide (FrAppointment): booked, with its times and reason, the
 * patient by her INS and the professional by her national id as accepted participants.
 */
export function appointmentResource(
  request: AppointmentRequest,
  patient: PatientIdentity,
  professional: ProfessionalIdentity,
): Record<string, unknown> {
  return {
    resourceType: 'Appointment',
    status: 'booked',
    description: request.reason,
    start: new Date(request.start).toISOString(),
    end: new Date(request.end).toISOString(),
    participant: [
      {
        actor: { identifier: { system: `urn:oid:${patient.ins.oid}`, value: patient.ins.matricule } },
        status: 'accepted',
      },
      {
        actor: {
          identifier: { system: PRACTITIONER_SYSTEM, value: professional.nationalId },
          display: `${professional.firstName} ${professional.lastName}`,
        },
        status: 'accepted',
      },
    ],
  };
}

const Created = z.object({ id: z.string(), start: z.string(), end: z.string(), description: z.string() });
const Outcome = z.object({
  resourceType: z.literal('OperationOutcome'),
  issue: z.array(z.object({ details: z.object({ coding: z.array(z.object({ code: z.string() })).optional() }) })),
});

/** The platform's answer as the contract's, or its refusal as a typed error. */
export function appointmentAnswer(
  reply: { status: number; body: unknown },
  professional: ProfessionalIdentity,
): ResponseOf<'agenda.share'> {
  if (reply.status === 201) {
    const created = Created.parse(reply.body);
    return {
      appointment: { ...created, practitioner: `${professional.firstName} ${professional.lastName}` },
    };
  }
  const outcome = Outcome.safeParse(reply.body);
  const code = outcome.success ? (outcome.data.issue[0]?.details.coding?.[0]?.code ?? '') : '';
  if (code === 'OPPOSITION_PATIENT') throw new PasserelleError('AGENDA_PATIENT_OPPOSED');
  throw new PasserelleError('AGENDA_REFUSED', { reason: code || `HTTP ${reply.status}` });
}
