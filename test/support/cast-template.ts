import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { inject } from 'vitest';

import { CAST, emulatorPaths, provisionCast } from '../../native-bridge/index.js';
import type { ProvisionResult } from '../../native-bridge/emulator/provision.js';
import { STRUCTURE_FOLDER } from '../../native-bridge/software-certificates/structure-certificates.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The home provisioned once for the run (`cast-template-setup.ts`), whose cards and PKI the tests copy. */
    castTemplate: string;
  }
}

/**
 * Whether a SoftHSM2 token folder holds the token labelled `label`: its `token.object` carries the label as the
 * token shows it, padded with spaces to PKCS#11's 32 characters.
 */
function holdsToken(folder: string, label: string): boolean {
  return readFileSync(join(folder, 'token.object')).includes(label.padEnd(32, ' '));
}

/**
 * Provisions the emulated cast in `home` (the cards labelled `labels`, all by default) by copying the run's
 * template — the cards' SoftHSM2 tokens, its test PKI, the cabinet's software certificates — then provisioning
 * over it, which finds every card there and points SoftHSM2 at this home. Every home seeded so shares one PKI and
 * the same cards: a test that needs another platform's PKI, or cards of its own, provisions that home for real.
 */
export function provisionCastFromTemplate(home: string, labels?: readonly string[]): ProvisionResult {
  const cast = labels ? CAST.filter((card) => labels.includes(card.label)) : CAST;
  if (cast.length !== (labels ?? CAST).length)
    throw new Error(`Not every card of ${labels?.join(', ')} is in the cast.`);
  // Outside a vitest run (the benchmarks share these helpers) no template was provisioned: provision for real.
  if (process.env.VITEST === undefined) return provisionCast(home, cast);
  const template = inject('castTemplate');
  const from = emulatorPaths(template);
  const to = emulatorPaths(home);
  for (const path of [to.tokens, to.pki, join(home, STRUCTURE_FOLDER)]) {
    if (existsSync(path)) throw new Error(`${path} already exists: the cast template is copied into a new home only.`);
  }
  for (const token of readdirSync(from.tokens)) {
    const folder = join(from.tokens, token);
    if (cast.some((card) => holdsToken(folder, card.label)))
      cpSync(folder, join(to.tokens, token), { recursive: true });
  }
  cpSync(from.pki, to.pki, { recursive: true });
  cpSync(join(template, STRUCTURE_FOLDER), join(home, STRUCTURE_FOLDER), { recursive: true });
  const result = provisionCast(home, cast);
  if (result.created.length > 0 || result.upgraded.length > 0) {
    throw new Error(`The cast template lacks ${[...result.created, ...result.upgraded].join(', ')}: it is stale.`);
  }
  return result;
}
