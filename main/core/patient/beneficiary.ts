import { PasserelleError } from '../../../api/errors/index.js';
import type { VitaleData } from '../../../native-bridge/index.js';
import type { VitaleBeneficiaryData } from './patient-identity.js';

/**
 * The beneficiary the professional chose on a Vitale card (1-based, as shown to her). A family card is never
 * resolved to its first beneficiary silently.
 */
export function chooseBeneficiary(vitale: VitaleData, choice: number | undefined): VitaleBeneficiaryData {
  const count = vitale.beneficiaries.length;
  if (choice === undefined && count > 1) throw new PasserelleError('BENEFICIARY_REQUIRED', { count });
  const index = (choice ?? 1) - 1;
  const beneficiary = vitale.beneficiaries[index];
  if (!beneficiary) throw new PasserelleError('BENEFICIARY_REQUIRED', { count });
  return { holderNir: vitale.holderNir, ...beneficiary };
}
