import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { PasserelleError } from '../../api/errors/index.js';

/**
 * Where things lie in the ANS "TestContenuCDA" kit. The rules find their value sets through paths relative to
 * the schematrons, so the kit is used where it lies, in its own layout.
 */
export interface RulesKit {
  readonly dir: string;
  readonly xsd: string;
  readonly schematronsDir: string;
}

/** The five generic CI-SIS schematrons, run on every document (paths below `schematrons/`). */
export const GENERIC_SCHEMATRONS = [
  'profils/IHE.sch',
  'profils/CI-SIS_ModelesDeContenusCDA.sch',
  'profils/CI-SIS_Modeles_ANS.sch',
  'profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch',
  'profils/terminologies/schematron/terminologie.sch',
] as const;

/** The environment variable the product reads the rules folder from. */
export const RULES_DIR_ENV = 'PASSERELLE_CDA_RULES';

export function rulesDirFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env[RULES_DIR_ENV]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * What the validator needs of a kit, relative to its folder: the CDA schema, the generic schematrons, the
 * folders the schematrons include from, and the value sets the rules open.
 */
export const KIT_NEEDS = [
  'infrastructure/cda/CDA_extended.xsd',
  ...GENERIC_SCHEMATRONS.map((s) => `schematrons/${s}`),
  'schematrons/include',
  'schematrons/abstract',
  'jeuxDeValeurs',
] as const;

/** What of {@link KIT_NEEDS} the folder lacks, plus the model schematrons when it has none of them. */
export function missingFromKit(dir: string): string[] {
  const missing: string[] = KIT_NEEDS.filter((need) => !existsSync(join(dir, need)));
  const schematrons = join(dir, 'schematrons');
  const models = existsSync(schematrons)
    ? readdirSync(schematrons).filter((f) => f.startsWith('CI-SIS_') && f.endsWith('.sch'))
    : [];
  if (models.length === 0) missing.push('schematrons/CI-SIS_*.sch');
  return missing;
}

/** Checks that `dir` holds the kit; without a folder, says plainly that the official rules are not configured. */
export function openKit(dir: string | undefined): RulesKit {
  if (dir === undefined || dir.trim() === '') throw new PasserelleError('CDA_RULES_NOT_CONFIGURED');
  const kit = {
    dir,
    xsd: join(dir, 'infrastructure', 'cda', 'CDA_extended.xsd'),
    schematronsDir: join(dir, 'schematrons'),
  };
  for (const needed of [kit.xsd, ...GENERIC_SCHEMATRONS.map((s) => join(kit.schematronsDir, s))]) {
    if (!existsSync(needed))
      throw new PasserelleError('CDA_RULES_UNREADABLE', { folder: dir, reason: `${needed} is missing` });
  }
  return kit;
}

/**
 * Document models by document-level templateId (or `code:` + LOINC code when the model has no templateId of
 * its own), as named in the kit's schematron files `CI-SIS_<model>_<version>.sch`.
 */
const MODELS: Readonly<Record<string, string>> = {
  '1.2.250.1.213.1.1.1.2.1.1': 'CARD-F-PRC-AVK',
  '1.2.250.1.213.1.1.1.2.1.2': 'CARD-F-PRC-TAP',
  '1.2.250.1.213.1.1.1.2.1.3': 'CARD-F-PRC-DCI',
  '1.2.250.1.213.1.1.1.2.1.4': 'CARD-F-PRC-PSC',
  '1.2.250.1.213.1.1.1.2.1.5': 'CARD-F-PRC-PPV',
  '1.2.250.1.213.1.1.1.5.1': 'CSE-CS8',
  '1.2.250.1.213.1.1.1.5.2': 'CSE-CS9',
  '1.2.250.1.213.1.1.1.5.3': 'CSE-CS24',
  '1.2.250.1.213.1.1.1.5.4': 'CSE-MDE',
  '1.2.250.1.213.1.1.1.8': 'CANCER-FRCP',
  '1.2.250.1.213.1.1.1.12.1': 'OBP-SAP',
  '1.2.250.1.213.1.1.1.12.2': 'OBP-SNM',
  '1.2.250.1.213.1.1.1.12.3': 'OBP-SNE',
  '1.2.250.1.213.1.1.1.12.4': 'OBP-SCM',
  '1.2.250.1.213.1.1.1.12.5': 'OBP-SEM',
  '1.2.250.1.213.1.1.1.13': 'VSM',
  '1.2.250.1.213.1.1.1.15': 'AVC-AUNV',
  '1.2.250.1.213.1.1.1.16': 'AVC-EUNV',
  '1.2.250.1.213.1.1.1.17': 'AVC-SUNV',
  '1.2.250.1.213.1.1.1.18': 'OPH-CR-RTN',
  '1.2.250.1.213.1.1.1.21': 'LDL-EES',
  '1.2.250.1.213.1.1.1.22': 'DLU-EHPAD-DLU',
  '1.2.250.1.213.1.1.1.23': 'DLU-EHPAD-FLUDT',
  '1.2.250.1.213.1.1.1.24': 'DLU-EHPAD-FLUDR',
  '1.2.250.1.213.1.1.1.25': 'AVC-PAVC',
  '1.2.250.1.213.1.1.1.26': 'CANCER-PPS',
  '1.2.250.1.213.1.1.1.27': 'CANCER-D2LM-FIN',
  '1.2.250.1.213.1.1.1.28': 'CANCER-D2LM-FIDD',
  '1.2.250.1.213.1.1.1.29': 'LDL-SES',
  '1.2.250.1.213.1.1.1.30': 'SDM-MR',
  '1.2.250.1.213.1.1.1.32': 'CANCER-CR-GM',
  '1.2.250.1.213.1.1.1.36': 'CNAM-HR',
  '1.2.250.1.213.1.1.1.37': 'VAC',
  '1.2.250.1.213.1.1.1.38': 'TLM-DA',
  '1.2.250.1.213.1.1.1.39': 'EP-MED-DM',
  '1.2.250.1.213.1.1.1.40': 'ANEST-CR-ANEST',
  '1.2.250.1.213.1.1.1.41': 'ANEST-CR-CPA',
  '1.2.250.1.213.1.1.1.42': 'OPH-BRE',
  '1.2.250.1.213.1.1.1.45': 'IMG-CR-IMG',
  '1.2.250.1.213.1.1.1.46': 'VAC-NOTE',
  '1.2.250.1.213.1.1.1.47': 'IMG-DA-IMG',
  '1.2.250.1.213.1.1.1.51': 'IPS-FR',
  '1.2.250.1.213.1.1.1.54': 'eDISP-MED',
  '1.2.250.1.213.1.1.1.55': 'BIO-CR-BIO',
  '1.2.250.1.213.1.1.1.59': 'BIO-TROD',
  'code:85208-7': 'TLM-CR',
};

/**
 * The schematron of the document's model: the newest version of it in the kit (the file names sort by
 * version), or undefined for a document with no model of its own (unstructured N1, unknown model), which gets
 * the generic checks only.
 */
export function modelSchematron(kit: RulesKit, keys: readonly string[]): string | undefined {
  const model = keys.map((k) => MODELS[k]).find((m) => m !== undefined);
  if (model === undefined) return undefined;
  const prefix = `CI-SIS_${model}_`.toLowerCase();
  return readdirSync(kit.schematronsDir)
    .filter((f) => f.toLowerCase().startsWith(prefix) && f.endsWith('.sch'))
    .sort()
    .at(-1);
}
