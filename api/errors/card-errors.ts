import { defineErrors } from './catalogue.js';

/** Errors of the card layer (PKCS#11 modules, readers, PINs, card data). */
export const cardErrors = defineErrors({
  MODULE_NOT_FOUND: {
    fr: 'Module PKCS#11 introuvable : {path}. Vérifiez que la Cryptolib CPS (ou OpenSC, ou SoftHSM2) est installée.',
    en: 'PKCS#11 module not found: {path}. Check that the CPS Cryptolib (or OpenSC, or SoftHSM2) is installed.',
  },
});
