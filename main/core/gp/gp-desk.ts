import type { GpDesk } from '../router/gp-port.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { patientReminders } from './reminders.js';
import { fileVsm } from './vsm-filing.js';

/** The médecin traitant's desk over the professional's session: the synthesis of the patient in front of her, her reminders. */
export function gpDesk(professional: ProfessionalSession, clock: () => Date): GpDesk {
  return {
    fileVsm: (content) => fileVsm(professional, content, clock),
    reminders: () => patientReminders(professional, clock),
  };
}
