import type { RecordStatus } from '../../../interop/hl7v3/td02.js';
import type { VisitOutcome } from '../consult/record-consultation.js';
import { insReference, type PatientIdentity, type VitaleBeneficiaryData } from '../patient/patient-identity.js';

/**
 * How long an answer asked ahead stays the answer to the window's call for it. The window makes its calls as soon
 * as the previous one answered; an answer nobody took for a minute is left, and the call then asks the platform.
 */
export const PREFETCH_FRESH_MS = 60_000;

/** The search asked ahead: the visit, and the platform calls it cost. */
export interface PrefetchedVisit {
  readonly outcome: VisitOutcome;
  readonly roundTrips: number;
}

/** Who the card read names: the same person when read again, another one otherwise. */
export function beneficiaryKey(beneficiary: VitaleBeneficiaryData): string {
  return JSON.stringify([beneficiary.holderNir, beneficiary.nir, beneficiary.birthDateOnCard, beneficiary.birthRank]);
}

/** The three answers asked ahead, each a promise whose rejection is the caller's to see (none is left unhandled). */
export interface PrefetchSteps {
  readonly identified: Promise<PatientIdentity>;
  readonly status: Promise<RecordStatus>;
  /** Undefined when the platform did not say she may consult the record: then nothing was searched. */
  readonly visit: Promise<PrefetchedVisit | undefined>;
}

/**
 * What the window asks after a Vitale card with one beneficiary is read (INSi, the record's status, the list),
 * asked as soon as the card is read, within one professional's card session. Each answer serves once, the
 * window's next call for it, while fresh and about the same beneficiary or patient; it is the platform's own
 * answer, given in this session.
 */
export class PatientPrefetch {
  private patient: PatientIdentity | undefined;
  private readonly taken = { identity: false, status: false, visit: false };

  constructor(
    private readonly beneficiary: string,
    private readonly steps: PrefetchSteps,
    private readonly startedAt: number,
    private readonly now: () => number,
  ) {
    for (const step of [steps.identified, steps.status, steps.visit]) step.catch(() => undefined);
    steps.identified.then(
      (patient) => (this.patient = patient),
      () => undefined,
    );
  }

  /** INSi's answer for `beneficiary`, if it is the one read ahead and nobody took it yet. */
  takeIdentity(beneficiary: VitaleBeneficiaryData): Promise<PatientIdentity> | undefined {
    if (this.taken.identity || !this.fresh() || beneficiaryKey(beneficiary) !== this.beneficiary) return undefined;
    this.taken.identity = true;
    return this.steps.identified;
  }

  /** TD0.2's answer for `patient`, if she is the one identified ahead and nobody took it yet. */
  takeStatus(patient: PatientIdentity): Promise<RecordStatus> | undefined {
    if (this.taken.status || !this.about(patient)) return undefined;
    this.taken.status = true;
    return this.steps.status;
  }

  /** The search for `patient`, if she is the one identified ahead and nobody took it yet. */
  takeVisit(patient: PatientIdentity): Promise<PrefetchedVisit | undefined> | undefined {
    if (this.taken.visit || !this.about(patient)) return undefined;
    this.taken.visit = true;
    return this.steps.visit;
  }

  private about(patient: PatientIdentity): boolean {
    return this.fresh() && this.patient !== undefined && insReference(this.patient) === insReference(patient);
  }

  private fresh(): boolean {
    return this.now() - this.startedAt <= PREFETCH_FRESH_MS;
  }
}
