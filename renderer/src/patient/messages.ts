import type { FeatureMessages } from '../i18n/i18n.js';

const fr = {
  title: 'Patient',
  loginFirst: 'Connectez-vous avec votre carte CPS pour identifier le patient.',
};

export const messages: FeatureMessages<typeof fr> = {
  fr,
  en: {
    title: 'Patient',
    loginFirst: 'Log in with your CPS card to identify the patient.',
  },
};
