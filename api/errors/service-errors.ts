import { defineErrors } from './catalogue.js';

/** Errors of the local service and the API contract transport. */
export const serviceErrors = defineErrors({
  UNKNOWN_METHOD: {
    fr: 'Méthode inconnue : {method}',
    en: 'Unknown method: {method}',
  },
});
