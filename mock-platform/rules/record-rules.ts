import type { AuthorizationStatus } from '../../interop/hl7v3/td02.js';
import type { AccessMode } from '../../interop/vihf/index.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { Opposition, PatientRecord, PatientStore } from '../store/patient-store.js';


export interface RecordRulesOptions {
  readonly now: () => Date;
  /** How long a declared authorization lasts; one year unless configured. */
  readonly authorizationValidityDays: number;
}

export const DEFAULT_AUTHORIZATION_VALIDITY_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The record as a professional may learn it from TD0.2. */
export interface RecordView {
  readonly patient: PatientRecord;
  readonly authorization: AuthorizationStatus;
  readonly isMedecinTraitant: boolean;
}

/**
 * The platform's access rules, in one place for every service and the portal: record existence and closure,
 * authorizations and their expiry, professionals blocked by the patient, oppositions to break-glass and to
 * centre 15, the médecin traitant. State changes that concern the patient queue a notification for her.
 */
export class RecordRules {
  constructor(
    private readonly store: PatientStore,
    private readonly outbox: NotificationOutbox,
    private readonly options: RecordRulesOptions,
  ) {}

  /** The patient behind a matricule, or PATIENT_INCONNU. */
  patient(matricule: string): PatientRecord {
    const patient = this.store.find(matricule);
    if (!patient) throw new PlatformFault('PATIENT_INCONNU');
    return patient;
  }

  /** A professional's authorization: a patient's block wins over anything declared. */
  authorizationOf(patient: PatientRecord, professional: string): AuthorizationStatus {
    if (this.store.isBlocked(patient.matricule, professional)) return 'INTERDIT';
    const grant = this.store.authorization(patient.matricule, professional);
    if (!grant) return 'NON_EXISTE';
    return Date.parse(grant.expiresAt) > this.options.now().getTime() ? 'VALIDE' : 'EXPIRE';
  }

  /**
   * Checks the access mode against the patient's oppositions and records a non-normal access: the patient is
   * always told of a break-glass or centre 15 access. A closed or absent record has nothing to break into.
   */
  admitAccessMode(patient: PatientRecord, mode: AccessMode, professional: string): void {
    if (mode === 'normal') return;
    if (mode === 'bris_de_glace' && patient.breakGlassOpposed) throw new PlatformFault('BRIS_DE_GLACE_REFUSE');
    if (mode === 'centre_15' && patient.centre15Opposed) throw new PlatformFault('CENTRE_15_REFUSE');
    this.outbox.notify(
      patient.matricule,
      mode,
      professional,
      mode === 'bris_de_glace'
        ? `Le professionnel ${professional} a accédé à votre dossier en mode bris de glace (urgence).`
        : `Le centre de régulation (centre 15) a accédé à votre dossier par le professionnel ${professional}.`,
    );
  }

  /** TD0.2: what a professional may learn about a record. */
  view(matricule: string, professional: string, mode: AccessMode): RecordView {
    const patient = this.patient(matricule);
    if (patient.record.status === 'ACTIF') this.admitAccessMode(patient, mode, professional);
    return {
      patient,
      authorization: patient.record.status === 'ACTIF' ? this.authorizationOf(patient, professional) : 'NON_EXISTE',
      isMedecinTraitant: patient.medecinTraitant === professional,
    };
  }

  /** The record must exist and be open for anything to be declared or filed on it. */
  activeRecord(matricule: string): PatientRecord {
    const patient = this.patient(matricule);
    if (patient.record.status === 'OPPOSE') throw new PlatformFault('DMP_INEXISTANT');
    if (patient.record.status === 'FERME') throw new PlatformFault('DMP_FERME', { date: patient.record.closedAt.slice(0, 10) });
    return patient;
  }

  /** TD0.3 AJOUT: declares (or renews) the caller's authorization, optionally as médecin traitant. */
  declareAuthorization(matricule: string, professional: string, asMedecinTraitant: boolean): AuthorizationStatus {
    const patient = this.activeRecord(matricule);
    if (this.store.isBlocked(matricule, professional)) throw new PlatformFault('PS_BLOQUE');
    const now = this.options.now();
    const expiresAt = new Date(now.getTime() + this.options.authorizationValidityDays * DAY_MS);
    this.store.transaction(() => {
      this.store.grant(matricule, professional, now.toISOString(), expiresAt.toISOString());
      if (asMedecinTraitant) this.store.setMedecinTraitant(matricule, professional);
      this.outbox.notify(
        matricule,
        'autorisation',
        professional,
        asMedecinTraitant
          ? `Le professionnel ${professional} s'est déclaré votre médecin traitant et a été autorisé à accéder à votre dossier.`
          : `Le professionnel ${professional} a été autorisé à accéder à votre dossier.`,
      );
    });
    return this.authorizationOf(patient, professional);
  }

  /**
   * TD0.3 SUPPRESSION: with the médecin traitant role, only that role is given up; without it, the
   * authorization goes (and the role with it, since a médecin traitant without access makes no sense).
   */
  removeAuthorization(matricule: string, professional: string, onlyMedecinTraitant: boolean): AuthorizationStatus {
    const patient = this.activeRecord(matricule);
    this.store.transaction(() => {
      if (onlyMedecinTraitant) {
        if (patient.medecinTraitant !== professional) throw new PlatformFault('AUTORISATION_INEXISTANTE');
        this.store.setMedecinTraitant(matricule, undefined);
      } else {
        if (!this.store.revoke(matricule, professional)) throw new PlatformFault('AUTORISATION_INEXISTANTE');
        if (patient.medecinTraitant === professional) this.store.setMedecinTraitant(matricule, undefined);
      }
      this.outbox.notify(
        matricule,
        'autorisation',
        professional,
        onlyMedecinTraitant
          ? `Le professionnel ${professional} n'est plus déclaré comme votre médecin traitant.`
          : `L'autorisation d'accès du professionnel ${professional} à votre dossier a été retirée.`,
      );
    });
    return this.authorizationOf(this.patient(matricule), professional);
  }

  // The patient's own decisions, from the portal.

  block(matricule: string, professional: string): void {
    this.store.block(this.activeRecord(matricule).matricule, professional, this.options.now().toISOString());
  }

  unblock(matricule: string, professional: string): void {
    this.store.unblock(this.activeRecord(matricule).matricule, professional);
  }

  setOpposition(matricule: string, opposition: Opposition, opposed: boolean): void {
    this.store.setOpposition(this.activeRecord(matricule).matricule, opposition, opposed);
  }

  designateMedecinTraitant(matricule: string, professional: string | undefined): void {
    this.store.setMedecinTraitant(this.activeRecord(matricule).matricule, professional);
  }

  close(matricule: string, reasonText: string): void {
    const patient = this.activeRecord(matricule);
    this.store.setRecordState(patient.matricule, {
      status: 'FERME',
      closedAt: this.options.now().toISOString(),
      reasonCode: 'DEMANDE_PATIENT',
      reasonText,
    });
  }

  reopen(matricule: string): void {
    const patient = this.patient(matricule);
    if (patient.record.status === 'OPPOSE') throw new PlatformFault('DMP_INEXISTANT');
    this.store.setRecordState(matricule, { status: 'ACTIF' });
  }
}
