import { defineCatalogue } from '../i18n/catalogue.js';

/**
 * Errors of secure messaging (MSSanté): addresses, the IHE XDM archive, the operator's answers. Details name
 * headers, rules, sizes and addresses of professionals, never a patient's address, name or a document's content.
 */
export const messagingErrors = defineCatalogue(
  {
    MSS_RECIPIENT_REQUIRED:
      'Aucun destinataire : indiquez --to-patient (la messagerie Mon espace santé du patient) ou --to suivi d’une adresse MSSanté.',
    MSS_ADDRESS_INVALID:
      'L’adresse {address} n’est pas une adresse de messagerie sécurisée de santé valide (forme nom@domaine).',
    MSS_PATIENT_ADDRESS_UNQUALIFIED:
      'L’adresse de messagerie du patient se déduit de son INS qualifiée seulement : vérifiez son identité sur une pièce d’identité (--identity-checked) avant de lui écrire.',
    MSS_PATIENT_ADDRESS_BY_HAND:
      'Une adresse @patient.mssante.fr ne se saisit pas à la main : utilisez --to-patient, qui la déduit de l’INS qualifiée du patient.',
    MSS_ATTACHMENT_UNSUPPORTED:
      'La pièce jointe {file} n’est pas envoyée : seuls un PDF et un document CDA (.xml) sont acceptés.',
    XDM_INVALID: 'L’archive IHE XDM n’est pas valide : {reason}',
    MSS_OPERATOR_UNREACHABLE:
      'L’opérateur de messagerie sécurisée {host}:{port} ne répond pas ({reason}) : rien n’a été envoyé. Réessayez plus tard.',
    MSS_TLS_REFUSED:
      'La connexion chiffrée à l’opérateur de messagerie a échoué ({reason}) : rien n’a été envoyé. Vérifiez la carte et le certificat de l’opérateur.',
    MSS_AUTHENTICATION_REFUSED:
      'L’opérateur de messagerie refuse votre authentification ({reason}) : rien n’a été envoyé. Reconnectez-vous avec votre carte CPS ou e-CPS.',
    MSS_SENDER_REFUSED:
      'L’opérateur refuse l’expéditeur : un message part de la boîte du professionnel authentifié seulement ({reason}). Rien n’a été envoyé.',
    MSS_PATIENT_UNKNOWN:
      'Aucune messagerie Mon espace santé n’existe pour cet INS : rien n’a été envoyé. Vérifiez l’identité du patient.',
    MSS_PATIENT_OPPOSED:
      'Le patient s’est opposé à recevoir des messages dans sa messagerie Mon espace santé : rien n’a été envoyé.',
    MSS_HEADER_MISSING:
      'Le message n’a pas l’en-tête obligatoire {header} (Référentiel socle MSSanté #2) : rien n’a été envoyé.',
    MSS_MESSAGE_TOO_LARGE:
      'Le message ({size} octets) dépasse la taille que l’opérateur accepte ({limit} octets) : rien n’a été envoyé. Envoyez moins de pièces jointes à la fois.',
    MSS_XDM_REFUSED: 'L’opérateur refuse l’archive IHE XDM du message ({reason}) : rien n’a été envoyé.',
    MSS_OPERATOR_REFUSED: 'L’opérateur de messagerie refuse le message ({reason}) : rien n’a été envoyé.',
    MSS_OWN_ADDRESS_UNKNOWN:
      'L’annuaire ne publie aucune adresse MSSanté pour votre identifiant national {nationalId} : rien n’a été envoyé. Demandez l’ouverture d’une boîte à votre opérateur.',
    MSS_DIRECTORY_UNREACHABLE: 'L’annuaire des professionnels ne répond pas ({reason}) : rien n’a été envoyé.',
    MSS_TOKEN_REFUSED:
      'L’opérateur MSSanté refuse votre jeton Pro Santé Connect (expiré ou révoqué) : reconnectez-vous avec passerelle login --e-cps, puis recommencez.',
    MSS_MAILBOX_UNREADABLE:
      'Votre boîte MSSanté n’a pas pu être lue chez l’opérateur {host}:{port} ({reason}). Vérifiez votre carte (ou reconnectez-vous avec votre e-CPS), puis réessayez.',
    MSS_SIGN_IN_REQUIRED:
      'Lire votre messagerie MSSanté demande votre session : connectez-vous avec votre carte (--card ÉTIQUETTE) ou votre e-CPS (passerelle login --e-cps, puis --e-cps).',
  },
  {
    en: {
      MSS_RECIPIENT_REQUIRED:
        'No recipient: give --to-patient (the patient’s Mon espace santé mailbox) or --to followed by an MSSanté address.',
      MSS_ADDRESS_INVALID: 'The address {address} is not a valid secure health messaging address (name@domain).',
      MSS_PATIENT_ADDRESS_UNQUALIFIED:
        'The patient’s mailbox address comes from her qualified INS only: check her identity on an identity document (--identity-checked) before writing to her.',
      MSS_PATIENT_ADDRESS_BY_HAND:
        'A @patient.mssante.fr address is not typed by hand: use --to-patient, which derives it from the patient’s qualified INS.',
      MSS_ATTACHMENT_UNSUPPORTED:
        'The attachment {file} is not sent: only a PDF and a CDA document (.xml) are accepted.',
      XDM_INVALID: 'The IHE XDM archive is not valid: {reason}',
      MSS_OPERATOR_UNREACHABLE:
        'The secure messaging operator {host}:{port} does not answer ({reason}): nothing was sent. Try again later.',
      MSS_TLS_REFUSED:
        'The encrypted link to the messaging operator failed ({reason}): nothing was sent. Check the card and the operator’s certificate.',
      MSS_AUTHENTICATION_REFUSED:
        'The messaging operator refuses your authentication ({reason}): nothing was sent. Sign in again with your CPS or e-CPS card.',
      MSS_SENDER_REFUSED:
        'The operator refuses the sender: a message leaves from the authenticated professional’s mailbox only ({reason}). Nothing was sent.',
      MSS_PATIENT_UNKNOWN:
        'No Mon espace santé mailbox exists for this INS: nothing was sent. Check the patient’s identity.',
      MSS_PATIENT_OPPOSED: 'The patient opposed receiving messages in her Mon espace santé mailbox: nothing was sent.',
      MSS_HEADER_MISSING:
        'The message lacks the required header {header} (Référentiel socle MSSanté #2): nothing was sent.',
      MSS_MESSAGE_TOO_LARGE:
        'The message ({size} bytes) exceeds the size the operator accepts ({limit} bytes): nothing was sent. Send fewer attachments at a time.',
      MSS_XDM_REFUSED: 'The operator refuses the message’s IHE XDM archive ({reason}): nothing was sent.',
      MSS_OPERATOR_REFUSED: 'The messaging operator refuses the message ({reason}): nothing was sent.',
      MSS_OWN_ADDRESS_UNKNOWN:
        'The directory publishes no MSSanté address for your national id {nationalId}: nothing was sent. Ask your operator to open a mailbox.',
      MSS_DIRECTORY_UNREACHABLE: 'The professionals’ directory does not answer ({reason}): nothing was sent.',
      MSS_TOKEN_REFUSED:
        'The MSSanté operator refuses your Pro Santé Connect token (expired or revoked): sign in again with passerelle login --e-cps, then retry.',
      MSS_MAILBOX_UNREADABLE:
        'Your MSSanté mailbox could not be read at the operator {host}:{port} ({reason}). Check your card (or sign in again with your e-CPS), then retry.',
      MSS_SIGN_IN_REQUIRED:
        'Reading your MSSanté mailbox needs your session: sign in with your card (--card LABEL) or your e-CPS (passerelle login --e-cps, then --e-cps).',
    },
  },
);
