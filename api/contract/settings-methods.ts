import { z } from 'zod';

import { EnvironmentSchema } from './app-methods.js';
import { defineMethods } from './method.js';

/** One setting of the workstation: its value in the settings file (null: its default applies). */
export const SettingEntrySchema = z.object({
  key: z.string(),
  value: z.union([z.string(), z.number()]).nullable(),
  /** The environment variable that wins over this setting, when the host was started with it. */
  overriddenBy: z.string().nullable(),
});
export type SettingEntry = z.infer<typeof SettingEntrySchema>;

/** The workstation's settings file and every setting it may hold, in order. */
export const SettingsViewSchema = z.object({
  path: z.string(),
  settings: z.array(SettingEntrySchema),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** The software as the platform knows it: the VIHF's LPS_Nom and LPS_Version, and what it is set to use. */
export const AboutSchema = z.object({
  lpsName: z.string(),
  lpsVersion: z.string(),
  /** The CNDA homologation number. */
  homologation: z.string(),
  /** The platform's address. */
  platform: z.string(),
  environment: EnvironmentSchema,
  /** The PKCS#11 module of the card readers; null where none is configured (emulated cards). */
  pkcs11Module: z.string().nullable(),
  /** The official CDA rules folder; null where only Passerelle's own checks run. */
  cdaRules: z.string().nullable(),
});
export type About = z.infer<typeof AboutSchema>;

/** The workstation's settings, and what the software says of itself. */
export const settingsMethods = defineMethods({
  'settings.show': {
    summary: 'The settings file of this workstation and the value of each setting.',
    request: z.object({}),
    response: SettingsViewSchema,
  },
  'settings.set': {
    summary:
      'Sets one setting (an empty value removes it), checked, written owner-only and atomically; effective at the next start.',
    request: z.object({ key: z.string().min(1).max(64), value: z.string().max(4096) }),
    response: SettingsViewSchema,
  },
  'app.about': {
    summary: 'The software name and version exactly as the VIHF carries them, its homologation, platform and modules.',
    request: z.object({}),
    response: AboutSchema,
  },
});
