import { defineCatalogue } from '../../../api/i18n/index.js';

/** The secure messaging commands: `message send`, `message list`. */
export const MESSAGES = defineCatalogue(
  {
    message: 'Messagerie sécurisée de santé (MSSanté)',
    send: 'Envoie un message sécurisé au patient (sa messagerie Mon espace santé) ou à des confrères',
    toPatient: 'à la messagerie Mon espace santé du patient (adresse déduite de son INS qualifiée)',
    to: 'adresse MSSanté d’un confrère, répétable',
    attach: 'pièce jointe : PDF, ou document CDA (.xml) joint dans une archive IHE XDM ; répétable',
    document: 'document du DMP du patient (uniqueId) joint dans l’archive IHE XDM ; répétable',
    subject: 'objet du message',
    body: 'texte du message',
    noReply: 'le patient ne pourra pas répondre (X-MSS-MES: FIN)',
    identityChecked: 'pièce d’identité vérifiée (qualifie l’identité INS)',
    sent: 'Message accepté par l’opérateur : {messageId}',
    recipients: 'Destinataires : {to}',
    headers: 'En-têtes : {headers}',
    list: 'Liste les messages envoyés depuis ce poste',
    none: 'Aucun message envoyé depuis ce poste.',
  },
  {
    en: {
      message: 'Secure health messaging (MSSanté)',
      send: 'Send a secure message to the patient (her Mon espace santé mailbox) or to colleagues',
      toPatient: 'to the patient’s Mon espace santé mailbox (address derived from her qualified INS)',
      to: 'a colleague’s MSSanté address, repeatable',
      attach: 'attachment: a PDF, or a CDA document (.xml) carried in an IHE XDM archive; repeatable',
      document: 'a document of the patient’s record (uniqueId) carried in the IHE XDM archive; repeatable',
      subject: 'the message’s subject',
      body: 'the message’s text',
      noReply: 'the patient may not answer (X-MSS-MES: FIN)',
      identityChecked: 'identity document checked (qualifies the INS identity)',
      sent: 'Message accepted by the operator: {messageId}',
      recipients: 'Recipients: {to}',
      headers: 'Headers: {headers}',
      list: 'List the messages sent from this computer',
      none: 'No message sent from this computer.',
    },
  },
);
