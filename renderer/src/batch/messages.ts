import type { FeatureMessages } from '../i18n/i18n.js';

const fr = {
  title: 'Envois par lots de l’établissement',
};

export const messages: FeatureMessages<typeof fr> = {
  fr,
  en: {
    title: 'Establishment batch uploads',
  },
};
