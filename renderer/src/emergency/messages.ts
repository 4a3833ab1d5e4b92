import { defineCatalogue } from '../../../api/i18n/index.js';

/** The texts of emergency access: its dialog and its banner. */
export const messages = defineCatalogue(
  {
    open: 'Accès en urgence',
    openHint:
      'Sans autorisation sur ce dossier : en cas d’urgence, l’accès en urgence reste possible, tracé et notifié au patient.',
    dialogTitle: 'Accès en urgence au dossier',
    modeLegend: 'Mode d’accès',
    modes: {
      bris_de_glace: 'Bris de glace (urgence)',
      centre_15: 'Régulation médicale (centre 15)',
    },
    centre15Hint: 'Réservé aux médecins régulateurs du SAMU ; la plateforme vérifie votre situation d’exercice.',
    centre15NotOffered:
      'L’accès centre 15 est réservé aux médecins régulateurs du SAMU dans leur situation d’exercice de régulation, ce que votre carte n’indique pas : l’accès en urgence se fait ici en bris de glace.',
    reasonLegend: 'Motif de l’accès',
    commonReasons: ['Patient inconscient', 'Urgence vitale', 'Patient hors d’état d’exprimer sa volonté'],
    otherReason: 'Précisions ou autre motif',
    notice:
      'Le patient sera informé de cet accès : votre nom, votre structure, l’heure et le mode d’accès. Le motif est transmis à la plateforme et conservé dans son journal.',
    confirm: 'Confirmer l’accès en urgence',
    cancel: 'Annuler',
    sending: 'Demande en cours…',
    banner: 'ACCÈS EN URGENCE',
    remaining: 'temps restant',
    until: 'jusqu’à {time}',
    expired: 'L’accès en urgence a pris fin à {time} : un nouvel accès demande un nouveau motif.',
    dismiss: 'Fermer',
  },
  {
    en: {
      open: 'Emergency access',
      openHint:
        'No authorization on this record: in an emergency, emergency access remains possible, traced and notified to the patient.',
      dialogTitle: 'Emergency access to the record',
      modeLegend: 'Access mode',
      modes: {
        bris_de_glace: 'Break-glass (emergency)',
        centre_15: 'Medical regulation (centre 15)',
      },
      centre15Hint: 'For SAMU regulation physicians only; the platform checks your practice situation.',
      centre15NotOffered:
        'Centre 15 access is reserved to SAMU regulation physicians in their regulation practice situation, which your card does not show: emergency access here is break-glass.',
      reasonLegend: 'Reason for the access',
      commonReasons: ['Unconscious patient', 'Life-threatening emergency', 'Patient unable to express their wishes'],
      otherReason: 'Details or another reason',
      notice:
        'The patient will be notified of this access: your name, your organisation, the time and the access mode. The reason goes to the platform and stays in its journal.',
      confirm: 'Confirm the emergency access',
      cancel: 'Cancel',
      sending: 'Asking…',
      banner: 'EMERGENCY ACCESS',
      remaining: 'time left',
      until: 'until {time}',
      expired: 'The emergency access ended at {time}: a new access needs a new reason.',
      dismiss: 'Close',
    },
  },
);
