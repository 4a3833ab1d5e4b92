import { defineCatalogue } from '../../../api/i18n/index.js';

/** `passerelle settings …` and `passerelle about`. */
export const SETTINGS = defineCatalogue(
  {
    command: 'Réglages de ce poste (plateforme, module PKCS#11, règles CDA, proxy, cache)',
    show: 'Affiche chaque réglage et sa valeur',
    set: 'Change un réglage (une valeur vide le retire) : effectif au prochain démarrage',
    key: 'le réglage',
    value: 'sa valeur',
    file: 'Fichier de réglages : {path}',
    unset: '(par défaut)',
    overridden: 'remplacé par la variable {variable}',
    saved: 'Réglage {key} enregistré dans {path} : effectif au prochain démarrage.',
    about: 'Le logiciel tel que la plateforme le connaît (LPS_Nom, LPS_Version), sa plateforme et ses modules',
    lpsName: 'Logiciel',
    lpsVersion: 'Version',
    homologation: 'Homologation CNDA',
    platform: 'Plateforme',
    environment: 'Environnement',
    pkcs11Module: 'Module PKCS#11',
    cdaRules: 'Règles CDA officielles',
    none: 'aucun',
    clockAhead:
      'Attention : l’horloge de ce poste avance de {minutes} min sur celle de la plateforme, au-delà des ±{tolerance} min qu’elle tolère : elle refusera ce que ce poste signe. Mettez l’horloge à l’heure (synchronisation NTP).',
    clockBehind:
      'Attention : l’horloge de ce poste retarde de {minutes} min sur celle de la plateforme, au-delà des ±{tolerance} min qu’elle tolère : elle refusera ce que ce poste signe. Mettez l’horloge à l’heure (synchronisation NTP).',
  },
  {
    en: {
      command: 'This workstation’s settings (platform, PKCS#11 module, CDA rules, proxy, cache)',
      show: 'Show each setting and its value',
      set: 'Change a setting (an empty value removes it): effective at the next start',
      key: 'the setting',
      value: 'its value',
      file: 'Settings file: {path}',
      unset: '(default)',
      overridden: 'overridden by the variable {variable}',
      saved: 'Setting {key} saved in {path}: effective at the next start.',
      about: 'The software as the platform knows it (LPS_Nom, LPS_Version), its platform and modules',
      lpsName: 'Software',
      lpsVersion: 'Version',
      homologation: 'CNDA homologation',
      platform: 'Platform',
      environment: 'Environment',
      pkcs11Module: 'PKCS#11 module',
      cdaRules: 'Official CDA rules',
      none: 'none',
      clockAhead:
        'Warning: this computer’s clock is {minutes} min ahead of the platform’s, beyond the ±{tolerance} min it tolerates: it will refuse what this computer signs. Set the clock right (NTP synchronisation).',
      clockBehind:
        'Warning: this computer’s clock is {minutes} min behind the platform’s, beyond the ±{tolerance} min it tolerates: it will refuse what this computer signs. Set the clock right (NTP synchronisation).',
    },
  },
);
