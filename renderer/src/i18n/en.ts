import type { Messages } from './fr.js';

/** The English catalogue. */
export const en: Messages = {
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
};
