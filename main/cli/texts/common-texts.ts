import { defineCatalogue } from '../../../api/i18n/index.js';

/** What every command says: the program, the shared options, errors, PIN prompts. */
export const COMMON = defineCatalogue(
  {
    program: 'client professionnel de Mon espace santé',
    home: 'dossier de données (PASSERELLE_HOME)',
    json: 'sortie JSON : la réponse de la méthode du contrat',
    pinStdin: 'lit le PIN sur l’entrée standard',
    confirmLastTry: 'accepte de présenter le dernier essai',
    lastTryHint: 'Pour présenter ce dernier essai, relancez la commande avec --confirm-last-try.',
    pinPrompt: 'Code PIN',
    error: 'Erreur : {message}',
    errorFor: 'Erreur ({id}) : {message}',
    yes: 'oui',
    no: 'non',
    stopHint: '(Ctrl+C pour arrêter)',
  },
  {
    en: {
      program: 'professional client for the DMP',
      home: 'data folder (PASSERELLE_HOME)',
      json: 'JSON output: the response of the contract method',
      pinStdin: 'read the PIN from standard input',
      confirmLastTry: 'allow presenting the last try',
      lastTryHint: 'To present this last try, run the command again with --confirm-last-try.',
      pinPrompt: 'PIN',
      error: 'Error: {message}',
      errorFor: 'Error ({id}): {message}',
      yes: 'yes',
      no: 'no',
      stopHint: '(Ctrl+C to stop)',
    },
  },
);
