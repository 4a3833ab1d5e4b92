/**
 * A message the operator refuses, with its SMTP reply: a code the client maps (`OPPOSITION_PATIENT`…), then the
 * reason in French and English. The reply never quotes the message nor the patient's address.
 */
export class OperatorRefusal extends Error {
  constructor(
    readonly rule: OperatorRule,
    readonly responseCode: number,
    fr: string,
    en: string,
  ) {
    super(`${rule} : ${fr} / ${en}`);
    this.name = 'OperatorRefusal';
  }
}

/** The rules the operator enforces, as its replies name them. */
export type OperatorRule =
  | 'AUTHENTIFICATION_REQUISE'
  | 'CERTIFICAT_NON_RECONNU'
  | 'JETON_INVALIDE'
  | 'EXPEDITEUR_USURPE'
  | 'DESTINATAIRE_INCONNU'
  | 'INS_INCONNU'
  | 'OPPOSITION_PATIENT'
  | 'ENTETE_MANQUANTE'
  | 'ENTETE_INCOHERENTE'
  | 'XDM_INVALIDE'
  | 'PATIENT_INITIATEUR'
  | 'CONVERSATION_CLOSE';

export const refuse = {
  unknownRecipient: () =>
    new OperatorRefusal(
      'DESTINATAIRE_INCONNU',
      550,
      'destinataire inconnu de l’opérateur',
      'recipient unknown to the operator',
    ),
  unknownIns: () =>
    new OperatorRefusal(
      'INS_INCONNU',
      550,
      'aucune messagerie patient pour cet INS',
      'no patient mailbox for this INS',
    ),
  opposed: () =>
    new OperatorRefusal(
      'OPPOSITION_PATIENT',
      550,
      'le patient s’est opposé à la messagerie',
      'the patient opposed messaging',
    ),
  missingHeader: (header: string) =>
    new OperatorRefusal('ENTETE_MANQUANTE', 550, `en-tête ${header} manquant`, `header ${header} missing`),
  inconsistentHeader: (header: string) =>
    new OperatorRefusal(
      'ENTETE_INCOHERENTE',
      550,
      `en-tête ${header} incohérent avec le contenu`,
      `header ${header} disagrees with the content`,
    ),
  invalidXdm: (reason: string) =>
    new OperatorRefusal('XDM_INVALIDE', 550, `archive IHE XDM invalide (${reason})`, `invalid IHE XDM (${reason})`),
  spoofed: () =>
    new OperatorRefusal(
      'EXPEDITEUR_USURPE',
      550,
      'l’expéditeur n’est pas la boîte authentifiée',
      'the sender is not the authenticated mailbox',
    ),
} as const;
