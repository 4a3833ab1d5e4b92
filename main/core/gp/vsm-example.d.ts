import type { VsmContentInput } from '../../../api/contract/index.js';
/**
 * A synthesis `vsm.file` accepts as it is (fictional content): one pathology in progress and one past, a drug
 * allergy typed from JDV_TypeEvenementIndesirablePrevisible, a risk factor, a result, one long-term treatment
 * coded in the CIS. What `passerelle vsm example` prints for the GP to start from.
 */
export declare const VSM_EXAMPLE: VsmContentInput;
