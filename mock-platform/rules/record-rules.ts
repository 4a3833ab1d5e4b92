import type { AuthorizationStatus } from '../../interop/hl7v3/td02.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import { PlatformFault } from '../soap/platform-fault.js';
import type { EmergencyAccess, EmergencyAccessStore, EmergencyMode } from '../store/emergency-access-store.js';
import type { Opposition, PatientRecord, PatientStore } from '../store/patient-store.js';
import type { StructureDirectory } from '../store/structure-directory.js';
import type { VerifiedVihf } from '../vihf/vihf-guard.js';

export interface RecordRulesOptions {
  readonly now: () => Date;
  /** How long a declared authorization lasts; one year unless configured. */
  readonly authorizationValidityDays: number;
  /** How long one break-glass or centre 15 access lasts before it must be opened (and justified) again. */
  readonly emergencyAccessHours: number;
}

export const DEFAULT_AUTHORIZATION_VALIDITY_DAYS = 365;
/**
 * Our reading: the law bounds the emergency (CSP L. 1111-17 I) but no public text gives the platform's
 * duration; four hours covers a stay in the emergency department without making one justification last a day.
 */
export const DEFAULT_EMERGENCY_ACCESS_HOURS = 4;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** TRE_G15: only physicians regulate the calls of a SAMU centre (CSP L. 1111-17 I, "le médecin régulateur"). */
const PHYSICIAN = '10';

const MODE_LABELS: Record<EmergencyMode, string> = {
  bris_de_glace: 'bris de glace (urgence)',
  centre_15: 'régulation médicale (centre 15)',
};

/** Metropolitan French time, as the patient reads it. */
const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** The record as a professional may learn it from TD0.2. */
export interface RecordView {
  readonly patient: PatientRecord;
  readonly authorization: AuthorizationStatus;
  readonly isMedecinTraitant: boolean;
  /** The caller's emergency access running on the record, if any (the client shows its end). */
  readonly emergencyAccess?: EmergencyAccess;
}

/**
 * The platform's access rules, in one place for every service and the portal: record existence and closure,
 * authorizations and their expiry, professionals blocked by the patient, oppositions to break-glass and to
 * centre 15 and who may regulate (the structure directory), the médecin traitant. State changes that concern
 * the patient queue a notification for her.
 */
export class RecordRules {
  constructor(
    private readonly store: PatientStore,
    private readonly emergencies: EmergencyAccessStore,
    private readonly outbox: NotificationOutbox,
    private readonly directory: StructureDirectory,
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
    return this.grantOf(patient, professional);
  }

  /** What a professional the patient has not blocked (checked by the caller) was granted on her record. */
  grantOf(patient: PatientRecord, professional: string): Exclude<AuthorizationStatus, 'INTERDIT'> {
    const grant = this.store.authorization(patient.matricule, professional);
    if (!grant) return 'NON_EXISTE';
    return Date.parse(grant.expiresAt) > this.options.now().getTime() ? 'VALIDE' : 'EXPIRE';
  }

  /**
   * Admits a call's access mode on an open record. `normal` needs nothing here (consent is the authorization's
   * business). An emergency mode is the law's exception to consent (CSP L. 1111-17 I): centre 15 only for a
   * regulation physician checked against the directory, either mode refused when the patient expressly opposed
   * it. The first such call opens an access that lasts `emergencyAccessHours` and is notified to the patient at
   * once; calls within the window ride on it; the first call after it opens (and notifies) a new one, so that
   * one justification never covers more than the window. The justification itself is checked with the VIHF
   * (MOTIF_ACCES_ABSENT).
   */
  admitAccessMode(patient: PatientRecord, caller: VerifiedVihf): EmergencyAccess | undefined {
    const mode = caller.accessMode;
    if (mode === 'normal') return undefined;
    if (mode === 'centre_15') this.admitRegulation(caller);
    if (mode === 'bris_de_glace' && patient.breakGlassOpposed) throw new PlatformFault('BRIS_DE_GLACE_REFUSE');
    if (mode === 'centre_15' && patient.centre15Opposed) throw new PlatformFault('CENTRE_15_REFUSE');
    const now = this.options.now();
    return this.store.transaction(() => {
      const [running] = this.emergencies.running(patient.matricule, caller.holder, now.toISOString(), mode);
      if (running) return running;
      const access = this.emergencies.open({
        patient: patient.matricule,
        holder: caller.holder,
        mode,
        actor: caller.actor,
        actorName: caller.subjectName,
        structure: caller.structure,
        reason: caller.accessReason ?? '',
        openedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.options.emergencyAccessHours * HOUR_MS).toISOString(),
      });
      this.outbox.notify(patient.matricule, mode, caller.holder, emergencyNotice(access));
      return access;
    });
  }

  /**
   * Centre 15 is the regulation physician's (CSP L. 1111-17 I): a physician whose token claims the medical
   * regulation, acting from a structure the directory certifies as a SAMU regulation centre, where the
   * directory lists him. The claim alone is the caller's word; the structure and the practice are the
   * directory's, so that a physician cannot regulate from his own hospital, nor name a centre he does not
   * work at. In indirect mode the actor is a local user id the directory does not list: refused.
   */
  private admitRegulation(caller: VerifiedVihf): void {
    const refuse = (motif: string): PlatformFault => new PlatformFault('CENTRE_15_NON_HABILITE', { motif });
    if (caller.profession !== PHYSICIAN) throw refuse("le professionnel n'est pas médecin");
    if (!caller.medicalRegulation)
      throw refuse('le jeton VIHF ne déclare pas la régulation médicale (Acces_Regulation_Medicale)');
    const structure = caller.structure.slice(0, 40);
    if (!this.directory.structure(caller.structure)?.samuRegulation)
      throw refuse(`la structure ${structure} n'est pas un centre de régulation du SAMU de l'annuaire`);
    if (!this.directory.practises(caller.actor, caller.structure))
      throw refuse(`l'annuaire ne recense pas ce professionnel dans la structure ${structure}`);
  }

  /**
   * TD0.2: what a professional may learn about a record. An emergency mode is admitted (and opened) here too,
   * on an open record and for a professional the patient did not block: he learns INTERDIT, and opens nothing.
   */
  view(matricule: string, caller: VerifiedVihf): RecordView {
    const patient = this.patient(matricule);
    const active = patient.record.status === 'ACTIF';
    const authorization = active ? this.authorizationOf(patient, caller.holder) : 'NON_EXISTE';
    if (active && authorization !== 'INTERDIT') this.admitAccessMode(patient, caller);
    const [emergencyAccess] = active
      ? this.emergencies.running(matricule, caller.holder, this.options.now().toISOString())
      : [];
    return {
      patient,
      authorization,
      isMedecinTraitant: patient.medecinTraitant === caller.holder,
      ...(emergencyAccess ? { emergencyAccess } : {}),
    };
  }

  /** The record must exist and be open for anything to be declared or filed on it. */
  activeRecord(matricule: string): PatientRecord {
    return this.openRecord(this.patient(matricule));
  }

  /** A patient's record already read, refused as {@link activeRecord} refuses it when it is not open. */
  openRecord(patient: PatientRecord): PatientRecord {
    if (patient.record.status === 'OPPOSE') throw new PlatformFault('DMP_INEXISTANT');
    if (patient.record.status === 'FERME')
      throw new PlatformFault('DMP_FERME', { date: patient.record.closedAt.slice(0, 10) });
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

/**
 * What the patient reads when an emergency access is opened on her record: who (name and national id), from
 * which structure, when, in which mode, and the justification given.
 */
function emergencyNotice(access: EmergencyAccess): string {
  const when = PARIS_TIME.format(new Date(access.openedAt));
  return (
    `Accès en mode ${MODE_LABELS[access.mode]} à votre dossier le ${when} (heure de Paris) par ${access.actorName} ` +
    `(identifiant ${access.actor}, structure ${access.structure}), sans votre consentement préalable. Motif indiqué : « ${access.reason} ».`
  );
}
