import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import { findConcept, PROFESSIONS } from '../../../interop/value-sets/index.js';
import type { OrganisationInfo } from '../../../native-bridge/index.js';
import type { LocalUser } from '../cards/establishment-credentials.js';

/** The establishment's settings for hospital batches, beside `settings.json` in the home folder. */
export const ESTABLISHMENT_FILE = 'establishment.json';

/** What each field must hold, in the words the error gives (French, then English). */
const EXPECTED: Readonly<Record<string, readonly [string, string]>> = {
  orgToken: [
    'doit nommer le jeton ORG de l’établissement (son libellé PKCS#11, par exemple ORG-CHU-FICTIF)',
    'must name the establishment’s ORG token (its PKCS#11 label, e.g. ORG-CHU-FICTIF)',
  ],
  legalEntityFiness: [
    'doit être le FINESS de l’entité juridique (EJ) : 9 chiffres (2A ou 2B en tête en Corse)',
    'must be the legal entity’s FINESS (EJ): 9 digits (starting 2A or 2B in Corsica)',
  ],
  siteFiness: [
    'doit être le FINESS géographique (ET) du site qui envoie : 9 chiffres (2A ou 2B en tête en Corse)',
    'must be the sending site’s FINESS (ET): 9 digits (starting 2A or 2B in Corsica)',
  ],
  id: [
    'doit être l’identifiant du compte local : 1 à 30 lettres ou chiffres',
    'must be the local account’s id: 1 to 30 letters or digits',
  ],
  nationalId: [
    'doit être un identifiant national : 8 + RPPS, 0 + ADELI, ou 3<FINESS>/<identifiant interne>',
    'must be a national id: 8 + RPPS, 0 + ADELI, or 3<FINESS>/<internal id>',
  ],
  lastName: [
    'doit être un nom (lettres, espaces, traits d’union, apostrophes)',
    'must be a name (letters, spaces, hyphens, apostrophes)',
  ],
  firstName: [
    'doit être un prénom (lettres, espaces, traits d’union, apostrophes)',
    'must be a given name (letters, spaces, hyphens, apostrophes)',
  ],
  profession: [
    'doit être un code de profession de santé TRE_G15 (10 pour Médecin)',
    'must be a TRE_G15 health profession code (10 for Médecin)',
  ],
  specialty: [
    'doit être un objet { "code": …, "label": … } (spécialité TRE_R38, par exemple SM26)',
    'must be an object { "code": …, "label": … } (a TRE_R38 specialty, e.g. SM26)',
  ],
  code: ['doit être un code non vide', 'must be a non-empty code'],
  label: ['doit être un libellé non vide', 'must be a non-empty label'],
  physicians: ['doit être une liste de médecins', 'must be a list of physicians'],
  secretary: ['doit décrire le compte local de la secrétaire', 'must describe the secretary’s local account'],
  defaultAuthor: ['doit décrire le médecin auteur par défaut', 'must describe the default authoring physician'],
};

const Finess = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{2}|2[AB])\d{7}$/);
const Name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}][\p{L}' -]*$/u);
const Profession = z
  .string()
  .trim()
  .refine((code) => findConcept(PROFESSIONS, code) !== undefined)
  .transform((code) => ({ code, label: findConcept(PROFESSIONS, code)!.displayName }));
const Specialty = z
  .object({ code: z.string().trim().min(1).max(20), label: z.string().trim().min(1).max(200) })
  .strict();

/** A physician who may author documents: the CDA's author and legal authenticator. */
const PhysicianSchema = z
  .object({
    nationalId: z
      .string()
      .trim()
      .regex(/^(8\d{11}|0\d{9}|[13456][0-9A-Za-z]{6,}\/[0-9A-Za-z]{1,30})$/),
    lastName: Name,
    firstName: Name,
    profession: Profession.default({ code: '10', label: 'Médecin' }),
    specialty: Specialty.optional(),
  })
  .strict();

/**
 * The establishment's settings (`establishment.json`):
 * - `orgToken`: the label of the establishment's ORG token (emulated, or in the vendor module named by
 *   PASSERELLE_PKCS11_MODULE), which authenticates TLS and signs the VIHF and the submission sets;
 * - `legalEntityFiness` and `siteFiness`: the FINESS of the legal entity (EJ) and of the sending site (ET).
 *   They differ, and both must be the certificate's: the platform checks the structure against it;
 * - `secretary`: the local account of the person who sends (authenticated by the establishment, no card): the
 *   VIHF's subject and the submission set's author. `profession` is the one she acts under (Médecin by default);
 * - `defaultAuthor` and `physicians`: the establishment's physicians by national id. A manifest line names its
 *   author by id; his names (when the line gives none), profession and specialty come from here.
 */
export const EstablishmentSettingsSchema = z
  .object({
    orgToken: z.string().trim().min(1).max(64),
    legalEntityFiness: Finess,
    siteFiness: Finess,
    secretary: z
      .object({
        id: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z]{1,30}$/),
        lastName: Name,
        firstName: Name,
        profession: Profession.default({ code: '10', label: 'Médecin' }),
      })
      .strict(),
    defaultAuthor: PhysicianSchema.optional(),
    physicians: z.array(PhysicianSchema).max(10_000).default([]),
  })
  .strict();
export type EstablishmentSettings = z.output<typeof EstablishmentSettingsSchema>;
export type Physician = z.output<typeof PhysicianSchema>;

function invalid(path: string, field: string, problem: readonly [string, string]): PasserelleError {
  return new PasserelleError('ESTABLISHMENT_SETTINGS_INVALID', {
    path,
    field,
    problemFr: problem[0],
    problemEn: problem[1],
  });
}

/** The first problem of a settings object, named by its field (`secretary.id`, `physicians.2.nationalId`). */
function firstProblem(error: z.ZodError, path: string): PasserelleError {
  const issue = error.issues[0]!;
  const parts = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...parts, issue.keys[0] ?? '?'].join('.');
    return invalid(path, field, [
      'n’est pas un champ connu (faute de frappe ?)',
      'is not a known field (a typing error?)',
    ]);
  }
  const field = parts.join('.') || '(racine / root)';
  if (issue.code === 'invalid_type' && issue.input === undefined) return invalid(path, field, ['manque', 'is missing']);
  const last = [...parts].reverse().find((part) => !/^\d+$/.test(part)) ?? '';
  return invalid(path, field, EXPECTED[last] ?? ['n’a pas la forme attendue', 'does not have the expected form']);
}

/** Checks a settings object; the error names the first wrong field and what it must hold. */
export function parseEstablishmentSettings(json: unknown, path: string = ESTABLISHMENT_FILE): EstablishmentSettings {
  const parsed = EstablishmentSettingsSchema.safeParse(json);
  if (!parsed.success) throw firstProblem(parsed.error, path);
  const settings = parsed.data;
  if (settings.siteFiness === settings.legalEntityFiness) {
    throw invalid(path, 'siteFiness', [
      'est le FINESS de l’entité juridique : indiquez le FINESS géographique du site (ils diffèrent)',
      'is the legal entity’s FINESS: give the site’s own (geographic) FINESS (they differ)',
    ]);
  }
  const ids = new Set<string>();
  for (const [index, physician] of [settings.defaultAuthor, ...settings.physicians].entries()) {
    if (!physician) continue;
    if (ids.has(physician.nationalId)) {
      const field = index === 0 ? 'defaultAuthor.nationalId' : `physicians.${index - 1}.nationalId`;
      throw invalid(path, field, ['nomme un médecin déjà déclaré', 'names a physician already declared']);
    }
    ids.add(physician.nationalId);
  }
  return settings;
}

/** Reads `establishment.json` from the home folder: missing, unreadable, not JSON or invalid are each said plainly. */
export function readEstablishmentSettings(home: string): EstablishmentSettings {
  const path = join(home, ESTABLISHMENT_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT')
      throw new PasserelleError('ESTABLISHMENT_SETTINGS_MISSING', { path }, { cause });
    throw new PasserelleError(
      'FILE_UNREADABLE',
      { path, reason: (cause as NodeJS.ErrnoException).code ?? 'error' },
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new PasserelleError('SETTINGS_INVALID', { path, reason: (cause as Error).message }, { cause });
  }
  return parseEstablishmentSettings(json, path);
}

/**
 * The settings against the establishment's certificate, before anything is sent: both FINESS must be the
 * token's, or the platform would refuse every submission with an error that names neither. Names the field.
 */
export function checkEstablishmentToken(
  settings: EstablishmentSettings,
  token: string,
  organisation: OrganisationInfo,
  path: string = ESTABLISHMENT_FILE,
): void {
  const checks = [
    ['legalEntityFiness', settings.legalEntityFiness, organisation.legalFiness],
    ['siteFiness', settings.siteFiness, organisation.siteFiness],
  ] as const;
  for (const [field, configured, certificate] of checks) {
    if (configured !== certificate)
      throw new PasserelleError('ESTABLISHMENT_FINESS_MISMATCH', { path, field, configured, certificate, token });
  }
}

/** The secretary as indirect mode names her: the VIHF's subject, authenticated by the establishment. */
export function secretaryOf(settings: EstablishmentSettings): LocalUser {
  const { id, lastName, firstName, profession } = settings.secretary;
  return { id, lastName, firstName, profession };
}

/** A physician declared in the settings, by national id. */
export function findPhysician(settings: EstablishmentSettings, nationalId: string): Physician | undefined {
  return [settings.defaultAuthor, ...settings.physicians].find((physician) => physician?.nationalId === nationalId);
}
