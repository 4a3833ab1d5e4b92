import { preparedOnce, type PlatformDatabase, type PlatformStatement } from '../store/database.js';

/** What the patient is told about: the events Mon espace santé notifies. */
export type NotificationKind =
  'autorisation' | 'acces' | 'bris_de_glace' | 'centre_15' | 'depot' | 'document' | 'portail';

export interface PatientNotification {
  readonly id: number;
  /** The patient's INS matricule. */
  readonly patient: string;
  readonly at: string;
  readonly kind: NotificationKind;
  /** Who caused it: a professional's national id, or `PATIENT`. */
  readonly actor: string;
  /** The French text the patient reads. */
  readonly message: string;
}

/**
 * The patient notification outbox: what Mon espace santé would push to the patient's mailbox or phone.
 * Written in the same database as the state change it reports, read by the portal and by tests.
 */
export class NotificationOutbox {
  /** Each statement compiled once: every filing and every access notifies the patient. */
  private readonly prepare: (sql: string) => PlatformStatement;

  constructor(
    db: PlatformDatabase,
    private readonly now: () => Date,
  ) {
    this.prepare = preparedOnce(db);
  }

  /** Queues one notification for a patient. */
  notify(patient: string, kind: NotificationKind, actor: string, message: string): PatientNotification {
    const at = this.now().toISOString();
    const { lastInsertRowid } = this.prepare(
      'INSERT INTO notification (matricule, at, kind, actor, message) VALUES (?, ?, ?, ?, ?)',
    ).run(patient, at, kind, actor, message);
    return { id: Number(lastInsertRowid), patient, at, kind, actor, message };
  }

  /** A patient's notifications, oldest first. */
  forPatient(patient: string): PatientNotification[] {
    const rows = this.prepare(
      'SELECT id, matricule, at, kind, actor, message FROM notification WHERE matricule = ? ORDER BY id',
    ).all(patient) as {
      id: number;
      matricule: string;
      at: string;
      kind: NotificationKind;
      actor: string;
      message: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      patient: row.matricule,
      at: row.at,
      kind: row.kind,
      actor: row.actor,
      message: row.message,
    }));
  }
}
