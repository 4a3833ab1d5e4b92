import { defineCatalogue } from '../../../api/i18n/index.js';

/** The médecin traitant's commands: `vsm`, `reminders`, `patients`, `agenda`. */
export const GP = defineCatalogue(
  {
    vsm: 'Synthèse médicale (VSM) du patient, par son médecin traitant',
    vsmExample: 'Affiche un contenu de synthèse valide (JSON), point de départ de vsm file --from',
    vsmFile: 'Construit, vérifie et dépose la synthèse médicale (VSM 2023.01) ; remplace la précédente',
    vsmFrom: 'fichier JSON du contenu (format de passerelle vsm example)',
    vsmReplaced: 'Remplace la synthèse {uniqueId}',
  },
  {
    en: {
      vsm: 'The patient’s medical synthesis (VSM), by her médecin traitant',
      vsmExample: 'Prints a valid synthesis content (JSON), the starting point of vsm file --from',
      vsmFile: 'Builds, checks and files the medical synthesis (VSM 2023.01); replaces the previous one',
      vsmFrom: 'JSON file of the content (the format of passerelle vsm example)',
      vsmReplaced: 'Replaces the synthesis {uniqueId}',
    },
  },
);
