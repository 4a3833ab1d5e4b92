import { defineCatalogue } from '../i18n/catalogue.js';

/**
 * Errors of CDA R2 documents: the input a builder refuses, and the header of a document another software
 * wrote that we cannot read. Details name the element, never its value: it may be a name or a NIR.
 */
export const cdaErrors = defineCatalogue(
  {
    CDA_INPUT_INVALID: 'Données du document CDA invalides ({field}) : {reason}',
    CDA_NOT_CLINICAL_DOCUMENT:
      "Ce fichier n'est pas un document CDA : l'élément racine doit être ClinicalDocument dans l'espace de noms urn:hl7-org:v3 ({found}).",
    CDA_HEADER_MISSING: "L'en-tête du document CDA n'a pas l'élément obligatoire {element}.",
    CDA_HEADER_INVALID:
      "L'en-tête du document CDA est invalide : {element} doit être {expectedFr}. Corrigez-le dans le logiciel qui a produit le document.",
  },
  {
    en: {
      CDA_INPUT_INVALID: 'Invalid CDA document data ({field}): {reason}',
      CDA_NOT_CLINICAL_DOCUMENT:
        'This file is not a CDA document: the root element must be ClinicalDocument in the urn:hl7-org:v3 namespace ({found}).',
      CDA_HEADER_MISSING: 'The CDA document header lacks the required element {element}.',
      CDA_HEADER_INVALID:
        'The CDA document header is invalid: {element} must be {expectedEn}. Correct it in the software that wrote the document.',
    },
  },
);
