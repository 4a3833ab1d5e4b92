import { defineCatalogue } from '../i18n/catalogue.js';

/**
 * Errors of documents: building, validating, uploading, consulting. Details name files by their base name
 * and traits by their name, never by their value: a value may be a patient's name or NIR.
 */
export const documentErrors = defineCatalogue(
  {
    DOCUMENT_INVALID: 'Le document ne respecte pas les règles : {reason}',
    DOCUMENT_FILE_EMPTY: 'Le fichier {file} est vide (0 octet) : rien n’a été envoyé.',
    DOCUMENT_TOO_LARGE:
      'Le document {file} pèse {size} octets, au-delà de la limite de {limit} octets : rien n’a été envoyé.',
    DOCUMENT_SOURCE_UNSUPPORTED:
      'Le fichier {file} n’est ni un PDF (.pdf), ni un texte (.txt), ni un document CDA (.xml).',
    PDF_INVALID: 'Le fichier {file} n’est pas un PDF (il ne commence pas par %PDF-) : rien n’a été envoyé.',
    PDF_ENCRYPTED:
      'Le PDF {file} est chiffré ou protégé par mot de passe : le patient et ses soignants ne pourraient pas le lire. Rien n’a été envoyé.',
    PDF_DAMAGED:
      'Le PDF {file} est endommagé ou incomplet : sa fin manque (une copie ou un téléchargement a pu être interrompu). Enregistrez-le de nouveau depuis le logiciel qui l’a produit. Rien n’a été envoyé.',
    PDF_EMPTY: 'Le PDF {file} ne contient aucune page : rien n’a été envoyé.',
    TEXT_INVALID: 'Le texte {file} est vide ou n’est pas en UTF-8 : rien n’a été envoyé.',
    CARE_DATE_IN_FUTURE:
      'La date de soins {careDate} est après aujourd’hui : indiquez le jour où les soins ont eu lieu ; rien n’a été envoyé.',
    CARE_END_BEFORE_START:
      'La fin de la prise en charge ({careEndDate}) est avant son début ({careDate}) : corrigez l’une des deux dates ; rien n’a été envoyé.',
    DOCUMENT_MASKED_AND_INVISIBLE:
      'Un document ne peut pas être à la fois masqué aux professionnels et invisible pour le patient (la plateforme ne le permet pas) : changez l’une des deux réponses. Rien n’a été envoyé.',
    DOCUMENT_TYPE_REQUIRED:
      'Indiquez le type du document (code LOINC, par exemple 11490-0 pour une lettre de liaison) : il n’est jamais deviné.',
    DOCUMENT_RULES_FAILED: 'Le document ne respecte pas {count} règle(s) ; rien n’a été envoyé. Première : {first}',
    DOCUMENT_UNKNOWN:
      'Le document {uniqueId} n’a pas été déposé ni trouvé pendant cette session : impossible de le modifier.',
    IDENTITY_NOT_QUALIFIED:
      'L’identité du patient n’est pas qualifiée : vérifiez une pièce d’identité (passeport, carte d’identité, titre de séjour) avant de déposer un document (option --identity-checked <pièce>).',
    IDENTITY_TRAITS_MISMATCH:
      'Le document ne concerne pas ce patient : {trait} diffère de l’identité nationale de santé (INS). Rien n’a été envoyé.',
    SECRET_CONNECTION_ADULT:
      'La connexion secrète n’existe que pour un patient mineur, et ce patient a 18 ans ou plus : déposez le document sans elle. Rien n’a été envoyé.',
  },
  {
    en: {
      DOCUMENT_INVALID: 'The document breaks the rules: {reason}',
      DOCUMENT_FILE_EMPTY: 'The file {file} is empty (0 bytes): nothing was sent.',
      DOCUMENT_TOO_LARGE: 'The document {file} is {size} bytes, above the limit of {limit} bytes: nothing was sent.',
      DOCUMENT_SOURCE_UNSUPPORTED: 'The file {file} is neither a PDF (.pdf), a text (.txt) nor a CDA document (.xml).',
      PDF_INVALID: 'The file {file} is not a PDF (it does not start with %PDF-): nothing was sent.',
      PDF_ENCRYPTED:
        'The PDF {file} is encrypted or password-protected: the patient and her caregivers could not read it. Nothing was sent.',
      PDF_DAMAGED:
        'The PDF {file} is damaged or incomplete: its end is missing (a copy or a download may have been interrupted). Save it again from the software that produced it. Nothing was sent.',
      PDF_EMPTY: 'The PDF {file} has no page: nothing was sent.',
      TEXT_INVALID: 'The text {file} is empty or not UTF-8: nothing was sent.',
      CARE_DATE_IN_FUTURE:
        'The date of care {careDate} is after today: give the day the care took place; nothing was sent.',
      CARE_END_BEFORE_START:
        'The end of the encounter ({careEndDate}) is before its start ({careDate}): correct one of the two dates; nothing was sent.',
      DOCUMENT_MASKED_AND_INVISIBLE:
        'A document cannot be both masked from professionals and hidden from the patient (the platform does not allow it): change one of the two answers. Nothing was sent.',
      DOCUMENT_TYPE_REQUIRED:
        'Give the document type (a LOINC code, e.g. 11490-0 for a discharge letter): it is never guessed.',
      DOCUMENT_RULES_FAILED: 'The document breaks {count} rule(s); nothing was sent. First: {first}',
      DOCUMENT_UNKNOWN: 'The document {uniqueId} was not filed nor found in this session: it cannot be changed.',
      IDENTITY_NOT_QUALIFIED:
        'The patient’s identity is not qualified: check an identity document (passport, identity card, residence permit) before filing a document (option --identity-checked <document>).',
      IDENTITY_TRAITS_MISMATCH:
        'The document is not about this patient: {trait} differs from the national health identity (INS). Nothing was sent.',
      SECRET_CONNECTION_ADULT:
        'The secret connection exists only for a minor, and this patient is 18 or older: file the document without it. Nothing was sent.',
    },
  },
);
