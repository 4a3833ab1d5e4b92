import { preparedOnce, type PlatformDatabase, type PlatformStatement } from './database.js';

/** The five strict INS traits plus the used name, as the national registry (RNIPP) knows them. */
export interface ReferenceTraits {
  readonly birthName: string;
  readonly usedName: string;
  /** All birth first names, in order; the first is the usual one. */
  readonly firstNames: readonly string[];
  readonly sex: 'M' | 'F';
  /** `YYYY-MM-DD`; a "lunar" date keeps its `00` day or month. */
  readonly birthDate: string;
  /** INSEE COG code of the birth place (`99xxx` abroad). */
  readonly birthPlace: string;
}

/** An INS the person held before the current one (a NIA replaced by a NIR, for instance). */
export interface InsHistoryEntry {
  readonly matricule: string;
  readonly oid: string;
  readonly validFrom: string;
  readonly validTo: string;
}

export type RecordState =
  | { readonly status: 'ACTIF' }
  | { readonly status: 'FERME'; readonly closedAt: string; readonly reasonCode: string; readonly reasonText: string }
  /** The patient opposed the creation of a record: there is none, and none may be created. */
  | { readonly status: 'OPPOSE' };

/** One person known to the platform: identity (INSi side) and record (DMP side). */
export interface PatientRecord {
  /** 15 characters: 13-character NIR body + key. */
  readonly matricule: string;
  readonly oid: string;
  readonly traits: ReferenceTraits;
  /** NIR (15 characters) of the Vitale card's holder ("ouvrant droit") this person is a beneficiary on. */
  readonly vitaleHolder: string;
  readonly birthRank: number;
  readonly history: readonly InsHistoryEntry[];
  readonly record: RecordState;
  readonly mesAccountOpen: boolean;
  readonly breakGlassOpposed: boolean;
  readonly centre15Opposed: boolean;
  readonly minor: boolean;
  /** A minor's "connexion secrète": her record is hidden from her legal representatives. */
  readonly secretConnection: boolean;
  /** National id of the médecin traitant DMP, if one is declared. */
  readonly medecinTraitant?: string;
  /** Matricules of the legal representatives (for a minor). */
  readonly legalRepresentatives: readonly string[];
}

export interface AuthorizationGrant {
  readonly professional: string;
  readonly grantedAt: string;
  readonly expiresAt: string;
}

export interface BlockedProfessional {
  readonly professional: string;
  readonly blockedAt: string;
}

export type Opposition = 'bris_de_glace' | 'centre_15';

interface PatientRow {
  matricule: string;
  oid: string;
  birth_name: string;
  used_name: string;
  first_names: string;
  sex: 'M' | 'F';
  birth_date: string;
  birth_place: string;
  vitale_holder: string;
  birth_rank: number;
  record_status: 'ACTIF' | 'FERME' | 'OPPOSE';
  closed_at: string | null;
  closure_reason_code: string | null;
  closure_reason_text: string | null;
  mes_account_open: number;
  break_glass_opposed: number;
  centre15_opposed: number;
  minor: number;
  secret_connection: number;
  medecin_traitant: string | null;
}

/**
 * The platform's people and records in SQLite. Plain storage: the rules (who may see what, what a status
 * means) live in `rules/`, so that every service applies the same ones.
 */
export class PatientStore {
  private readonly prepare: (sql: string) => PlatformStatement;

  constructor(private readonly db: PlatformDatabase) {
    this.prepare = preparedOnce(db);
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Forgets every patient and everything attached to them (seeding starts from here). */
  clear(): void {
    this.db.exec(
      'DELETE FROM emergency_access; DELETE FROM legal_representative; DELETE FROM authorization; DELETE FROM blocked_professional; DELETE FROM ins_history; DELETE FROM patient;',
    );
  }

  insert(patient: PatientRecord): void {
    const { traits, record } = patient;
    this.prepare(
      `INSERT INTO patient (matricule, oid, birth_name, used_name, first_names, sex, birth_date, birth_place, vitale_holder, birth_rank,
           record_status, closed_at, closure_reason_code, closure_reason_text, mes_account_open, break_glass_opposed, centre15_opposed,
           minor, secret_connection, medecin_traitant)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      patient.matricule,
      patient.oid,
      traits.birthName,
      traits.usedName,
      traits.firstNames.join(' '),
      traits.sex,
      traits.birthDate,
      traits.birthPlace,
      patient.vitaleHolder,
      patient.birthRank,
      record.status,
      record.status === 'FERME' ? record.closedAt : null,
      record.status === 'FERME' ? record.reasonCode : null,
      record.status === 'FERME' ? record.reasonText : null,
      Number(patient.mesAccountOpen),
      Number(patient.breakGlassOpposed),
      Number(patient.centre15Opposed),
      Number(patient.minor),
      Number(patient.secretConnection),
      patient.medecinTraitant ?? null,
    );
    for (const entry of patient.history) {
      this.prepare(
        'INSERT INTO ins_history (matricule, previous_matricule, oid, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)',
      ).run(patient.matricule, entry.matricule, entry.oid, entry.validFrom, entry.validTo);
    }
  }

  /** Links a minor to a legal representative; both must already be inserted. */
  addLegalRepresentative(minor: string, representative: string): void {
    this.prepare('INSERT INTO legal_representative (minor, representative) VALUES (?, ?)').run(minor, representative);
  }

  /** Matricules of the minors someone is a legal representative of. */
  representedBy(representative: string): string[] {
    return (
      this.prepare('SELECT minor FROM legal_representative WHERE representative = ? ORDER BY minor').all(
        representative,
      ) as { minor: string }[]
    ).map((row) => row.minor);
  }

  find(matricule: string): PatientRecord | undefined {
    const row = this.prepare('SELECT * FROM patient WHERE matricule = ?').get(matricule) as PatientRow | undefined;
    return row && this.hydrate(row);
  }

  /** The patient who held `matricule` before her current INS (a NIA replaced by a NIR), if any. */
  holderOfPreviousIns(matricule: string): string | undefined {
    const row = this.prepare('SELECT matricule FROM ins_history WHERE previous_matricule = ?').get(matricule) as
      { matricule: string } | undefined;
    return row?.matricule;
  }

  /** Everyone, in matricule order (for the portal's patient list and tests). */
  all(): PatientRecord[] {
    return (this.prepare('SELECT * FROM patient ORDER BY matricule').all() as PatientRow[]).map((row) =>
      this.hydrate(row),
    );
  }

  /** The beneficiaries registered on a Vitale card, by its holder's NIR. */
  beneficiariesOf(vitaleHolder: string): PatientRecord[] {
    return (
      this.prepare('SELECT * FROM patient WHERE vitale_holder = ? ORDER BY matricule').all(vitaleHolder) as PatientRow[]
    ).map((row) => this.hydrate(row));
  }

  /** Candidates for a traits search: same birth name, sex and birth date; first names are compared by the caller. */
  withStrictTraits(birthName: string, sex: string, birthDate: string): PatientRecord[] {
    return (
      this.prepare('SELECT * FROM patient WHERE birth_name = ? AND sex = ? AND birth_date = ? ORDER BY matricule').all(
        birthName,
        sex,
        birthDate,
      ) as PatientRow[]
    ).map((row) => this.hydrate(row));
  }

  authorization(matricule: string, professional: string): AuthorizationGrant | undefined {
    const row = this.prepare(
      'SELECT professional, granted_at, expires_at FROM authorization WHERE matricule = ? AND professional = ?',
    ).get(matricule, professional) as { professional: string; granted_at: string; expires_at: string } | undefined;
    return row && { professional: row.professional, grantedAt: row.granted_at, expiresAt: row.expires_at };
  }

  authorizations(matricule: string): AuthorizationGrant[] {
    const rows = this.prepare(
      'SELECT professional, granted_at, expires_at FROM authorization WHERE matricule = ? ORDER BY professional',
    ).all(matricule) as { professional: string; granted_at: string; expires_at: string }[];
    return rows.map((row) => ({
      professional: row.professional,
      grantedAt: row.granted_at,
      expiresAt: row.expires_at,
    }));
  }

  /** Grants (or renews) a professional's authorization. */
  grant(matricule: string, professional: string, grantedAt: string, expiresAt: string): void {
    this.prepare(
      `INSERT INTO authorization (matricule, professional, granted_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (matricule, professional) DO UPDATE SET granted_at = excluded.granted_at, expires_at = excluded.expires_at`,
    ).run(matricule, professional, grantedAt, expiresAt);
  }

  /** Removes an authorization; true when there was one. */
  revoke(matricule: string, professional: string): boolean {
    return (
      this.prepare('DELETE FROM authorization WHERE matricule = ? AND professional = ?').run(matricule, professional)
        .changes > 0
    );
  }

  blocked(matricule: string): BlockedProfessional[] {
    const rows = this.prepare(
      'SELECT professional, blocked_at FROM blocked_professional WHERE matricule = ? ORDER BY professional',
    ).all(matricule) as { professional: string; blocked_at: string }[];
    return rows.map((row) => ({ professional: row.professional, blockedAt: row.blocked_at }));
  }

  isBlocked(matricule: string, professional: string): boolean {
    return (
      this.prepare('SELECT 1 FROM blocked_professional WHERE matricule = ? AND professional = ?').get(
        matricule,
        professional,
      ) !== undefined
    );
  }

  block(matricule: string, professional: string, at: string): void {
    this.prepare(
      'INSERT OR IGNORE INTO blocked_professional (matricule, professional, blocked_at) VALUES (?, ?, ?)',
    ).run(matricule, professional, at);
  }

  unblock(matricule: string, professional: string): boolean {
    return (
      this.prepare('DELETE FROM blocked_professional WHERE matricule = ? AND professional = ?').run(
        matricule,
        professional,
      ).changes > 0
    );
  }

  setOpposition(matricule: string, opposition: Opposition, opposed: boolean): void {
    const column = opposition === 'bris_de_glace' ? 'break_glass_opposed' : 'centre15_opposed';
    this.prepare(`UPDATE patient SET ${column} = ? WHERE matricule = ?`).run(Number(opposed), matricule);
  }

  setMedecinTraitant(matricule: string, professional: string | undefined): void {
    this.prepare('UPDATE patient SET medecin_traitant = ? WHERE matricule = ?').run(professional ?? null, matricule);
  }

  setRecordState(matricule: string, state: RecordState): void {
    this.prepare(
      'UPDATE patient SET record_status = ?, closed_at = ?, closure_reason_code = ?, closure_reason_text = ? WHERE matricule = ?',
    ).run(
      state.status,
      state.status === 'FERME' ? state.closedAt : null,
      state.status === 'FERME' ? state.reasonCode : null,
      state.status === 'FERME' ? state.reasonText : null,
      matricule,
    );
  }

  private hydrate(row: PatientRow): PatientRecord {
    const history = (
      this.prepare(
        'SELECT previous_matricule, oid, valid_from, valid_to FROM ins_history WHERE matricule = ? ORDER BY valid_from',
      ).all(row.matricule) as {
        previous_matricule: string;
        oid: string;
        valid_from: string;
        valid_to: string;
      }[]
    ).map((entry) => ({
      matricule: entry.previous_matricule,
      oid: entry.oid,
      validFrom: entry.valid_from,
      validTo: entry.valid_to,
    }));
    const representatives = (
      this.prepare('SELECT representative FROM legal_representative WHERE minor = ? ORDER BY representative').all(
        row.matricule,
      ) as { representative: string }[]
    ).map((entry) => entry.representative);
    const record: RecordState =
      row.record_status === 'FERME'
        ? {
            status: 'FERME',
            closedAt: row.closed_at ?? '',
            reasonCode: row.closure_reason_code ?? '',
            reasonText: row.closure_reason_text ?? '',
          }
        : { status: row.record_status };
    return {
      matricule: row.matricule,
      oid: row.oid,
      traits: {
        birthName: row.birth_name,
        usedName: row.used_name,
        firstNames: row.first_names.split(' '),
        sex: row.sex,
        birthDate: row.birth_date,
        birthPlace: row.birth_place,
      },
      vitaleHolder: row.vitale_holder,
      birthRank: row.birth_rank,
      history,
      record,
      mesAccountOpen: row.mes_account_open === 1,
      breakGlassOpposed: row.break_glass_opposed === 1,
      centre15Opposed: row.centre15_opposed === 1,
      minor: row.minor === 1,
      secretConnection: row.secret_connection === 1,
      ...(row.medecin_traitant === null ? {} : { medecinTraitant: row.medecin_traitant }),
      legalRepresentatives: representatives,
    };
  }
}
