import { defineCatalogue } from '../i18n/catalogue.js';

/** Errors of CDA validation against the official ANS rules (XSD and schematrons), loaded from a folder. */
export const cdaValidationErrors = defineCatalogue(
  {
    CDA_RULES_NOT_CONFIGURED:
      "Les règles officielles de l'ANS pour vérifier les documents CDA ne sont pas installées : installez-les avec « passerelle rules install --from DOSSIER|ZIP » (kit TestContenuCDA de l'ANS), ou indiquez leur dossier (variable PASSERELLE_CDA_RULES ou réglages).",
    CDA_RULES_UNREADABLE: 'Le dossier des règles CDA ({folder}) est incomplet ou illisible : {reason}',
    CDA_RULES_COMPILE_FAILED: 'Les règles {schematron} n’ont pas pu être préparées : {reason}',
    CDA_RULES_RUN_FAILED: 'Les règles {schematron} se sont arrêtées sur ce document : {reason}',
    CDA_RULES_KIT_INCOMPLETE:
      "{source} n'est pas un kit TestContenuCDA complet de l'ANS : il y manque {missing}. Donnez le dossier du kit (ou son archive ZIP) tel que l'ANS le publie (dépôt ansforge/TestContenuCDA-3-0).",
    CDA_RULES_SOURCE_UNREADABLE: "Les règles à installer n'ont pas pu être lues dans {source} : {reason}",
  },
  {
    en: {
      CDA_RULES_NOT_CONFIGURED:
        'The official ANS rules for checking CDA documents are not installed: install them with "passerelle rules install --from FOLDER|ZIP" (the ANS TestContenuCDA kit), or give their folder (PASSERELLE_CDA_RULES variable or settings).',
      CDA_RULES_UNREADABLE: 'The CDA rules folder ({folder}) is incomplete or unreadable: {reason}',
      CDA_RULES_COMPILE_FAILED: 'The rules {schematron} could not be prepared: {reason}',
      CDA_RULES_RUN_FAILED: 'The rules {schematron} stopped on this document: {reason}',
      CDA_RULES_KIT_INCOMPLETE:
        '{source} is not a complete ANS TestContenuCDA kit: {missing} is missing. Give the kit folder (or its ZIP archive) as ANS publishes it (repository ansforge/TestContenuCDA-3-0).',
      CDA_RULES_SOURCE_UNREADABLE: 'The rules to install could not be read from {source}: {reason}',
    },
  },
);
