import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadOrCreateTestPki, type TestPki } from '../interop/test-pki/index.js';
import type { CdaRulesOptions } from '../interop/cda-validation/index.js';
import type { FaultRule } from './faults/fault-injector.js';
import type { DocumentContentChecks } from './rules/content-checks.js';
import { PORTAL_PREFIX, PORTAL_TEST_PASSWORD } from './portal/portal-handler.js';
import { startMockPlatform, type MockPlatform, type MockPlatformOptions, type MssOperatorOptions } from './start.js';

export interface TestPlatformOptions {
  /** The platform's clock (defaults to the system's). */
  readonly clock?: () => Date;
  readonly faults?: readonly FaultRule[];
  readonly authorizationValidityDays?: number;
  readonly emergencyAccessHours?: number;
  /** Reuse a PKI (generating one takes a few seconds): pass the folder of an existing one. */
  readonly pkiDir?: string;
  /** Content checks to run instead of the default ones over interop's CDA modules. */
  readonly contentChecks?: DocumentContentChecks;
  /** The official CDA rules the default content checks run too (interop/cda-validation's test rules). */
  readonly cdaRules?: CdaRulesOptions;
  /** The MSSanté operator's settings (its size limit, a token verifier for XOAUTH2). */
  readonly mssante?: MssOperatorOptions;
  /** Pro Santé Connect's lifetimes and auto-approval. */
  readonly psc?: MockPlatformOptions['psc'];
}

/** A mock platform started for one test file, with what a scenario needs to talk to it. */
export interface TestPlatform extends MockPlatform {
  /** The test PKI the platform trusts: issue card and ORG certificates from it. */
  readonly pki: TestPki;
  readonly dataDir: string;
  /** The portal's base URL and the `Authorization` header that signs a patient in. */
  readonly portal: { readonly url: string; authorization(matricule: string): string };
  /** Stops the platform and deletes its folder. */
  dispose(): Promise<void>;
}

/**
 * Starts the mock platform for tests: port 0, a fresh seeded database in a temporary folder, fault injection
 * off unless asked. Faults, audit trail, outbox and state are reachable through the returned handles; no
 * request can change them.
 */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-mock-'));
  const pki = loadOrCreateTestPki(options.pkiDir ?? join(dataDir, 'pki'));
  const platform = await startMockPlatform({
    port: 0,
    dataDir: join(dataDir, 'platform'),
    pki,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.authorizationValidityDays === undefined
      ? {}
      : { authorizationValidityDays: options.authorizationValidityDays }),
    ...(options.emergencyAccessHours === undefined ? {} : { emergencyAccessHours: options.emergencyAccessHours }),
    ...(options.contentChecks ? { contentChecks: options.contentChecks } : {}),
    ...(options.cdaRules ? { cdaRules: options.cdaRules } : {}),
    ...(options.mssante ? { mssante: options.mssante } : {}),
    ...(options.psc ? { psc: options.psc } : {}),
  });
  return {
    ...platform,
    pki,
    dataDir,
    portal: {
      url: `${platform.url}${PORTAL_PREFIX}`,
      authorization: (matricule) => `Basic ${Buffer.from(`${matricule}:${PORTAL_TEST_PASSWORD}`).toString('base64')}`,
    },
    async dispose() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
