import type { TestProject } from 'vitest/node';

import { startCastTemplate } from './cast-template-build.js';

/**
 * Vitest global setup, once the command is compiled: starts building the provisioned-cast template (or finds it
 * built by an earlier run) and gives its folder to the test files; `cast-template-ready.ts` waits for it.
 */
export default function setup(project: TestProject): void {
  project.provide('castTemplate', startCastTemplate().dir);
}
