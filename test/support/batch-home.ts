import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isSignatureEntry } from '../../interop/xds/index.js';
import type { TestPlatform, TestPlatformOptions } from '../../mock-platform/testing.js';
import { openEmulatedCards } from '../../native-bridge/index.js';
import { writeEstablishment } from './batch-fixtures.js';
import { cliEnvironment, startHomePlatform } from './platform-home.js';

export interface BatchHome {
  readonly home: string;
  readonly platform: TestPlatform;
  /** The environment of a `passerelle` process of this home, talking to this platform. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * A home folder as a hospital's workstation has it: the emulated cards provisioned, the establishment's ORG
 * token in its reader, `establishment.json` written; and a mock platform for it.
 */
export async function prepareBatchHome(name: string, options: TestPlatformOptions = {}): Promise<BatchHome> {
  const home = mkdtempSync(join(tmpdir(), `passerelle-${name}-`));
  const platform = await startHomePlatform(home, options);
  const cards = openEmulatedCards(home);
  try {
    cards.insert('ORG-CHU-FICTIF');
  } finally {
    cards.close();
  }
  writeEstablishment(home);
  const env = cliEnvironment(home, platform.url, {
    PASSERELLE_CDA_RULES: undefined,
    PASSERELLE_PKCS11_MODULE: undefined,
  });
  return { home, platform, env };
}

/** How many documents of `uniqueIds` the platform holds, each uniqueId counted as many times as it is stored. */
export function storedCopies(platform: TestPlatform, uniqueIds: readonly string[]): Map<string, number> {
  return new Map(uniqueIds.map((id) => [id, platform.documents.documents.byUniqueId(id).length]));
}

/** Every document the establishment filed on the platform, over the given patients (by uniqueId; submission-set signatures aside). */
export function filedByEstablishment(platform: TestPlatform, patients: readonly string[]): string[] {
  return patients.flatMap((patient) =>
    platform.documents.documents
      .versionsOf(patient)
      .filter((document) => document.submittedBy === '1750000019' && !isSignatureEntry(document.entry))
      .map((document) => document.entry.uniqueId),
  );
}
