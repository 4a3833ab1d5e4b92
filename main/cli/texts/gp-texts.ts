import { defineCatalogue } from '../../../api/i18n/index.js';

/** The médecin traitant's commands: `vsm`, `reminders`, `patients`, `agenda`. */
export const GP = defineCatalogue(
  {
    vsm: 'Synthèse médicale (VSM) du patient, par son médecin traitant',
    vsmExample: 'Affiche un contenu de synthèse valide (JSON), point de départ de vsm file --from',
    vsmFile: 'Construit, vérifie et dépose la synthèse médicale (VSM 2023.01) ; remplace la précédente',
    vsmFrom: 'fichier JSON du contenu (format de passerelle vsm example)',
    vsmReplaced: 'Remplace la synthèse {uniqueId}',
    reminders: 'Rappels du patient : synthèse annuelle (médecin traitant), vaccins et dépistages recommandés',
    remindersHeading: 'Rappels pour ce patient ({age} ans), selon « {calendar} » du {date} :',
    remindersNone: 'Aucun rappel pour ce patient à son âge.',
    status_done: 'fait',
    status_due: 'à faire',
    status_overdue: 'en retard',
    dueOn: 'échéance {date}',
    provedBy: 'preuve {uniqueId} du {date}',
  },
  {
    en: {
      vsm: 'The patient’s medical synthesis (VSM), by her médecin traitant',
      vsmExample: 'Prints a valid synthesis content (JSON), the starting point of vsm file --from',
      vsmFile: 'Builds, checks and files the medical synthesis (VSM 2023.01); replaces the previous one',
      vsmFrom: 'JSON file of the content (the format of passerelle vsm example)',
      vsmReplaced: 'Replaces the synthesis {uniqueId}',
      reminders: 'The patient’s reminders: yearly synthesis (médecin traitant), recommended vaccines and screenings',
      remindersHeading: 'Reminders for this patient ({age} years old), after “{calendar}” of {date}:',
      remindersNone: 'No reminder for this patient at her age.',
      status_done: 'done',
      status_due: 'due',
      status_overdue: 'overdue',
      dueOn: 'due {date}',
      provedBy: 'proof {uniqueId} of {date}',
    },
  },
);
