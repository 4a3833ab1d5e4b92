import { conceptsOf, type ValueSet } from './value-set.js';

const SNOMED_CT = '2.16.840.1.113883.6.96';

/**
 * The type of an allergy or intolerance in a CI-SIS summary (FR-Allergie-ou-hypersensibilite's observation
 * code): JDV_TypeEvenementIndesirablePrevisible CI-SIS, in SNOMED CT (one code the ANS's own while SNOMED CT
 * lacks it). Source: ansforge/TestContenuCDA-3-0 jeuxDeValeurs/JDV_TypeEvenementIndesirablePrevisible_CISIS.xml
 * (2024-06-04), the value set the generic rules (CI-SIS_ModelesDeContenusCDA.sch) check allergy entries against.
 */
export const ALLERGY_TYPES: ValueSet = {
  id: '1.2.250.1.213.1.1.5.794',
  name: 'JDV_TypeEvenementIndesirablePrevisible CI-SIS',
  concepts: [
    ...conceptsOf(SNOMED_CT, [
      ['420134006', 'propension aux effets indésirables'],
      ['609328004', 'allergie'],
      ['416098002', 'allergie médicamenteuse'],
      ['414285001', 'allergie alimentaire'],
      ['419199007', 'allergie à une substance'],
      ['609396006', 'hypersensibilité non allergique'],
      ['609398007', 'hypersensibilité non allergique à une drogue ou un médicament'],
      ['735449006', 'hypersensibilité non allergique alimentaire'],
      ['609397002', 'hypersensibilité non allergique à une substance'],
      ['782197009', 'intolérance à une substance'],
      ['59037007', 'intolérance aux drogues et/ou médicaments'],
      ['235719002', 'intolérance alimentaire'],
      // A code of the ANS's own, filed under SNOMED CT's system as the value set writes it.
      ['1.2.250.1.213.1.1.5.794.1', 'intolérance à un agent environnemental (Demande de création SNOMED CT en cours)'],
      ['56840009', 'idiosyncrasie'],
    ]),
  ],
};
