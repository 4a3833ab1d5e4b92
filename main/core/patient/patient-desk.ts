import type { Beneficiary } from '../../../api/contract/index.js';
import type { VitaleData } from '../../../native-bridge/index.js';
import type { PatientDesk } from '../router/patient-port.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { chooseBeneficiary } from './beneficiary.js';

/** Where the patient desk reads the Vitale card: the workstation's deck. */
export interface VitaleSource {
  readVitale(label?: string): Promise<VitaleData>;
}

function beneficiariesOf(vitale: VitaleData): Beneficiary[] {
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

/**
 * The patient in front of the professional (`patient.*`, `record.*`): her Vitale card, INSi, the record's status,
 * consent and emergency access, over the professional's session and its one current patient. With `askAhead`,
 * reading a card with one beneficiary starts what the window asks next (`ProfessionalSession.prefetch`).
 */
export function patientDesk(
  professional: ProfessionalSession,
  cards: VitaleSource,
  options: { readonly askAhead: boolean },
): PatientDesk {
  // The label the last read named: the identification reads that same card again.
  let vitaleLabel: string | undefined;
  return {
    async readVitale(label) {
      const vitale = await cards.readVitale(label);
      vitaleLabel = label;
      // One beneficiary: nothing to choose, so the window's next questions are asked while she reads the name.
      if (options.askAhead && vitale.beneficiaries.length === 1) professional.prefetch(chooseBeneficiary(vitale, 1));
      return beneficiariesOf(vitale);
    },
    async identify(beneficiary) {
      const chosen = chooseBeneficiary(await cards.readVitale(vitaleLabel), beneficiary);
      return professional.identifyAhead(chosen) ?? professional.select((session) => session.identify(chosen));
    },
    qualify(documentChecked) {
      const { session, patient } = professional.atDesk();
      const qualified = session.qualify(patient, documentChecked);
      professional.update(qualified);
      return Promise.resolve(qualified);
    },
    async recordStatus() {
      const { session, patient } = professional.atDesk();
      const record = await (professional.statusAhead(patient) ?? session.recordStatus(patient));
      return { patient, record, clock: session.clock ?? null };
    },
    async consent({ patientAgreed, medecinTraitant, remove }) {
      const { session, patient } = professional.atDesk();
      // Her access changes: a status or a list asked before no longer stands.
      professional.dropAhead();
      const authorization = remove
        ? await session.removeConsent(patient, { medecinTraitant })
        : await session.declareConsent(patient, { patientAgreed, medecinTraitant });
      const record = await session.recordStatus(patient);
      return { patient, record, clock: session.clock ?? null, authorization };
    },
    async emergency(access) {
      const { session, patient } = professional.atDesk();
      // The session remembers the access: the searches and retrieves that follow go in its mode until it ends.
      const record = await session.openEmergencyAccess(patient, access);
      professional.emergencyOpened(record.emergencyAccess);
      return { patient, record, clock: session.clock ?? null };
    },
  };
}
