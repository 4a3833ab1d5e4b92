import { defineCatalogue } from '../../../api/i18n/index.js';

/** `passerelle cards …`. */
export const CARDS = defineCatalogue(
  {
    command: 'Cartes CPS/CPE, Vitale et ORG (émulées, ou d’un module PKCS#11)',
    provision: 'Crée les cartes émulées (idempotent)',
    provisioned: 'Cartes émulées dans {folder} : {created} créée(s), {existing} déjà là',
    upgraded: 'Complétée(s) : {labels}',
    testPin: '[PIN de test {pin}]',
    testPinAndPuk: 'PIN de test {pin}, PUK de test {puk}',
    list: 'Liste les cartes et les lecteurs',
    insert: 'Insère une carte émulée dans son lecteur',
    inserted: '{label} insérée',
    remove: 'Retire une carte émulée',
    removed: '{label} retirée',
    login: 'Présente le PIN et affiche l’identité',
    triesLeft: 'Essais restants : {count}',
    sign: 'Signe un fichier (RSA PKCS#1 v1.5, SHA-256)',
    signIn: 'fichier à signer',
  },
  {
    en: {
      command: 'CPS/CPE, Vitale and ORG cards (emulated, or a PKCS#11 module’s)',
      provision: 'Provision the emulated cards (idempotent)',
      provisioned: 'Emulated cards in {folder}: {created} created, {existing} already there',
      upgraded: 'Completed: {labels}',
      testPin: '[test PIN {pin}]',
      testPinAndPuk: 'test PIN {pin}, test PUK {puk}',
      list: 'List the cards and readers',
      insert: 'Insert an emulated card in its reader',
      inserted: '{label} inserted',
      remove: 'Remove an emulated card',
      removed: '{label} removed',
      login: 'Present the PIN and show the identity',
      triesLeft: 'Tries left: {count}',
      sign: 'Sign a file (RSA PKCS#1 v1.5, SHA-256)',
      signIn: 'file to sign',
    },
  },
);
