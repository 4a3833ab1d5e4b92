import { defineCatalogue } from '../../../api/i18n/index.js';

/** The texts of the official rules' banner. */
export const messages = defineCatalogue(
  {
    label: 'Règles officielles de l’ANS',
    missing:
      'Règles officielles de l’ANS non installées : seuls les contrôles structurels de Passerelle s’appliquent aux documents, qui ne sont jamais dits conformes. Pour les installer :',
    command: 'passerelle rules install --from DOSSIER|ZIP',
    preparing: 'Règles officielles de l’ANS en préparation : les documents seront vérifiés dès qu’elles seront prêtes.',
  },
  {
    en: {
      label: 'Official ANS rules',
      missing:
        'Official ANS rules not installed: only Passerelle’s structural checks apply to documents, which are never called valid. To install them:',
      command: 'passerelle rules install --from FOLDER|ZIP',
      preparing: 'Official ANS rules being prepared: documents will be checked as soon as they are ready.',
    },
  },
);
