import type { GpDesk } from '../router/gp-port.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { APPOINTMENT_PATH, appointmentAnswer, appointmentResource, checkAppointment } from './agenda.js';
import { patientReminders } from './reminders.js';
import { fileVsm } from './vsm-filing.js';

/** The médecin traitant's desk over the professional's session: the synthesis of the patient in front of her, her reminders, her agenda. */
export function gpDesk(professional: ProfessionalSession, clock: () => Date): GpDesk {
  return {
    fileVsm: (content) => fileVsm(professional, content, clock),
    reminders: () => patientReminders(professional, clock),
    async shareAppointment(request) {
      checkAppointment(request, clock());
      const { session, patient } = professional.atDesk();
      const author = session.context.credentials.identity;
      const reply = await session.postFhir(APPOINTMENT_PATH, appointmentResource(request, patient, author));
      return appointmentAnswer(reply, author);
    },
  };
}
