import { defineCatalogue } from '../../api/i18n/index.js';

/** The frame's texts (header, cards, PIN, errors); each feature keeps its own beside its components. */
export const messages = defineCatalogue(
  {
    appTitle: 'Passerelle',
    skipToContent: 'Aller au contenu',
    language: 'Langue',
    languageName: 'Français',
    environment: {
      label: 'Environnement',
      mock: 'Plateforme simulée (démonstration) — aucune donnée réelle',
      test: 'Plateforme de test — données fictives uniquement',
      production: 'Production — données réelles de patients',
    },
    loading: 'Chargement…',
    version: 'Version {version}',
    platform: 'Plateforme : {url}',
    events: {
      live: 'Mises à jour en direct',
      reconnecting: 'Reconnexion au service…',
    },
    cards: {
      title: 'Lecteurs et cartes',
      none: 'Aucun lecteur détecté.',
      empty: 'Lecteur vide',
      kind: { cps: 'Carte CPS', cpe: 'Carte CPE', vitale: 'Carte Vitale' },
      unavailable: 'Lecture des cartes indisponible dans ce lancement.',
      pinState: 'Code PIN : {count} essai(s) restant(s)',
      pinLocked: 'Carte bloquée (code PUK nécessaire)',
      login: 'Se connecter avec la carte CPS',
      logout: 'Se déconnecter',
      noSession: 'Aucune session professionnelle ouverte.',
      insertCard: 'Insérez votre carte CPS dans son lecteur.',
      sessionEnded:
        'La carte CPS a été retirée du lecteur : votre session est fermée. Réinsérez la carte et saisissez votre code PIN pour continuer.',
    },
    identity: {
      title: 'Professionnel connecté',
      nationalId: 'Identifiant national',
      byCard: 'carte CPS',
    },
    // The emulated deck's own readers; a real reader keeps the name its driver gives it.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    readerNames: { 'Lecteur CPS': 'Lecteur CPS', 'Lecteur Vitale': 'Lecteur Vitale' } as Readonly<
      Record<string, string>
    >,
    // The card's label (nomenclature TRE_G15) is French: shown as it is in French, translated in English.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    professions: {} as Readonly<Record<string, string>>,
    demo: {
      title: 'Commandes de démonstration',
      close: 'Fermer les commandes de démonstration',
      intro:
        'Cartes émulées, pour la démonstration seulement : insérez-les ou retirez-les des lecteurs virtuels. Un poste réel n’affiche pas ce tiroir.',
      insert: 'Insérer {label}',
      remove: 'Retirer {label}',
    },
    views: {
      label: 'Espaces de travail',
      patient: 'Patient',
      batch: 'Envois par lots',
      settings: 'Réglages',
    },
    pin: {
      title: 'Code PIN de la carte CPS',
      label: 'Code PIN (4 chiffres)',
      triesLeft: 'Essais restants : {count}',
      lastTry:
        'Attention : c’est le dernier essai. Un code faux bloquera la carte ; il faudra alors le code PUK pour la débloquer.',
      confirmLastTry: 'Je confirme vouloir utiliser mon dernier essai',
      locked: 'La carte est bloquée : débloquez-la avec son code PUK (outil de votre fournisseur de cartes).',
      submit: 'Valider',
      cancel: 'Annuler',
      invalid: 'Le code PIN compte 4 chiffres.',
    },
    error: {
      title: 'Un problème est survenu',
      whatHappened: 'Ce qui s’est passé',
      whatToDo: 'Que faire',
      close: 'Fermer le message',
      network: 'Le service Passerelle ne répond pas.',
      networkAdvice: 'Vérifiez que Passerelle est lancé, puis rechargez la page.',
      advice: {
        retry: 'Corrigez ce qui est indiqué ci-dessus puis réessayez.',
        access: 'Rouvrez Passerelle par l’adresse affichée au lancement du service.',
        card: 'Vérifiez la carte et le lecteur, puis réessayez.',
        platform: 'Réessayez dans quelques instants ; si cela persiste, consultez l’état de la plateforme.',
        support: 'Réessayez ; si cela persiste, contactez le support en indiquant le code {code}.',
      },
    },
  },
  {
    en: {
      appTitle: 'Passerelle',
      skipToContent: 'Skip to content',
      language: 'Language',
      languageName: 'English',
      environment: {
        label: 'Environment',
        mock: 'Simulated platform (demo) — no real data',
        test: 'Test platform — fictional data only',
        production: 'Production — real patient data',
      },
      loading: 'Loading…',
      version: 'Version {version}',
      platform: 'Platform: {url}',
      events: {
        live: 'Live updates',
        reconnecting: 'Reconnecting to the service…',
      },
      cards: {
        title: 'Readers and cards',
        none: 'No reader found.',
        empty: 'Empty reader',
        kind: { cps: 'CPS card', cpe: 'CPE card', vitale: 'Vitale card' },
        unavailable: 'Card reading is unavailable in this launch.',
        pinState: 'PIN: {count} tries left',
        pinLocked: 'Card locked (PUK needed)',
        login: 'Log in with the CPS card',
        logout: 'Log out',
        noSession: 'No professional session open.',
        insertCard: 'Insert your CPS card in its reader.',
        sessionEnded:
          'The CPS card was removed from the reader: your session is closed. Insert the card again and enter your PIN to go on.',
      },
      identity: {
        title: 'Logged-in professional',
        nationalId: 'National id',
        byCard: 'CPS card',
      },
      readerNames: { 'Lecteur CPS': 'CPS reader', 'Lecteur Vitale': 'Vitale reader' },
      professions: {
        '10': 'Physician',
        '21': 'Pharmacist',
        '40': 'Dental surgeon',
        '50': 'Midwife',
        '60': 'Nurse',
        '70': 'Physiotherapist',
        '80': 'Podiatrist',
      },
      demo: {
        title: 'Demo controls',
        close: 'Close the demo controls',
        intro:
          'Emulated cards, for the demo only: put them in or take them out of the virtual readers. A real workstation never shows this drawer.',
        insert: 'Insert {label}',
        remove: 'Remove {label}',
      },
      views: {
        label: 'Workspaces',
        patient: 'Patient',
        batch: 'Batch uploads',
        settings: 'Settings',
      },
      pin: {
        title: 'CPS card PIN',
        label: 'PIN (4 digits)',
        triesLeft: 'Tries left: {count}',
        lastTry: 'Warning: this is the last try. A wrong PIN will lock the card; unlocking it will then need its PUK.',
        confirmLastTry: 'I confirm I want to use my last try',
        locked: 'The card is locked: unlock it with its PUK (your card supplier’s tool).',
        submit: 'Confirm',
        cancel: 'Cancel',
        invalid: 'The PIN has 4 digits.',
      },
      error: {
        title: 'Something went wrong',
        whatHappened: 'What happened',
        whatToDo: 'What to do',
        close: 'Dismiss the message',
        network: 'The Passerelle service does not answer.',
        networkAdvice: 'Check that Passerelle is running, then reload the page.',
        advice: {
          retry: 'Correct what is stated above, then try again.',
          access: 'Reopen Passerelle through the address printed when the service started.',
          card: 'Check the card and the reader, then try again.',
          platform: 'Try again in a moment; if it persists, check the platform status.',
          support: 'Try again; if it persists, contact support quoting the code {code}.',
        },
      },
    },
  },
);
