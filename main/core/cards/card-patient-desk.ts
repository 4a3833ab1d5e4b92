import type { Beneficiary, Patient } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { CardSession, VitaleData } from '../../../native-bridge/index.js';
import type { ConsentAnswer, PatientDesk, RecordAnswer } from '../api/patient-port.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import { chooseBeneficiary, openDmpSession, type DmpSessionHandle } from './open-dmp-session.js';

/** What the desk needs from the card layer: the professional's open session and the Vitale card in its reader. */
export interface DeskCards {
  readonly current: CardSession | undefined;
  readVitale(): Promise<VitaleData>;
}

export interface CardPatientDeskOptions {
  readonly home: string;
  readonly version: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * One professional, one current patient: the platform session follows the card session (a new login or a
 * pulled card starts over, forgetting the patient), and every record call is about the patient INSi returned.
 */
export class CardPatientDesk implements PatientDesk {
  private handle: { readonly card: CardSession; readonly dmp: DmpSessionHandle } | undefined;
  private patient: PatientIdentity | undefined;

  constructor(
    private readonly cards: DeskCards,
    private readonly options: CardPatientDeskOptions,
  ) {}

  private dmp(): DmpSessionHandle {
    const card = this.cards.current;
    if (this.handle && this.handle.card !== card) this.close();
    if (!card) throw new PasserelleError('NOT_LOGGED_IN', { label: 'CPS' });
    this.handle ??= { card, dmp: openDmpSession(this.options.home, card, this.options.version, this.options.env) };
    return this.handle.dmp;
  }

  private current(): { dmp: DmpSessionHandle; patient: PatientIdentity } {
    const dmp = this.dmp();
    if (!this.patient) throw new PasserelleError('PATIENT_NOT_SELECTED');
    return { dmp, patient: this.patient };
  }

  async readVitale(): Promise<readonly Beneficiary[]> {
    const vitale = await this.cards.readVitale();
    return vitale.beneficiaries.map((beneficiary, index) => ({
      index: index + 1,
      birthName: beneficiary.birthName,
      usedName: beneficiary.usedName,
      firstNames: [...beneficiary.firstNames],
      birthDateOnCard: beneficiary.birthDateOnCard,
      birthRank: beneficiary.birthRank,
      sex: beneficiary.sex,
    }));
  }

  async identify(beneficiary: number | undefined): Promise<Patient> {
    const dmp = this.dmp();
    const chosen = chooseBeneficiary(await this.cards.readVitale(), beneficiary);
    // A failed identification leaves no patient selected: the previous one must not receive what follows.
    this.patient = undefined;
    this.patient = await dmp.session.identify(chosen);
    return this.patient;
  }

  qualify(documentChecked: string): Promise<Patient> {
    const { dmp, patient } = this.current();
    this.patient = dmp.session.qualify(patient, documentChecked);
    return Promise.resolve(this.patient);
  }

  async recordStatus(): Promise<RecordAnswer> {
    const { dmp, patient } = this.current();
    const record = await dmp.session.recordStatus(patient);
    return { patient, record, clock: dmp.session.clock ?? null };
  }

  async consent(options: { readonly patientAgreed: boolean; readonly medecinTraitant: boolean; readonly remove: boolean }): Promise<ConsentAnswer> {
    const { dmp, patient } = this.current();
    const { medecinTraitant } = options;
    const authorization = options.remove
      ? await dmp.session.removeConsent(patient, { medecinTraitant })
      : await dmp.session.declareConsent(patient, { patientAgreed: options.patientAgreed, medecinTraitant });
    const record = await dmp.session.recordStatus(patient);
    return { patient, record, clock: dmp.session.clock ?? null, authorization };
  }

  /** Ends the platform session and forgets the patient. */
  close(): void {
    this.handle?.dmp.close();
    this.handle = undefined;
    this.patient = undefined;
  }
}
