import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';
import { readTrustAnchors } from './platform-trust.js';
import {
  isSettingKey,
  parseSettings,
  readSettings,
  SETTINGS_FILE,
  SettingsSchema,
  settingInvalid,
  settingUnknown,
  type SettingKey,
  type Settings,
} from './settings.js';

/** The settings held as numbers: their value is typed as digits. */
const NUMERIC: ReadonlySet<SettingKey> = new Set(['maxDocumentBytes', 'consultCacheDays']);

/** The settings that name a file or a folder on this computer, and which of the two they must be. */
const LOCAL_PATHS: Partial<Record<SettingKey, 'file' | 'folder'>> = {
  platformCa: 'file',
  pkcs11Module: 'file',
  cdaRules: 'folder',
};

/** The variable of the host's environment that wins over a setting, where one does. */
export const SETTING_OVERRIDES: Partial<Record<SettingKey, string>> = {
  platformUrl: 'PASSERELLE_PLATFORM_URL',
  environment: 'PASSERELLE_ENVIRONMENT',
  platformCa: 'PASSERELLE_PLATFORM_CA',
  pkcs11Module: 'PASSERELLE_PKCS11_MODULE',
  cdaRules: 'PASSERELLE_CDA_RULES',
};

/** One value typed by the user, as the setting holds it: digits for a number, an absolute path for a place. */
function valueOf(path: string, key: SettingKey, typed: string): string | number {
  const text = typed.trim();
  if (NUMERIC.has(key)) {
    if (!/^\d+$/.test(text)) throw settingInvalid(path, key);
    return Number(text);
  }
  return LOCAL_PATHS[key] && text !== '' ? resolve(text) : text;
}

/** What is at a place the setting names: a file, a folder, or a PEM bundle with at least one certificate. */
function checkPlace(path: string, key: SettingKey, place: string): void {
  const kind = LOCAL_PATHS[key];
  if (!kind) return;
  let isFile: boolean;
  try {
    isFile = statSync(place).isFile();
  } catch {
    throw settingInvalid(path, key, [
      `${place} n’existe pas ou n’est pas lisible`,
      `${place} does not exist or cannot be read`,
    ]);
  }
  if (isFile !== (kind === 'file')) throw settingInvalid(path, key);
  if (key === 'platformCa') {
    try {
      readTrustAnchors(place);
    } catch {
      throw settingInvalid(path, key);
    }
  }
}

/**
 * Writes the settings owner-only, atomically: a temporary file beside the settings, then renamed over them, so
 * that a crash or a second process never reads half a file.
 */
export function writeSettings(home: string, settings: Settings): void {
  const path = join(home, SETTINGS_FILE);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, path);
  } catch (cause) {
    rmSync(temporary, { force: true });
    throw new PasserelleError('HOME_UNWRITABLE', { path: home, reason: (cause as Error).message }, { cause });
  }
}

/**
 * Sets one setting from the value the user typed, checked (its form, and the file or folder it names), then
 * writes the settings; an empty value removes the setting, which falls back to its default.
 */
export function setSetting(home: string, name: string, typed: string): Settings {
  const path = join(home, SETTINGS_FILE);
  if (!isSettingKey(name)) throw settingUnknown(path, name);
  const settings: Record<string, unknown> = { ...readSettings(home) };
  const value = valueOf(path, name, typed);
  if (value === '') {
    delete settings[name];
  } else {
    if (!SettingsSchema.shape[name].safeParse(value).success) throw settingInvalid(path, name);
    if (typeof value === 'string') checkPlace(path, name, value);
    settings[name] = value;
  }
  const checked = parseSettings(settings, path);
  writeSettings(home, checked);
  return checked;
}
