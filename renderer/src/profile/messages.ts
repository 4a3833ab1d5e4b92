import { defineCatalogue } from '../../../api/i18n/index.js';

/** The texts of the patient's own information: her profile panel and the banner's flags. */
export const messages = defineCatalogue(
  {
    title: 'Ce que le patient a écrit lui-même',
    intro: 'Documents déposés par le patient dans Mon espace santé (son profil) : à lire avant le reste du dossier.',
    loading: 'Lecture du profil du patient…',
    none: 'Le patient n’a rien écrit dans son profil Mon espace santé.',
    needAccess: 'Le profil du patient se lit avec son dossier : déclarez son accord ou ouvrez un accès d’urgence.',
    kinds: {
      directives: 'Directives anticipées',
      volontes: 'Volontés et droits (personne de confiance, personnes à prévenir, don d’organes)',
      'profil-medical': 'Profil médical (allergies, mesures, traitements)',
      vaccinations: 'Vaccinations',
      autre: 'Autre document du patient',
    },
    writtenOn: 'écrit le {date}',
    open: 'Lire',
    close: 'Fermer',
    frameTitle: '{title}, écrit par le patient',
    patientAuthored: 'écrit par le patient',
    flagsLabel: 'Profil du patient',
    flags: {
      advanceDirectives: 'Directives anticipées présentes',
      wishes: 'Personne de confiance / volontés',
      medicalProfile: 'Profil médical',
      vaccinations: 'Vaccinations',
    },
  },
  {
    en: {
      title: 'What the patient wrote herself',
      intro: 'Documents the patient filed in Mon espace santé (her profile): read them before the rest of the record.',
      loading: 'Reading the patient’s profile…',
      none: 'The patient wrote nothing in her Mon espace santé profile.',
      needAccess: 'The patient’s profile is read with her record: declare her consent or open an emergency access.',
      kinds: {
        directives: 'Advance directives',
        volontes: 'Wishes and rights (trusted person, people to notify, organ donation)',
        'profil-medical': 'Medical profile (allergies, measures, treatments)',
        vaccinations: 'Vaccinations',
        autre: 'Other document of the patient',
      },
      writtenOn: 'written on {date}',
      open: 'Read',
      close: 'Close',
      frameTitle: '{title}, written by the patient',
      patientAuthored: 'written by the patient',
      flagsLabel: 'Patient’s profile',
      flags: {
        advanceDirectives: 'Advance directives on file',
        wishes: 'Trusted person / wishes',
        medicalProfile: 'Medical profile',
        vaccinations: 'Vaccinations',
      },
    },
  },
);
