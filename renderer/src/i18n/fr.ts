/** The French catalogue: the reference; every other language has the same keys. */
export const fr = {
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
  },
  identity: {
    title: 'Professionnel connecté',
    nationalId: 'Identifiant national',
  },
  demo: {
    title: 'Commandes de démonstration',
    intro: 'Cartes émulées : insérez-les ou retirez-les des lecteurs virtuels.',
    insert: 'Insérer {label}',
    remove: 'Retirer {label}',
  },
  views: {
    label: 'Espaces de travail',
    patient: 'Patient',
    batch: 'Envois par lots',
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
} as const;

/** The shape of a catalogue: the same keys as French, any text. */
export type Messages = Widen<typeof fr>;
type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
