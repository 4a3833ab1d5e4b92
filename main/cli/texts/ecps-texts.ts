import { defineCatalogue } from '../../../api/i18n/index.js';

/** `passerelle login --e-cps`, `passerelle logout`, and `--e-cps` on the patient commands. */
export const ECPS = defineCatalogue(
  {
    login: 'Se connecte avec la e-CPS (Pro Santé Connect) : la demande s’approuve sur l’application e-CPS',
    loginEcps: 'identifiant national (8 + RPPS) ou RPPS du professionnel',
    loginActivity: 'situation d’exercice (1, 2, …) quand le professionnel en a plusieurs',
    logout: 'Met fin à la session e-CPS (jetons révoqués, rien ne reste sur le poste)',
    bindingMessage: 'Approuvez la demande sur votre application e-CPS : vérifiez qu’elle affiche le code {code}.',
    waitingUntil: 'En attente de votre approbation jusqu’à {until} UTC (Ctrl+C pour annuler)…',
    signedIn:
      'Connecté avec la e-CPS : {name} ({nationalId}), {structure} ({structureId}), jusqu’à {until} UTC (renouvelé automatiquement).',
    signedOut: 'Session e-CPS terminée.',
    ecpsOption: 'utilise la session e-CPS ouverte par « passerelle login --e-cps » (sans carte)',
    cardOrEcps: 'indiquez la carte du professionnel (--card <label>) ou la session e-CPS (--e-cps), pas les deux',
    loginRequired: '--e-cps <identifiant national> est requis',
  },
  {
    en: {
      login: 'Sign in with e-CPS (Pro Santé Connect): the request is approved on the e-CPS app',
      loginEcps: 'national id (8 + RPPS) or RPPS of the professional',
      loginActivity: 'work situation (1, 2, …) when the professional has several',
      logout: 'End the e-CPS session (tokens revoked, nothing left on the workstation)',
      bindingMessage: 'Approve the request on your e-CPS app: check that it shows the code {code}.',
      waitingUntil: 'Waiting for your approval until {until} UTC (Ctrl+C to cancel)…',
      signedIn:
        'Signed in with e-CPS: {name} ({nationalId}), {structure} ({structureId}), until {until} UTC (renewed automatically).',
      signedOut: 'e-CPS session ended.',
      ecpsOption: 'use the e-CPS session "passerelle login --e-cps" opened (no card)',
      cardOrEcps: 'name the professional card (--card <label>) or the e-CPS session (--e-cps), not both',
      loginRequired: '--e-cps <national id> is required',
    },
  },
);
