/**
 * The faults of a request the caller must change (SOAP 1.2 fault code `Sender`), each with its French message
 * (the platform speaks French). Codes are stable identifiers a client maps to its own typed errors.
 */
const SENDER_FAULTS = {
  CERTIFICAT_ABSENT: "Aucun certificat client n'a été présenté : l'authentification TLS mutuelle est obligatoire.",
  CERTIFICAT_NON_RECONNU: "Le certificat client n'est pas émis par une autorité reconnue pour ce service.",
  REQUETE_MALFORMEE: 'Requête SOAP mal formée : {raison}',
  XML_INTERDIT: 'Requête refusée : les déclarations DTD et les entités XML sont interdites.',
  SERVICE_INCONNU: "Aucun service à l'adresse {chemin}.",
  ACTION_INCONNUE: "L'action SOAP {action} n'est pas proposée par ce service.",
  VIHF_ABSENT: "Le jeton VIHF (assertion SAML signée) est absent de l'en-tête de sécurité.",
  VIHF_SIGNATURE_INVALIDE: 'La signature du jeton VIHF est invalide.',
  VIHF_SIGNATURE_DETOURNEE: "La signature du jeton VIHF ne porte pas sur l'assertion présentée (signature déplacée).",
  VIHF_CERTIFICAT_NON_RECONNU: "Le certificat signataire du jeton VIHF n'est pas émis par une autorité reconnue.",
  VIHF_ATTRIBUT_MANQUANT: 'Attribut obligatoire absent ou invalide dans le jeton VIHF : {attribut}.',
  VIHF_HORS_DELAI:
    "L'heure d'émission du jeton VIHF s'écarte de {ecart} s de l'heure de la plateforme (tolérance ±5 min) : vérifiez l'horloge du poste.",
  VIHF_MODE_AUTHENTIFICATION:
    "Le mode d'authentification {mode} ne correspond pas au certificat TLS présenté ({certificat}).",
  VIHF_ACTEUR_DIFFERENT: "L'identifiant du professionnel du jeton VIHF ne correspond pas au certificat de sa carte.",
  PSC_JETON_ABSENT:
    "Le jeton VIHF en mode d'authentification indirecte renforcée ne porte pas de jeton Pro Santé Connect.",
  PSC_JETON_INVALIDE:
    "Le jeton Pro Santé Connect du VIHF n'est pas actif (expiré, révoqué ou inconnu) : le professionnel doit se reconnecter avec sa e-CPS.",
  PSC_JETON_AUTRE_PROFESSIONNEL:
    'Le jeton Pro Santé Connect du VIHF a été délivré à un autre professionnel que celui que nomme le VIHF.',
  PSC_NIVEAU_INSUFFISANT:
    "Le jeton Pro Santé Connect n'atteint pas le niveau d'authentification exigé (eidas1 ; reçu : {acr}).",
  PSC_JETON_AUTRE_CERTIFICAT: 'Le jeton Pro Santé Connect est lié à un autre certificat que celui de la connexion TLS.',
  VIHF_PATIENT_DIFFERENT: "Le patient du jeton VIHF n'est pas celui de la requête.",
  VIHF_MODE_ACCES: "Mode d'accès inconnu : {mode} (attendu : normal, bris_de_glace ou centre_15).",
  LOGICIEL_INCONNU: "Numéro d'autorisation du logiciel inconnu (IDAM absent du ContexteLPS).",
  CERTIFICAT_INSI_REQUIS:
    "Le certificat d'organisation présenté (CN {cn}) n'est pas émis pour INSi : seul un certificat dont le CN est INSI-AUTO ou INSI-MANU est accepté.",
  INS_INVALIDE: "L'INS fourni est invalide : {raison}.",
  PATIENT_INCONNU: "Aucun patient n'est connu sous cet INS.",
  DMP_INEXISTANT: "Ce patient n'a pas de DMP (il s'est opposé à sa création).",
  DMP_FERME: 'Le DMP de ce patient est fermé depuis le {date}.',
  PS_BLOQUE: "Le patient a interdit l'accès de ce professionnel à son DMP.",
  BRIS_DE_GLACE_REFUSE: "Le patient s'est opposé à l'accès en mode bris de glace.",
  CENTRE_15_REFUSE: "Le patient s'est opposé à l'accès par le centre de régulation (centre 15).",
  CENTRE_15_NON_HABILITE:
    "L'accès en mode centre 15 est réservé aux médecins régulateurs d'un centre de réception et de régulation des appels (SAMU), depuis le centre où l'annuaire les recense : {motif}.",
  MOTIF_ACCES_ABSENT:
    'Un accès en mode {mode} doit être justifié : le motif (attribut Mode_Acces_Raison du jeton VIHF) est vide.',
  AUTORISATION_REQUISE:
    "Ce professionnel n'a pas d'autorisation valide d'accès à ce DMP (statut {statut}) : la consultation est refusée.",
  AUTORISATION_INEXISTANTE: "Ce professionnel n'a pas d'autorisation à supprimer sur ce DMP.",
  INS_NON_QUALIFIE:
    "L'identité du patient n'est pas qualifiée : {raison}. Aucun document ne peut être déposé sans INS qualifié.",
  ALIMENTATION_NON_AUTORISEE: "Ce professionnel n'est ni l'auteur du document ni autorisé sur ce DMP.",
  CONNEXION_SECRETE_MAJEUR: "La connexion secrète est réservée au dossier d'un patient mineur : ce patient est majeur.",
  CONNEXION_SECRETE_VISIBILITE:
    'En connexion secrète, seul un document invisible aux représentants légaux (INVISIBLE_REPRESENTANTS_LEGAUX) peut être déposé.',
  SUPPRESSION_RESERVEE_AUTEUR: "Seul l'auteur d'un document peut le supprimer.",
  SIGNATURE_LOT_INVALIDE: 'La signature du lot de soumission est refusée : {raison}.',
  CDA_ENTETE_INCOHERENTE: "L'en-tête CDA du document {document} ne correspond pas à ses métadonnées : {raison}.",
  CDA_NON_CONFORME: "Le document {document} n'est pas conforme aux schémas et schématrons du CI-SIS : {raison}.",
} as const satisfies Record<string, string>;

/** The faults of the platform itself (SOAP 1.2 fault code `Receiver`): the caller may try again later. */
const RECEIVER_FAULTS = {
  INDISPONIBLE: 'Plateforme momentanément indisponible. Réessayez plus tard.',
  ERREUR_INTERNE: 'Erreur interne de la plateforme.',
} as const satisfies Record<string, string>;

export type PlatformFaultCode = keyof typeof SENDER_FAULTS | keyof typeof RECEIVER_FAULTS;

const FAULT_MESSAGES: Readonly<Record<PlatformFaultCode, string>> = { ...SENDER_FAULTS, ...RECEIVER_FAULTS };

/** A refusal the platform answers as a SOAP fault (HTTP 500, as the real platform does). */
export class PlatformFault extends Error {
  constructor(
    readonly code: PlatformFaultCode,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(code);
    this.name = 'PlatformFault';
  }

  /** The French message with its details filled in. */
  get french(): string {
    return FAULT_MESSAGES[this.code].replace(/\{(\w+)\}/g, (whole, key: string) => {
      const value = this.details[key];
      return value === undefined ? whole : String(value);
    });
  }

  get soapCode(): 'Sender' | 'Receiver' {
    return this.code in RECEIVER_FAULTS ? 'Receiver' : 'Sender';
  }
}
