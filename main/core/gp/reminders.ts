import type { Reminder, ResponseOf } from '../../../api/contract/index.js';
import type { DocumentEntry } from '../../../interop/xds/index.js';
import { insReference } from '../patient/patient-identity.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import {
  addMonths,
  ageAt,
  PREVENTION_CALENDAR,
  preventionReminders,
  type EvidenceDocument,
  type PreventionCalendar,
} from './prevention-calendar.js';
import { syntheses } from './vsm-filing.js';

/** The day a document was done: its service start, else its creation (`YYYYMMDD…` → `YYYY-MM-DD`). */
function dayOf(entry: DocumentEntry): string {
  const time = entry.serviceStartTime ?? entry.creationTime;
  return `${time.slice(0, 4)}-${time.slice(4, 6)}-${time.slice(6, 8)}`;
}

const evidence = (entry: DocumentEntry): EvidenceDocument => ({
  uniqueId: entry.uniqueId,
  typeCode: entry.typeCode.code,
  title: entry.title,
  day: dayOf(entry),
});

/**
 * The yearly synthesis the médecin traitant owes: done while the latest one in force is less than the
 * calendar's months old, overdue once it is older, due (today) when there is none.
 */
export function vsmReminder(calendar: PreventionCalendar, entries: readonly DocumentEntry[], today: string): Reminder {
  const base = { kind: 'vsm', id: 'vsm', label: calendar.vsm.label } as const;
  const latest = syntheses(entries)[0];
  if (!latest) return { ...base, status: 'due', dueDate: today };
  const proof = evidence(latest);
  const dueDate = addMonths(proof.day, calendar.vsm.everyMonths);
  if (dueDate <= today) return { ...base, status: 'overdue', dueDate };
  return {
    ...base,
    status: 'done',
    dueDate,
    evidence: { uniqueId: proof.uniqueId, title: proof.title, date: proof.day },
  };
}

/**
 * The current patient's reminders: TD0.2 says whether this professional is her médecin traitant (then the
 * synthesis is owed), the record's documents in force (`documents`: the copy the window's search brought up to
 * date, never a visit of their own when it just did) are the evidence, her INSi traits give her age and sex.
 */
export async function patientReminders(
  professional: ProfessionalSession,
  documents: () => Promise<readonly DocumentEntry[]>,
  now: () => Date,
  calendar: PreventionCalendar = PREVENTION_CALENDAR,
): Promise<ResponseOf<'reminders.list'>> {
  const { session, patient } = professional.consultation();
  const status = await session.recordStatus(patient);
  const entries = (await documents()).filter(
    (e) => e.availabilityStatus === 'Approved' || e.availabilityStatus === 'Archived',
  );
  professional.learn(entries);
  const { traits } = patient.ins;
  // Her GP's list (patients.list) is built from the journal: who she follows, and the name to show for each.
  session.context.journal.record({
    actor: session.context.credentials.actor,
    action: 'gp.followed',
    patient: insReference(patient),
    details: {
      medecinTraitant: String(status.medecinTraitant),
      name: `${traits.firstNames[0] ?? ''} ${traits.birthName}`,
    },
  });
  const today = now().toISOString().slice(0, 10);
  const person = { birthDate: patient.ins.traits.birthDate, sex: patient.ins.traits.sex };
  const prevention = preventionReminders(calendar, person, entries.map(evidence), today).map(
    ({ evidence: proof, label, ...item }): Reminder => ({
      ...item,
      label: { ...label },
      ...(proof ? { evidence: { uniqueId: proof.uniqueId, title: proof.title, date: proof.day } } : {}),
    }),
  );
  return {
    medecinTraitant: status.medecinTraitant,
    age: ageAt(person, today),
    calendar: { name: calendar.name, date: calendar.date, sources: [...calendar.sources] },
    items: [...(status.medecinTraitant ? [vsmReminder(calendar, entries, today)] : []), ...prevention],
  };
}
