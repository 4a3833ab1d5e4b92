import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { PlatformDatabase } from '../store/database.js';

/** One appointment of a patient's agenda, as the portal shows it. */
export interface AgendaAppointment {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly description: string;
  /** The professional's national id and name, as her card says them. */
  readonly practitioner: { readonly id: string; readonly name: string };
}

const Row = z.object({
  id: z.string(),
  start_at: z.string(),
  end_at: z.string(),
  description: z.string(),
  practitioner: z.string(),
  practitioner_name: z.string(),
});

/** Each patient's Mon espace santé agenda, and whether she opposed professionals sharing appointments in it. */
export class AgendaStore {
  constructor(
    private readonly db: PlatformDatabase,
    private readonly now: () => Date,
  ) {}

  add(patient: string, appointment: Omit<AgendaAppointment, 'id'>): AgendaAppointment {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO agenda_appointment (id, patient, start_at, end_at, description, practitioner, practitioner_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        patient,
        appointment.start,
        appointment.end,
        appointment.description,
        appointment.practitioner.id,
        appointment.practitioner.name,
        this.now().toISOString(),
      );
    return { id, ...appointment };
  }

  /** The patient's appointments, soonest first. */
  list(patient: string): AgendaAppointment[] {
    const rows = z
      .array(Row)
      .parse(
        this.db
          .prepare(
            'SELECT id, start_at, end_at, description, practitioner, practitioner_name FROM agenda_appointment WHERE patient = ? ORDER BY start_at',
          )
          .all(patient),
      );
    return rows.map((r) => ({
      id: r.id,
      start: r.start_at,
      end: r.end_at,
      description: r.description,
      practitioner: { id: r.practitioner, name: r.practitioner_name },
    }));
  }

  opposed(patient: string): boolean {
    return this.db.prepare('SELECT 1 FROM agenda_opposition WHERE patient = ?').get(patient) !== undefined;
  }

  setOpposition(patient: string, opposed: boolean): void {
    if (opposed)
      this.db
        .prepare('INSERT OR IGNORE INTO agenda_opposition (patient, since) VALUES (?, ?)')
        .run(patient, this.now().toISOString());
    else this.db.prepare('DELETE FROM agenda_opposition WHERE patient = ?').run(patient);
  }
}
