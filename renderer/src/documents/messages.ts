import type { FeatureMessages } from '../i18n/i18n.js';

const fr = {
  title: 'Documents du dossier',
};

export const messages: FeatureMessages<typeof fr> = {
  fr,
  en: {
    title: 'Documents of the record',
  },
};
