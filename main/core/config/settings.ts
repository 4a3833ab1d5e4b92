import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { EnvironmentSchema } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';

/** The user's settings file, `settings.json` in the home folder; every field is optional. */
export const SettingsSchema = z
  .object({
    /** The national platform's address (the test or production platform's; the bundled mock's by default). */
    platformUrl: z.url({ protocol: /^https$/ }).optional(),
    /** Which platform that is (mock / test / production): the band's colour, and the mock's own trust anchor. */
    environment: EnvironmentSchema.optional(),
    /** The PEM bundle of the platform server's trust anchors (the IGC-Santé roots for the real platform). */
    platformCa: z.string().min(1).optional(),
    language: z.enum(['fr', 'en']).optional(),
    /** The PKCS#11 module of the card readers (CPS Cryptolib, OpenSC…): a path to the vendor's library. */
    pkcs11Module: z.string().min(1).optional(),
    /** The ANS CDA kit folder (TestContenuCDA-3-0): the official rules every document is checked with. */
    cdaRules: z.string().min(1).optional(),
    /** The HTTP proxy that reaches the platform from this network (`http://host:port`), when one is needed. */
    httpProxy: z.url({ protocol: /^https?$/ }).optional(),
    /** The largest document filed, in bytes (default 25 MB). */
    maxDocumentBytes: z.number().int().positive().optional(),
    /** Days a consulted record stays cached (sealed) on this computer after its last consultation (default 7; 0: not kept). */
    consultCacheDays: z.number().int().min(0).max(365).optional(),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

export const SETTINGS_FILE = 'settings.json';

/** Every setting, in the order the settings are shown. */
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[];

/** What each setting must hold, in the words its error gives (French, then English). */
export const SETTING_EXPECTED: Readonly<Record<SettingKey, readonly [string, string]>> = {
  platformUrl: [
    'il doit être une adresse https:// (par exemple https://localhost:7443)',
    'it must be an https:// address (e.g. https://localhost:7443)',
  ],
  environment: ['il doit être mock, test ou production', 'it must be mock, test or production'],
  platformCa: [
    'il doit nommer un fichier PEM lisible contenant au moins un certificat',
    'it must name a readable PEM file holding at least one certificate',
  ],
  language: ['il doit être fr ou en', 'it must be fr or en'],
  pkcs11Module: [
    'il doit nommer le fichier de la bibliothèque PKCS#11 du fabricant (par exemple /usr/lib/libcps3_pkcs11_lux.so)',
    'it must name the vendor’s PKCS#11 library file (e.g. /usr/lib/libcps3_pkcs11_lux.so)',
  ],
  cdaRules: [
    'il doit nommer le dossier du kit TestContenuCDA de l’ANS',
    'it must name the folder of ANS’s TestContenuCDA kit',
  ],
  httpProxy: [
    'il doit être une adresse http:// ou https:// de proxy (par exemple http://proxy.local:3128)',
    'it must be an http:// or https:// proxy address (e.g. http://proxy.local:3128)',
  ],
  maxDocumentBytes: [
    'il doit être un nombre entier d’octets, plus grand que 0',
    'it must be a whole number of bytes, greater than 0',
  ],
  consultCacheDays: [
    'il doit être un nombre entier de jours, de 0 à 365',
    'it must be a whole number of days, from 0 to 365',
  ],
};

/** The setting is wrong: names it, its file, and what it must hold. */
export function settingInvalid(
  path: string,
  setting: SettingKey,
  problem?: readonly [string, string],
): PasserelleError {
  const [problemFr, problemEn] = problem ?? SETTING_EXPECTED[setting];
  return new PasserelleError('SETTING_INVALID', { path, setting, problemFr, problemEn });
}

/** The name is none of the settings. */
export function settingUnknown(path: string, setting: string): PasserelleError {
  return new PasserelleError('SETTING_UNKNOWN', { path, setting, known: SETTING_KEYS.join(', ') });
}

export function isSettingKey(name: string): name is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(name);
}

/** Checks a settings object; the error names the first wrong setting and what it must hold. */
export function parseSettings(json: unknown, path: string): Settings {
  const parsed = SettingsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw settingUnknown(path, issue.keys[0] ?? '?');
  const name = String(issue.path[0] ?? '');
  if (!isSettingKey(name)) {
    throw new PasserelleError('SETTINGS_INVALID', { path, reason: 'the file must hold one JSON object' });
  }
  throw settingInvalid(path, name);
}

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
  return parseSettings(json, path);
}
