import type { RecordReader } from '../consult/consult-desk.js';
import type { Journal } from '../journal/journal.js';
import { insReference } from '../patient/patient-identity.js';
import type { GpDesk } from '../router/gp-port.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { APPOINTMENT_PATH, appointmentAnswer, appointmentResource, checkAppointment } from './agenda.js';
import { followedPatients } from './patient-list.js';
import { patientReminders } from './reminders.js';
import { fileVsm } from './vsm-filing.js';
import { latestVsm, previewVsm } from './vsm-reading.js';

/** The médecin traitant's desk over the professional's session: the synthesis of the patient in front of her, her reminders, her agenda. */
export function gpDesk(
  professional: ProfessionalSession,
  record: RecordReader,
  clock: () => Date,
  journal: () => Journal,
): GpDesk {
  return {
    fileVsm: (content) => fileVsm(professional, content, clock),
    latestVsm: () => latestVsm(professional),
    previewVsm: (content) => Promise.resolve().then(() => previewVsm(professional, content, clock)),
    reminders: () => patientReminders(professional, record.documents, clock),
    patients: ({ professional: nationalId }) =>
      Promise.resolve(followedPatients(journal(), clock().toISOString().slice(0, 10), nationalId)),
    markAld(ald) {
      const { session, patient } = professional.atDesk();
      journal().record({
        actor: session.context.credentials.actor,
        action: 'gp.ald',
        patient: insReference(patient),
        details: { ald: String(ald) },
      });
      return Promise.resolve({ matricule: patient.ins.matricule, ald });
    },
    async shareAppointment(request) {
      checkAppointment(request, clock());
      const { session, patient } = professional.atDesk();
      const author = session.context.credentials.identity;
      const reply = await session.postFhir(APPOINTMENT_PATH, appointmentResource(request, patient, author));
      return appointmentAnswer(reply, author);
    },
  };
}
