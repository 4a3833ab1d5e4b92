import { defineErrors } from './catalogue.js';

/**
 * Errors of CDA R2 documents: the input a builder refuses, and the header of a document another software
 * wrote that we cannot read. Details name the element, never its value: it may be a name or a NIR.
 */
export const cdaErrors = defineErrors({
  CDA_INPUT_INVALID: {
    fr: 'Données du document CDA invalides ({field}) : {reason}',
    en: 'Invalid CDA document data ({field}): {reason}',
  },
  CDA_NOT_CLINICAL_DOCUMENT: {
    fr: "Ce fichier n'est pas un document CDA : l'élément racine doit être ClinicalDocument dans l'espace de noms urn:hl7-org:v3 ({found}).",
    en: 'This file is not a CDA document: the root element must be ClinicalDocument in the urn:hl7-org:v3 namespace ({found}).',
  },
  CDA_HEADER_MISSING: {
    fr: "L'en-tête du document CDA n'a pas l'élément obligatoire {element}.",
    en: 'The CDA document header lacks the required element {element}.',
  },
  CDA_HEADER_INVALID: {
    fr: "L'en-tête du document CDA est invalide : {element} doit être {expectedFr}. Corrigez-le dans le logiciel qui a produit le document.",
    en: 'The CDA document header is invalid: {element} must be {expectedEn}. Correct it in the software that wrote the document.',
  },
});
