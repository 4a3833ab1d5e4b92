import { defineCatalogue } from '../../../api/i18n/index.js';

/** The texts of the e-CPS sign-in (Pro Santé Connect) and of the signed-in professional in the header. */
export const messages = defineCatalogue(
  {
    open: 'Se connecter avec e-CPS',
    openHint: 'Sans carte CPS : approuvez la connexion sur l’application e-CPS de votre téléphone.',
    title: 'Se connecter avec e-CPS',
    idLabel: 'Identifiant national ou RPPS',
    idHint: '12 chiffres commençant par 8 (identifiant national), ou les 11 chiffres du RPPS.',
    idInvalid: 'Saisissez 12 chiffres commençant par 8, ou les 11 chiffres du RPPS.',
    activityLegend: 'Situation d’exercice',
    activityHint:
      'Vous exercez dans plusieurs structures : choisissez celle où vous travaillez maintenant, puis approuvez une nouvelle demande sur votre téléphone.',
    submit: 'Envoyer la demande',
    starting: 'Envoi de la demande…',
    close: 'Fermer',
    waitingTitle: 'Approuvez la connexion sur votre téléphone',
    waitingHint:
      'Ouvrez l’application e-CPS : une demande de connexion vous attend. Vérifiez qu’elle affiche le même code avant de l’approuver.',
    bindingLabel: 'Code affiché sur le téléphone',
    remaining: 'La demande expire dans {time}',
    cancel: 'Annuler la demande',
    signedIn: 'Connecté(e) avec e-CPS',
    situation: 'Situation d’exercice',
    until: 'session jusqu’à {time}',
    cardFirst: 'la carte CPS connectée prime',
    signOut: 'Se déconnecter (e-CPS)',
    network: 'Passerelle ne répond pas. Vérifiez que le service est lancé, puis recommencez.',
  },
  {
    en: {
      open: 'Sign in with e-CPS',
      openHint: 'Without a CPS card: approve the sign-in on the e-CPS app on your phone.',
      title: 'Sign in with e-CPS',
      idLabel: 'National id or RPPS',
      idHint: '12 digits starting with 8 (national id), or the 11 digits of the RPPS.',
      idInvalid: 'Enter 12 digits starting with 8, or the 11 digits of the RPPS.',
      activityLegend: 'Work situation',
      activityHint:
        'You practise in several structures: choose the one you work in now, then approve a new request on your phone.',
      submit: 'Send the request',
      starting: 'Sending the request…',
      close: 'Close',
      waitingTitle: 'Approve the sign-in on your phone',
      waitingHint:
        'Open the e-CPS app: a sign-in request is waiting. Check that it shows the same code before approving it.',
      bindingLabel: 'Code shown on the phone',
      remaining: 'The request expires in {time}',
      cancel: 'Cancel the request',
      signedIn: 'Signed in with e-CPS',
      situation: 'Work situation',
      until: 'session until {time}',
      cardFirst: 'the logged-in CPS card takes precedence',
      signOut: 'Sign out (e-CPS)',
      network: 'Passerelle does not answer. Check that the service is running, then start again.',
    },
  },
);
