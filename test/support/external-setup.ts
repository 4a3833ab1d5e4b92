import { missingKitsSentence } from '../../interop/test-support/external-kits.js';

/** Vitest global setup, first of all: without the official kits beside the repository, one sentence, then stop. */
export default function setup(): void {
  const sentence = missingKitsSentence();
  if (sentence) throw new Error(sentence);
}
