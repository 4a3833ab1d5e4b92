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
