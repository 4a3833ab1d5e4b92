import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors of CDA validation against the official ANS rules (XSD and schematrons), loaded from a folder. */
export const cdaValidationErrors = defineCatalogue(
  {
    CDA_RULES_NOT_CONFIGURED:
      "Les règles officielles de l'ANS pour vérifier les documents CDA ne sont pas configurées : indiquez leur dossier (variable PASSERELLE_CDA_RULES ou réglages).",
    CDA_RULES_UNREADABLE: 'Le dossier des règles CDA ({folder}) est incomplet ou illisible : {reason}',
    CDA_RULES_COMPILE_FAILED: 'Les règles {schematron} n’ont pas pu être préparées : {reason}',
    CDA_RULES_RUN_FAILED: 'Les règles {schematron} se sont arrêtées sur ce document : {reason}',
  },
  {
    en: {
      CDA_RULES_NOT_CONFIGURED:
        'The official ANS rules for checking CDA documents are not configured: give their folder (PASSERELLE_CDA_RULES variable or settings).',
      CDA_RULES_UNREADABLE: 'The CDA rules folder ({folder}) is incomplete or unreadable: {reason}',
      CDA_RULES_COMPILE_FAILED: 'The rules {schematron} could not be prepared: {reason}',
      CDA_RULES_RUN_FAILED: 'The rules {schematron} stopped on this document: {reason}',
    },
  },
);
