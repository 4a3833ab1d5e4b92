import { defineErrors } from './catalogue.js';

/** Errors met while talking to the national platform (or its mock), and identity errors. */
export const platformErrors = defineErrors({
  PLATFORM_UNREACHABLE: {
    fr: 'La plateforme {url} est injoignable : {reason}',
    en: 'The platform {url} cannot be reached: {reason}',
  },
});
