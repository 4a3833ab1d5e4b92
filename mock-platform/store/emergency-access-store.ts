import type { PlatformDatabase } from './database.js';

/** The two modes that open a record without the patient's consent (CSP L. 1111-17 I). */
export type EmergencyMode = 'bris_de_glace' | 'centre_15';

/** One emergency access opened on a record: who, why, from when to when. */
export interface EmergencyAccess {
  readonly id: number;
  readonly patient: string;
  /** Who holds it: the professional in direct mode, the structure in indirect mode (as authorizations). */
  readonly holder: string;
  readonly mode: EmergencyMode;
  /** The VIHF's actor and human-readable identity, as the patient is told. */
  readonly actor: string;
  readonly actorName: string;
  readonly structure: string;
  readonly reason: string;
  readonly openedAt: string;
  readonly expiresAt: string;
}

interface EmergencyAccessRow {
  id: number;
  matricule: string;
  holder: string;
  mode: EmergencyMode;
  actor: string;
  actor_name: string;
  structure: string;
  reason: string;
  opened_at: string;
  expires_at: string;
}

function hydrate(row: EmergencyAccessRow): EmergencyAccess {
  return {
    id: row.id,
    patient: row.matricule,
    holder: row.holder,
    mode: row.mode,
    actor: row.actor,
    actorName: row.actor_name,
    structure: row.structure,
    reason: row.reason,
    openedAt: row.opened_at,
    expiresAt: row.expires_at,
  };
}

/** Emergency accesses in SQLite. Plain storage: when one is opened, and what it allows, live in `rules/`. */
export class EmergencyAccessStore {
  constructor(private readonly db: PlatformDatabase) {}

  open(access: Omit<EmergencyAccess, 'id'>): EmergencyAccess {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO emergency_access (matricule, holder, mode, actor, actor_name, structure, reason, opened_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        access.patient,
        access.holder,
        access.mode,
        access.actor,
        access.actorName,
        access.structure,
        access.reason,
        access.openedAt,
        access.expiresAt,
      );
    return { ...access, id: Number(lastInsertRowid) };
  }

  /** The holder's accesses to a record still running at `at` (ISO), the latest ending first; one mode or both. */
  running(patient: string, holder: string, at: string, mode?: EmergencyMode): EmergencyAccess[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM emergency_access WHERE matricule = ? AND holder = ? AND expires_at > ? AND (? IS NULL OR mode = ?)
         ORDER BY expires_at DESC, id DESC`,
      )
      .all(patient, holder, at, mode ?? null, mode ?? null) as EmergencyAccessRow[];
    return rows.map(hydrate);
  }

  /** Every access opened on a record, oldest first (tests, and what the patient may be shown). */
  ofPatient(patient: string): EmergencyAccess[] {
    return (
      this.db
        .prepare('SELECT * FROM emergency_access WHERE matricule = ? ORDER BY id')
        .all(patient) as EmergencyAccessRow[]
    ).map(hydrate);
  }
}
