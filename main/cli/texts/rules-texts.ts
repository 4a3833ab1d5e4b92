import { defineCatalogue } from '../../../api/i18n/index.js';

/** The `rules` commands: the official ANS rules' install and state. */
export const RULES = defineCatalogue(
  {
    rules: 'Règles officielles de l’ANS pour les documents CDA (kit TestContenuCDA)',
    install: 'Installe le kit TestContenuCDA de l’ANS dans le dossier de Passerelle, puis compile ses règles',
    installFrom: 'dossier du kit ou son archive ZIP',
    status: 'Dit si les règles officielles sont installées et compilées',
    installing: 'Installation des règles depuis {from}…',
    progress: 'Compilation des règles : {done}/{total} ({schematron})',
    installed: 'Règles officielles installées : {version}',
    statusInstalled: 'Règles installées : {version}',
    statusNotInstalled: 'Aucune règle officielle installée (passerelle rules install --from DOSSIER|ZIP).',
    statusFolder: 'Dossier des règles utilisé : {folder}',
    statusNoFolder: 'Aucun dossier de règles : seuls les contrôles structurels de Passerelle s’appliquent.',
    statusCompiled: 'Règles compilées : {compiled}',
    yes: 'oui',
    no: 'non',
  },
  {
    en: {
      rules: 'Official ANS rules for CDA documents (TestContenuCDA kit)',
      install: 'Install the ANS TestContenuCDA kit in Passerelle’s folder, then compile its rules',
      installFrom: 'the kit’s folder or its ZIP archive',
      status: 'Tell whether the official rules are installed and compiled',
      installing: 'Installing the rules from {from}…',
      progress: 'Compiling the rules: {done}/{total} ({schematron})',
      installed: 'Official rules installed: {version}',
      statusInstalled: 'Rules installed: {version}',
      statusNotInstalled: 'No official rules installed (passerelle rules install --from FOLDER|ZIP).',
      statusFolder: 'Rules folder in use: {folder}',
      statusNoFolder: 'No rules folder: only Passerelle’s structural checks apply.',
      statusCompiled: 'Rules compiled: {compiled}',
      yes: 'yes',
      no: 'no',
    },
  },
);
