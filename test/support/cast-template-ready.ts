import { startedCastTemplate } from './cast-template-build.js';

/**
 * Vitest global setup, last: the provisioned-cast template, built while the renderer and the CDA rules were,
 * is complete before any test file copies it.
 */
export default async function setup(): Promise<void> {
  const build = startedCastTemplate();
  if (!build) throw new Error('The cast template was not started: cast-template-setup.ts must run before this setup.');
  await build.ready;
}
