import type { ValueSet } from './value-set.js';

const SNOMED_CT = '2.16.840.1.113883.6.96';
const ATC = '2.16.840.1.113883.6.73';

/**
 * The agents of an allergy the CI-SIS codes in a value set of its own: JDV_AllergiesVaccins CI-SIS (the
 * components of vaccines a patient may be allergic to), in SNOMED CT and ATC. Source: ansforge/TestContenuCDA-3-0
 * jeuxDeValeurs/JDV_AllergiesVaccins_CISIS.xml (2022-12-22). Other agents (a medicine's CIS code) are written as
 * the GP codes them.
 */
export const ALLERGY_AGENTS: ValueSet = {
  id: '1.2.250.1.213.1.1.5.100',
  name: 'JDV_AllergiesVaccins CI-SIS',
  concepts: [
    { code: '303300008', codeSystem: SNOMED_CT, displayName: "protéine d'œuf" },
    { code: 'J01GB05', codeSystem: ATC, displayName: 'néomycine' },
    { code: 'J01GA01', codeSystem: ATC, displayName: 'streptomycine' },
    { code: 'J01GB03', codeSystem: ATC, displayName: 'gentamicine' },
    { code: 'J01XB02', codeSystem: ATC, displayName: 'polymyxine B' },
    { code: '373531009', codeSystem: SNOMED_CT, displayName: 'gélatine' },
  ],
};
