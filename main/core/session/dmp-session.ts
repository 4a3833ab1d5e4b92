import { PasserelleError } from '../../../api/errors/index.js';
import { buildTd03Request, readTd03Answer, TD03_ACTION } from '../../../interop/habilitations/td03.js';
import { buildTd02Request, readTd02Answer, TD02_ACTION, type AuthorizationStatus, type RecordStatus } from '../../../interop/hl7v3/td02.js';
import { buildInsiVitaleRequest, INSI_ACTIONS, insiContextHeader, readInsiResult } from '../../../interop/insi/insi-messages.js';
import type { Journal } from '../journal/journal.js';
import { insReference, type PatientIdentity, type VitaleBeneficiaryData } from '../patient/patient-identity.js';
import type { PlatformClient, SoapCallResult } from '../platform/platform-client.js';
import type { PlatformCredentials, SoftwareIdentity } from './credentials.js';
import { VihfIssuer, type AccessContext } from './vihf-issuer.js';

/** Above this gap between our clock and the platform's, the user is warned (the platform refuses at 5 min). */
export const CLOCK_WARNING_SECONDS = 120;

export interface ClockCheck {
  readonly skewSeconds: number;
  readonly warning: boolean;
}

export interface DmpSessionDependencies {
  readonly client: PlatformClient;
  readonly credentials: PlatformCredentials;
  readonly software: SoftwareIdentity;
  readonly journal: Journal;
  readonly now?: () => Date;
}

/**
 * A professional's working session with the platform: identifying the patient through INSi, the record's
 * status (TD0.2), and the consent declaration (TD0.3). One VIHF is signed per patient and access mode and
 * reused for a few minutes.
 */
export class DmpSession {
  readonly vihf: VihfIssuer;
  private readonly now: () => Date;
  private lastClockCheck: ClockCheck | undefined;
  /** Round trips to the platform, counted for the benchmarks. */
  roundTrips = 0;

  constructor(private readonly deps: DmpSessionDependencies) {
    this.now = deps.now ?? (() => new Date());
    this.vihf = new VihfIssuer(deps.credentials, deps.software, this.now);
  }

  /** How far our clock is from the platform's, from the last reply's Date header. */
  get clock(): ClockCheck | undefined {
    return this.lastClockCheck;
  }

  /**
   * Asks INSi for the INS of one beneficiary of a Vitale card. The answer is the INS and the reference
   * traits, never chosen silently: several identities (homonyms) or none are typed errors.
   */
  async identify(beneficiary: VitaleBeneficiaryData): Promise<PatientIdentity> {
    const result = await this.call({
      service: 'insi',
      action: INSI_ACTIONS.vitale,
      bodyXml: buildInsiVitaleRequest({
        holderNir: beneficiary.holderNir,
        beneficiaryNir: beneficiary.nir,
        birthDateOnCard: beneficiary.birthDateOnCard,
        birthRank: beneficiary.birthRank,
      }),
      extraHeadersXml: insiContextHeader({ name: this.deps.software.name, version: this.deps.software.version, idam: this.deps.software.idam }, this.now()),
    });
    const answer = readInsiResult(result.payload, this.deps.client.baseUrl);
    if (answer.code === '01') throw new PasserelleError('INSI_NO_IDENTITY');
    if (answer.code === '02') throw new PasserelleError('INSI_SEVERAL_IDENTITIES');
    const identity: PatientIdentity = { ins: answer.identity, status: 'RECUP' };
    this.deps.journal.record({ actor: this.deps.credentials.actor, action: 'identity.retrieved', patient: insReference(identity), details: {} });
    return identity;
  }

  /**
   * Qualifies the identity once the professional confirms she checked a high-trust identity document
   * (passport, identity card, residence permit): RNIV's `QUAL`. The decision is journaled.
   */
  qualify(identity: PatientIdentity, documentChecked: string): PatientIdentity {
    if (documentChecked.trim() === '') throw new PasserelleError('INVALID_INPUT', { reason: 'the identity document checked must be named' });
    this.deps.journal.record({
      actor: this.deps.credentials.actor,
      action: 'identity.qualified',
      patient: insReference(identity),
      details: { document: documentChecked.trim() },
    });
    return { ...identity, status: 'QUAL' };
  }

  /** TD0.2: does the record exist, is it open, am I authorized, am I the médecin traitant. */
  async recordStatus(identity: PatientIdentity, access: AccessContext = { mode: 'normal' }): Promise<RecordStatus> {
    const patient = { matricule: identity.ins.matricule, oid: identity.ins.oid };
    const result = await this.call({
      service: 'patients',
      action: TD02_ACTION,
      bodyXml: buildTd02Request(patient, this.deps.software.oid, this.now()),
      vihf: await this.vihf.forPatient(patient, access),
    });
    return readTd02Answer(result.payload, this.deps.client.baseUrl);
  }

  /**
   * TD0.3 AJOUT: declares that the patient agreed to this professional's access. `patientAgreed` is the
   * professional's explicit confirmation; without it nothing is sent.
   */
  async declareConsent(identity: PatientIdentity, options: { patientAgreed: boolean; medecinTraitant?: boolean }): Promise<AuthorizationStatus> {
    if (!options.patientAgreed) throw new PasserelleError('CONSENT_NOT_CONFIRMED');
    const status = await this.setAuthorization(identity, 'AJOUT', options.medecinTraitant ?? false);
    this.deps.journal.record({
      actor: this.deps.credentials.actor,
      action: 'consent.declared',
      patient: insReference(identity),
      details: { medecinTraitant: String(options.medecinTraitant ?? false), status },
    });
    return status;
  }

  /** TD0.3 SUPPRESSION: withdraws this professional's authorization (or only the médecin traitant role). */
  async removeConsent(identity: PatientIdentity, options: { medecinTraitant?: boolean } = {}): Promise<AuthorizationStatus> {
    const status = await this.setAuthorization(identity, 'SUPPRESSION', options.medecinTraitant ?? false);
    this.deps.journal.record({
      actor: this.deps.credentials.actor,
      action: 'consent.removed',
      patient: insReference(identity),
      details: { medecinTraitant: String(options.medecinTraitant ?? false), status },
    });
    return status;
  }

  /** Forgets signed tokens: the card was pulled or the professional left. */
  close(): void {
    this.vihf.clear();
  }

  private async setAuthorization(identity: PatientIdentity, action: 'AJOUT' | 'SUPPRESSION', medecinTraitant: boolean): Promise<AuthorizationStatus> {
    const patient = { matricule: identity.ins.matricule, oid: identity.ins.oid };
    const result = await this.call({
      service: 'habilitations',
      action: TD03_ACTION,
      bodyXml: buildTd03Request(action, medecinTraitant),
      vihf: await this.vihf.forPatient(patient),
    });
    return readTd03Answer(result.payload, this.deps.client.baseUrl);
  }

  private async call(request: Parameters<PlatformClient['call']>[0]): Promise<SoapCallResult> {
    this.roundTrips += 1;
    const result = await this.deps.client.call(request);
    if (result.platformTime) {
      const skewSeconds = Math.round((this.now().getTime() - result.platformTime.getTime()) / 1000);
      this.lastClockCheck = { skewSeconds, warning: Math.abs(skewSeconds) > CLOCK_WARNING_SECONDS };
    }
    return result;
  }
}
