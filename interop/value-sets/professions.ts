import { conceptsOf, type ValueSet } from './value-set.js';

/**
 * The professions of health (TRE_G15 ProfessionSante, 1.2.250.1.71.1.2.7): the profession code carried by CPS
 * certificates and the VIHF, and (prefixed `G15_`) the first level of the XDS authorSpecialty (JDV_J01).
 * Source: ansforge/TestContenuCDA-3-0 jeuxDeValeurs/JDV_J01_XdsAuthorSpecialty_CISIS.xml, its G15_ entries.
 */
export const PROFESSIONS: ValueSet = {
  id: '1.2.250.1.71.1.2.7',
  name: 'TRE_G15 ProfessionSante',
  concepts: conceptsOf('1.2.250.1.71.1.2.7', [
    ['10', 'Médecin'],
    ['21', 'Pharmacien'],
    ['26', 'Audioprothésiste'],
    ['28', 'Opticien-Lunetier'],
    ['31', 'Assistant dentaire'],
    ['32', 'Physicien médical'],
    ['35', 'Aide-soignant'],
    ['36', 'Ambulancier'],
    ['37', 'Auxiliaire de puériculture'],
    ['38', 'Préparateur en pharmacie hospitalière'],
    ['39', 'Préparateur en pharmacie (officine)'],
    ['40', 'Chirurgien-Dentiste'],
    ['50', 'Sage-Femme'],
    ['60', 'Infirmier'],
    ['69', 'Infirmier psychiatrique'],
    ['70', 'Masseur-Kinésithérapeute'],
    ['80', 'Pédicure-Podologue'],
    ['81', 'Orthoprothésiste'],
    ['82', 'Podo-Orthésiste'],
    ['83', 'Orthopédiste-Orthésiste'],
    ['84', 'Oculariste'],
    ['85', 'Epithésiste'],
    ['86', 'Technicien de laboratoire médical'],
    ['91', 'Orthophoniste'],
    ['92', 'Orthoptiste'],
    ['94', 'Ergothérapeute'],
    ['95', 'Diététicien'],
    ['96', 'Psychomotricien'],
    ['98', 'Manipulateur ERM'],
  ]),
};
