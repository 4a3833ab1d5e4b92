import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { EnvironmentSchema } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';

/** The user's settings file, `settings.json` in the home folder; every field is optional. */
export const SettingsSchema = z
  .object({
    platformUrl: z.url({ protocol: /^https$/ }).optional(),
    environment: EnvironmentSchema.optional(),
    language: z.enum(['fr', 'en']).optional(),
    /** The ANS CDA kit folder (TestContenuCDA-3-0): the official rules every document is checked with. */
    cdaRules: z.string().min(1).optional(),
    /** The PKCS#11 module of the card readers (CPS Cryptolib, OpenSC); `PASSERELLE_PKCS11_MODULE` overrides it. */
    pkcs11Module: z.string().min(1).optional(),
    /** The largest document filed, in bytes (default 25 MB). */
    maxDocumentBytes: z.number().int().positive().optional(),
    /** Days a consulted record stays cached (sealed) on this computer after its last consultation (default 7; 0: not kept). */
    consultCacheDays: z.number().int().min(0).max(365).optional(),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const SETTINGS_FILE = 'settings.json';

/**
 * Reads and validates the settings of a home folder. A missing file means defaults; a file that exists but
 * is malformed is an error, never silently ignored: the user would otherwise talk to the wrong platform.
 */
export function readSettings(home: string): Settings {
  const path = join(home, SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new PasserelleError('FILE_UNREADABLE', { path, reason: (cause as Error).message }, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new PasserelleError('SETTINGS_INVALID', { path, reason: (cause as Error).message }, { cause });
  }
  const parsed = SettingsSchema.safeParse(json);
  if (!parsed.success) {
    throw new PasserelleError('SETTINGS_INVALID', { path, reason: z.prettifyError(parsed.error) });
  }
  return parsed.data;
}
