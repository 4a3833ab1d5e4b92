import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,interop,native-bridge,main,mock-platform,renderer,test,eslint-rules}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'dist/**'],
    // The command-line scenarios run the compiled command: compiled once per run (incremental).
    // The browser tests serve the built renderer: rebuilt once per run when missing or out of date.
    // The official CDA rules are compiled once per kit into node_modules/.cache, then every test reuses them.
    // The emulated cast is provisioned once into a template (cached like the rules) that the tests copy: its
    // build, in a process of its own, runs beside the renderer's and the rules' and is awaited last.
    // The official kits (../shared/external) first: without them the run stops at once with one sentence.
    globalSetup: [
      'test/support/external-setup.ts',
      'test/support/compile-setup.ts',
      'test/support/cast-template-setup.ts',
      'test/browser/global-setup.ts',
      'interop/cda-validation/test-support/global-setup.ts',
      'test/support/cast-template-ready.ts',
    ],
    // SoftHSM token folders and SQLite files are per test; two cores on our machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A browser scenario polls what the window renders after a key or an answer: on a loaded two-core machine
    // React gets to it later than a second, the default; a poll waits as long as Playwright's own waits do.
    expect: { poll: { timeout: 30_000 } },
  },
});
