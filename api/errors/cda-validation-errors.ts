import { defineErrors } from './catalogue.js';

/** Errors of CDA validation against the official ANS rules (XSD and schematrons), loaded from a folder. */
export const cdaValidationErrors = defineErrors({
  CDA_RULES_NOT_CONFIGURED: {
    fr: "Les règles officielles de l'ANS pour vérifier les documents CDA ne sont pas configurées : indiquez leur dossier (variable PASSERELLE_CDA_RULES ou réglages).",
    en: 'The official ANS rules for checking CDA documents are not configured: give their folder (PASSERELLE_CDA_RULES variable or settings).',
  },
  CDA_RULES_UNREADABLE: {
    fr: 'Le dossier des règles CDA ({folder}) est incomplet ou illisible : {reason}',
    en: 'The CDA rules folder ({folder}) is incomplete or unreadable: {reason}',
  },
  CDA_RULES_COMPILE_FAILED: {
    fr: 'Les règles {schematron} n’ont pas pu être préparées : {reason}',
    en: 'The rules {schematron} could not be prepared: {reason}',
  },
  CDA_RULES_RUN_FAILED: {
    fr: 'Les règles {schematron} se sont arrêtées sur ce document : {reason}',
    en: 'The rules {schematron} stopped on this document: {reason}',
  },
});
