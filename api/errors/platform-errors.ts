import { defineCatalogue } from '../i18n/catalogue.js';

/** What the platform refused, and identity and record errors, in words a GP understands. */
export const platformErrors = defineCatalogue(
  {
    PLATFORM_REFUSED: 'La plateforme a refusé la demande : {message} (code {platformCode}).',
    PLATFORM_ERROR:
      'La plateforme a rencontré une erreur ({platformCode}). Réessayez plus tard ; si elle persiste, contactez le support en donnant ce code.',
    VIHF_CLOCK_SKEW:
      "L'horloge de ce poste s'écarte de celle de la plateforme ({seconds} s) : la plateforme refuse les jetons hors délai. Mettez le poste à l'heure.",
    SOFTWARE_NOT_AUTHORIZED:
      "La plateforme ne reconnaît pas ce logiciel (numéro d'autorisation). Contactez votre éditeur.",
    INS_INVALID: "L'INS du patient est invalide ({reason}). Vérifiez l'identité du patient.",
    INSI_CERTIFICATE_REFUSED:
      "Le téléservice INSi refuse le certificat de l'établissement : il n'accepte qu'un certificat d'organisation émis pour INSi (CN INSI-AUTO pour les appels d'un programme, INSI-MANU pour ceux d'une personne). Demandez-le à l'ANS et installez-le sur le jeton ORG ; avec les cartes émulées, « passerelle cards provision » l'y ajoute.",
    INSI_NO_IDENTITY:
      "Le téléservice INSi ne trouve aucune identité pour ce patient. Vérifiez les données de la carte Vitale ou recherchez par traits d'identité.",
    INSI_SEVERAL_IDENTITIES:
      "Le téléservice INSi trouve plusieurs identités (homonymes) : aucune n'est choisie à votre place. Précisez le lieu de naissance.",
    BENEFICIARY_REQUIRED:
      'Cette carte Vitale porte {count} bénéficiaires : choisissez le patient (--beneficiary 1 à {count}).',
    PATIENT_NOT_SELECTED: "Aucun patient n'est sélectionné : lisez sa carte Vitale et identifiez-le (INSi) d'abord.",
    VITALE_ABSENT: "Aucune carte Vitale n'est dans le lecteur.",
    PATIENT_UNKNOWN: 'La plateforme ne connaît aucun patient sous cet INS.',
    RECORD_ABSENT: "Ce patient n'a pas de dossier médical partagé (il s'est opposé à sa création).",
    RECORD_CLOSED: 'Le dossier médical partagé de ce patient est fermé{since}.',
    ACCESS_FORBIDDEN:
      'Le patient a interdit votre accès à son dossier. Aucune démarche ne peut le contourner ; parlez-en avec lui.',
    AUTHORIZATION_MISSING:
      "Vous n'êtes pas autorisé sur ce dossier : déclarez l'accord du patient avant de le consulter.",
    AUTHORIZATION_NOT_FOUND: "Vous n'aviez pas d'autorisation à retirer sur ce dossier.",
    CONSENT_NOT_CONFIRMED: "L'accord du patient doit être confirmé explicitement avant d'être déclaré.",
    BREAK_GLASS_OPPOSED: "Le patient s'est opposé à l'accès en urgence (bris de glace) : l'accès est refusé.",
    CENTRE_15_OPPOSED: "Le patient s'est opposé à l'accès par la régulation médicale (centre 15) : l'accès est refusé.",
    EMERGENCY_REASON_REQUIRED:
      "Indiquez le motif de l'accès en urgence : il est transmis à la plateforme, conservé dans le journal, et le patient en sera informé. Rien n'a été envoyé.",
    CONSULT_AUTHORIZATION_REQUIRED:
      "Vous n'avez pas d'autorisation valide d'accès à ce DMP{statut} : déclarez l'accord du patient, ou utilisez l'accès en urgence si la situation le justifie.",
    CENTRE_15_NOT_ALLOWED:
      "La plateforme refuse l'accès par la régulation médicale (centre 15) : il est réservé aux médecins régulateurs du SAMU, depuis le centre de régulation où l'annuaire national les recense. Pour un patient hors d'état d'exprimer sa volonté, utilisez l'accès en bris de glace.",
    CENTRE_15_REGULATION_ONLY:
      "L'accès centre 15 est réservé aux médecins régulateurs du SAMU agissant dans leur situation d'exercice de régulation, et la situation d'exercice de votre carte n'en est pas une. Un médecin urgentiste face à un patient hors d'état d'exprimer sa volonté utilise l'accès en bris de glace. Rien n'a été envoyé.",
    EMERGENCY_ACCESS_EXPIRED:
      "L'accès en urgence à ce DMP a pris fin{since} : un nouvel accès demande un nouveau motif.",
  },
  {
    en: {
      PLATFORM_REFUSED: 'The platform refused the request: {message} (code {platformCode}).',
      PLATFORM_ERROR:
        'The platform met an error ({platformCode}). Try again later; if it persists, contact support with this code.',
      VIHF_CLOCK_SKEW:
        "This computer's clock is {seconds} s away from the platform's: the platform refuses tokens out of time. Set the clock right.",
      SOFTWARE_NOT_AUTHORIZED:
        'The platform does not recognise this software (authorization number). Contact your vendor.',
      INS_INVALID: "The patient's INS is invalid ({reason}). Check the patient's identity.",
      INSI_CERTIFICATE_REFUSED:
        "The INSi service refuses the establishment's certificate: it accepts only an organisation certificate issued for INSi (CN INSI-AUTO for a program's calls, INSI-MANU for a person's). Request it from the ANS and install it on the ORG token; with the emulated cards, \"passerelle cards provision\" adds it.",
      INSI_NO_IDENTITY:
        'The INSi service finds no identity for this patient. Check the Vitale card data or search by identity traits.',
      INSI_SEVERAL_IDENTITIES:
        'The INSi service finds several identities (homonyms): none is chosen for you. Give the birth place.',
      BENEFICIARY_REQUIRED:
        'This Vitale card holds {count} beneficiaries: choose the patient (--beneficiary 1 to {count}).',
      PATIENT_NOT_SELECTED: 'No patient is selected: read their Vitale card and identify them (INSi) first.',
      VITALE_ABSENT: 'No Vitale card is in the reader.',
      PATIENT_UNKNOWN: 'The platform knows no patient with this INS.',
      RECORD_ABSENT: 'This patient has no shared medical record (they opposed its creation).',
      RECORD_CLOSED: "This patient's shared medical record is closed{since}.",
      ACCESS_FORBIDDEN:
        'The patient has blocked your access to their record. Nothing can bypass it; talk it over with them.',
      AUTHORIZATION_MISSING:
        "You are not authorized on this record: declare the patient's agreement before consulting it.",
      AUTHORIZATION_NOT_FOUND: 'You had no authorization to remove on this record.',
      CONSENT_NOT_CONFIRMED: "The patient's agreement must be explicitly confirmed before it is declared.",
      BREAK_GLASS_OPPOSED: 'The patient opposed emergency (break-glass) access: access is refused.',
      CENTRE_15_OPPOSED: 'The patient opposed access by medical regulation (centre 15): access is refused.',
      EMERGENCY_REASON_REQUIRED:
        'Give the reason for the emergency access: it goes to the platform, stays in the journal, and the patient will be told. Nothing was sent.',
      CONSULT_AUTHORIZATION_REQUIRED:
        "You have no valid authorization on this record{statut}: declare the patient's consent, or use emergency access if the situation warrants it.",
      CENTRE_15_NOT_ALLOWED:
        'The platform refuses access by medical regulation (centre 15): it is reserved to SAMU regulation physicians, from the regulation centre where the national directory lists them. For a patient unable to express their will, use break-glass access.',
      CENTRE_15_REGULATION_ONLY:
        "Centre 15 access is reserved to SAMU regulation physicians acting in their regulation practice situation, and your card's practice situation is not one. An emergency physician facing a patient unable to express their will uses break-glass access. Nothing was sent.",
      EMERGENCY_ACCESS_EXPIRED:
        'The emergency access to this record has ended{since}: a new access needs a new reason.',
    },
  },
);
