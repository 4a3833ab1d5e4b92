import { defineErrors } from './catalogue.js';

/** Errors met while talking to the national platform (or its mock), and identity errors. */
export const platformErrors = defineErrors({});
