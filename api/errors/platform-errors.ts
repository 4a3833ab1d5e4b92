import { defineErrors } from './catalogue.js';

/** What the platform refused, and identity and record errors, in words a GP understands. */
export const platformErrors = defineErrors({
  PLATFORM_REFUSED: {
    fr: 'La plateforme a refusé la demande : {message} (code {platformCode}).',
    en: 'The platform refused the request: {message} (code {platformCode}).',
  },
  PLATFORM_ERROR: {
    fr: 'La plateforme a rencontré une erreur ({platformCode}). Réessayez plus tard ; si elle persiste, contactez le support en donnant ce code.',
    en: 'The platform met an error ({platformCode}). Try again later; if it persists, contact support with this code.',
  },
  VIHF_CLOCK_SKEW: {
    fr: "L'horloge de ce poste s'écarte de celle de la plateforme ({seconds} s) : la plateforme refuse les jetons hors délai. Mettez le poste à l'heure.",
    en: "This computer's clock is {seconds} s away from the platform's: the platform refuses tokens out of time. Set the clock right.",
  },
  SOFTWARE_NOT_AUTHORIZED: {
    fr: "La plateforme ne reconnaît pas ce logiciel (numéro d'autorisation). Contactez votre éditeur.",
    en: 'The platform does not recognise this software (authorization number). Contact your vendor.',
  },
  INS_INVALID: {
    fr: "L'INS du patient est invalide ({reason}). Vérifiez l'identité du patient.",
    en: "The patient's INS is invalid ({reason}). Check the patient's identity.",
  },
  INSI_CERTIFICATE_REFUSED: {
    fr: "Le téléservice INSi refuse le certificat de l'établissement : il n'accepte qu'un certificat d'organisation émis pour INSi (CN INSI-AUTO pour les appels d'un programme, INSI-MANU pour ceux d'une personne). Demandez-le à l'ANS et installez-le sur le jeton ORG ; avec les cartes émulées, « passerelle cards provision » l'y ajoute.",
    en: "The INSi service refuses the establishment's certificate: it accepts only an organisation certificate issued for INSi (CN INSI-AUTO for a program's calls, INSI-MANU for a person's). Request it from the ANS and install it on the ORG token; with the emulated cards, \"passerelle cards provision\" adds it.",
  },
  INSI_NO_IDENTITY: {
    fr: "Le téléservice INSi ne trouve aucune identité pour ce patient. Vérifiez les données de la carte Vitale ou recherchez par traits d'identité.",
    en: 'The INSi service finds no identity for this patient. Check the Vitale card data or search by identity traits.',
  },
  INSI_SEVERAL_IDENTITIES: {
    fr: "Le téléservice INSi trouve plusieurs identités (homonymes) : aucune n'est choisie à votre place. Précisez le lieu de naissance.",
    en: 'The INSi service finds several identities (homonyms): none is chosen for you. Give the birth place.',
  },
  BENEFICIARY_REQUIRED: {
    fr: 'Cette carte Vitale porte {count} bénéficiaires : choisissez le patient (--beneficiary 1 à {count}).',
    en: 'This Vitale card holds {count} beneficiaries: choose the patient (--beneficiary 1 to {count}).',
  },
  PATIENT_NOT_SELECTED: {
    fr: "Aucun patient n'est sélectionné : lisez sa carte Vitale et identifiez-le (INSi) d'abord.",
    en: 'No patient is selected: read their Vitale card and identify them (INSi) first.',
  },
  VITALE_ABSENT: {
    fr: "Aucune carte Vitale n'est dans le lecteur.",
    en: 'No Vitale card is in the reader.',
  },
  IDENTITY_NOT_QUALIFIED: {
    fr: "L'identité du patient n'est pas qualifiée : vérifiez une pièce d'identité à haut niveau de confiance avant de partager un document.",
    en: "The patient's identity is not qualified: check a high-trust identity document before sharing a document.",
  },
  IDENTITY_TRAITS_MISMATCH: {
    fr: "Le trait « {trait} » du document ne correspond pas à l'identité INS du patient : rien n'a été envoyé.",
    en: "The document's {trait} does not match the patient's INS identity: nothing was sent.",
  },
  PATIENT_UNKNOWN: {
    fr: 'La plateforme ne connaît aucun patient sous cet INS.',
    en: 'The platform knows no patient with this INS.',
  },
  RECORD_ABSENT: {
    fr: "Ce patient n'a pas de dossier médical partagé (il s'est opposé à sa création).",
    en: 'This patient has no shared medical record (they opposed its creation).',
  },
  RECORD_CLOSED: {
    fr: 'Le dossier médical partagé de ce patient est fermé{since}.',
    en: "This patient's shared medical record is closed{since}.",
  },
  ACCESS_FORBIDDEN: {
    fr: 'Le patient a interdit votre accès à son dossier. Aucune démarche ne peut le contourner ; parlez-en avec lui.',
    en: 'The patient has blocked your access to their record. Nothing can bypass it; talk it over with them.',
  },
  AUTHORIZATION_MISSING: {
    fr: "Vous n'êtes pas autorisé sur ce dossier : déclarez l'accord du patient avant de le consulter.",
    en: "You are not authorized on this record: declare the patient's agreement before consulting it.",
  },
  AUTHORIZATION_NOT_FOUND: {
    fr: "Vous n'aviez pas d'autorisation à retirer sur ce dossier.",
    en: 'You had no authorization to remove on this record.',
  },
  CONSENT_NOT_CONFIRMED: {
    fr: "L'accord du patient doit être confirmé explicitement avant d'être déclaré.",
    en: "The patient's agreement must be explicitly confirmed before it is declared.",
  },
  BREAK_GLASS_OPPOSED: {
    fr: "Le patient s'est opposé à l'accès en urgence (bris de glace) : l'accès est refusé.",
    en: 'The patient opposed emergency (break-glass) access: access is refused.',
  },
  CENTRE_15_OPPOSED: {
    fr: "Le patient s'est opposé à l'accès par la régulation médicale (centre 15) : l'accès est refusé.",
    en: 'The patient opposed access by medical regulation (centre 15): access is refused.',
  },
  EMERGENCY_REASON_REQUIRED: {
    fr: "Indiquez le motif de l'accès en urgence : il est transmis à la plateforme, conservé dans le journal, et le patient en sera informé. Rien n'a été envoyé.",
    en: 'Give the reason for the emergency access: it goes to the platform, stays in the journal, and the patient will be told. Nothing was sent.',
  },
  CONSULT_AUTHORIZATION_REQUIRED: {
    fr: "Vous n'avez pas d'autorisation valide d'accès à ce DMP{statut} : déclarez l'accord du patient, ou utilisez l'accès en urgence si la situation le justifie.",
    en: "You have no valid authorization on this record{statut}: declare the patient's consent, or use emergency access if the situation warrants it.",
  },
  CENTRE_15_NOT_ALLOWED: {
    fr: "La plateforme refuse l'accès par la régulation médicale (centre 15) : il est réservé aux médecins régulateurs du SAMU, depuis le centre de régulation où l'annuaire national les recense. Pour un patient hors d'état d'exprimer sa volonté, utilisez l'accès en bris de glace.",
    en: 'The platform refuses access by medical regulation (centre 15): it is reserved to SAMU regulation physicians, from the regulation centre where the national directory lists them. For a patient unable to express their will, use break-glass access.',
  },
  CENTRE_15_REGULATION_ONLY: {
    fr: "L'accès centre 15 est réservé aux médecins régulateurs du SAMU agissant dans leur situation d'exercice de régulation, et la situation d'exercice de votre carte n'en est pas une. Un médecin urgentiste face à un patient hors d'état d'exprimer sa volonté utilise l'accès en bris de glace. Rien n'a été envoyé.",
    en: "Centre 15 access is reserved to SAMU regulation physicians acting in their regulation practice situation, and your card's practice situation is not one. An emergency physician facing a patient unable to express their will uses break-glass access. Nothing was sent.",
  },
  EMERGENCY_ACCESS_EXPIRED: {
    fr: "L'accès en urgence à ce DMP a pris fin{since} : un nouvel accès demande un nouveau motif.",
    en: 'The emergency access to this record has ended{since}: a new access needs a new reason.',
  },
});
