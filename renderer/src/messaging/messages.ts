import { defineCatalogue } from '../../../api/i18n/index.js';

/** The texts of secure messaging (MSSanté): sending a filed document, the Messages view. */
export const messages = defineCatalogue(
  {
    tab: 'Messages',
    send: {
      title: 'Envoyer par messagerie sécurisée de santé',
      obligation:
        'Les arrêtés du 26 avril 2022 et du 23 mai 2024 demandent d’envoyer ce type de document au patient et aux professionnels qui le suivent : les envois sont cochés d’avance.',
      toPatient: 'Envoyer à la messagerie Mon espace santé du patient',
      patientUnqualified:
        'L’identité du patient n’est pas qualifiée : sa messagerie n’est joignable qu’à partir d’une INS qualifiée.',
      patientOpposed:
        'L’opérateur a refusé un envoi : le patient s’est opposé à recevoir des messages dans Mon espace santé.',
      toColleague: 'Envoyer à un confrère',
      directoryLabel: 'Confrère (recherche par nom dans l’annuaire)',
      directoryHint: 'Tapez au moins deux lettres de son nom, puis choisissez-le dans la liste.',
      directoryNone: 'Aucun professionnel de ce nom dans l’annuaire.',
      directorySearching: 'Recherche dans l’annuaire…',
      chosen: 'Confrères destinataires',
      noColleague: 'Aucun confrère choisi.',
      remove: 'Retirer {name}',
      subject: 'Objet',
      body: 'Message',
      subjectPrefill: '{title}',
      bodyPrefill:
        'Bonjour,\n\nVous trouverez ci-joint le document « {title} » ({type}), également déposé dans le dossier médical partagé (Mon espace santé).\n\nBien cordialement,\n{professional}',
      noReply: 'Sans réponse : le patient ne pourra pas répondre à ce message',
      submit: 'Envoyer le message',
      sending: 'Envoi en cours…',
      nobody: 'Choisissez au moins un destinataire : la messagerie du patient ou un confrère.',
      noSubject: 'L’objet du message est vide.',
      sent: 'Message accepté par l’opérateur, pour : {recipients}.',
      refused: 'Message refusé.',
      patientMailbox: 'la messagerie Mon espace santé du patient',
    },
    view: {
      title: 'Messagerie sécurisée de santé',
      refresh: 'Actualiser',
      loading: 'Lecture des messages…',
      oppositionKnown:
        'Le patient en cours s’est opposé à recevoir des messages dans Mon espace santé (l’opérateur l’a dit en refusant un envoi) : seuls des professionnels peuvent recevoir vos messages à son sujet.',
      oppositionUnknown:
        'Opposition du patient en cours à la messagerie : non connue de ce poste (l’opérateur la signale en refusant un envoi).',
      sentTitle: 'Messages envoyés',
      receivedTitle: 'Messages reçus',
      noSent: 'Aucun message envoyé depuis ce poste.',
      noReceived: 'Aucun message reçu.',
      columns: { date: 'Date', to: 'Destinataires', from: 'Expéditeur', subject: 'Objet', status: 'État' },
      attachments: 'Pièces jointes : {names}',
      patientMailbox: 'Patient (Mon espace santé)',
      replyClosed: 'réponse du patient fermée',
      inReplyTo: 'en réponse à « {subject} »',
      statuses: {
        accepted: 'accepté par l’opérateur',
        delivered: 'distribué dans la boîte du destinataire',
        read: 'lu par le destinataire',
        refused: 'refusé par l’opérateur',
      },
      statusSince: '{status} ({date})',
    },
  },
  {
    en: {
      tab: 'Messages',
      send: {
        title: 'Send by secure health messaging',
        obligation:
          'The orders of 26 April 2022 and 23 May 2024 ask for this type of document to be sent to the patient and to the professionals caring for her: the sendings are ticked in advance.',
        toPatient: 'Send to the patient’s Mon espace santé mailbox',
        patientUnqualified:
          'The patient’s identity is not qualified: her mailbox is reached from a qualified INS only.',
        patientOpposed: 'The operator refused a message: the patient opposed receiving messages in Mon espace santé.',
        toColleague: 'Send to a colleague',
        directoryLabel: 'Colleague (search by name in the directory)',
        directoryHint: 'Type at least two letters of the name, then pick the colleague in the list.',
        directoryNone: 'No professional of that name in the directory.',
        directorySearching: 'Searching the directory…',
        chosen: 'Colleagues to send to',
        noColleague: 'No colleague chosen.',
        remove: 'Remove {name}',
        subject: 'Subject',
        body: 'Message',
        subjectPrefill: '{title}',
        bodyPrefill:
          'Hello,\n\nPlease find attached the document “{title}” ({type}), also filed in the shared medical record (Mon espace santé).\n\nKind regards,\n{professional}',
        noReply: 'No reply: the patient will not be able to answer this message',
        submit: 'Send the message',
        sending: 'Sending…',
        nobody: 'Choose at least one recipient: the patient’s mailbox or a colleague.',
        noSubject: 'The message’s subject is empty.',
        sent: 'Message accepted by the operator, for: {recipients}.',
        refused: 'Message refused.',
        patientMailbox: 'the patient’s Mon espace santé mailbox',
      },
      view: {
        title: 'Secure health messaging',
        refresh: 'Refresh',
        loading: 'Reading the messages…',
        oppositionKnown:
          'The current patient opposed receiving messages in Mon espace santé (the operator said so when refusing a message): only professionals can receive your messages about her.',
        oppositionUnknown:
          'The current patient’s opposition to messaging: not known to this workstation (the operator reports it when refusing a message).',
        sentTitle: 'Sent messages',
        receivedTitle: 'Received messages',
        noSent: 'No message sent from this workstation.',
        noReceived: 'No message received.',
        columns: { date: 'Date', to: 'Recipients', from: 'From', subject: 'Subject', status: 'Status' },
        attachments: 'Attachments: {names}',
        patientMailbox: 'Patient (Mon espace santé)',
        replyClosed: 'patient’s reply closed',
        inReplyTo: 'in reply to “{subject}”',
        statuses: {
          accepted: 'accepted by the operator',
          delivered: 'delivered to the recipient’s mailbox',
          read: 'read by the recipient',
          refused: 'refused by the operator',
        },
        statusSince: '{status} ({date})',
      },
    },
  },
);
