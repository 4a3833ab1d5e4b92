import { conceptsOf, type ValueSet } from './value-set.js';

/**
 * practiceSettingCode (JDV_J04 XdsPracticeSettingCode CI-SIS): CadreExercice (1.2.250.1.213.1.1.4.9) plus the patient-expression and
 * referenced-digital-service codes (1.2.250.1.213.1.1.4.6).
 * Source: ansforge/TestContenuCDA-3-0 jeuxDeValeurs/JDV_J04_XdsPracticeSettingCode_CISIS.xml.
 */
export const PRACTICE_SETTINGS: ValueSet = {
  id: '1.2.250.1.213.1.1.5.467',
  name: 'JDV_J04 XdsPracticeSettingCode CI-SIS',
  concepts: [
    ...conceptsOf('1.2.250.1.213.1.1.4.6', [
      ['EXP_PATIENT', 'Expression personnelle du patient'],
      ['SNR', 'Service numérique référencé'],
    ]),
    ...conceptsOf('1.2.250.1.213.1.1.4.9', [
      ['AMBULATOIRE', 'Ambulatoire'],
      ['AMO', "Organisme d'assurance maladie obligatoire"],
      ['DEPISTAGE', 'Dépistage'],
      ['ESSMS', 'Etablissement ou Service Social ou Médico-Social'],
      ['ETABLISSEMENT', 'Etablissement de santé'],
      ['HAD', 'Hospitalisation à domicile'],
      ['MAD', 'Maintien à domicile'],
      ['PALLIATIF', 'Soins palliatifs'],
      ['SAD', 'Soins à domicile'],
      ['SAMU_SMUR', 'SAMU/SMUR'],
    ]),
  ],
};
