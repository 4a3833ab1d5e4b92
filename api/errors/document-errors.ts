import { defineErrors } from './catalogue.js';

/** Errors of documents: building, validating, uploading, consulting. */
export const documentErrors = defineErrors({
  DOCUMENT_INVALID: {
    fr: 'Le document ne respecte pas les règles : {reason}',
    en: 'The document breaks the rules: {reason}',
  },
});
