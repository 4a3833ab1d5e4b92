import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../api/errors/index.js';
import { createCdaValidator, type CdaFinding, type CdaValidator, rulesDirFromEnv } from './index.js';
import { KIT_DIR, TEST_RULES } from './test-support/rules.js';

const example = readFileSync(join(KIT_DIR, 'ExemplesCDA', 'LDL-SES_2022.01.xml'), 'utf8');

/** The findings as `schematron | rule | location`, the way the reference tool lists them. */
function summary(findings: readonly CdaFinding[]): string[] {
  return findings.map((f) => `${f.schematron ?? f.step} | ${f.ruleId ?? ''} | ${f.location}`);
}

describe('CDA validation against the official ANS rules', () => {
  let validator: CdaValidator;
  beforeAll(async () => {
    validator = await createCdaValidator(TEST_RULES);
  });

  it('accepts the ANS LDL-SES example with its model found from the templateId', async () => {
    const result = await validator.validate(example);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result).toMatchObject({ valid: true, model: 'CI-SIS_LDL-SES_2022.01' });
  });

  // Expected findings pinned from tools/validate-cda.sh run on the same copies.
  it('rejects a copy without birth date with the same three rules as the reference tool', async () => {
    const result = await validator.validate(example.replace('<birthTime value="19790328"/>', ''));
    expect(result.valid).toBe(false);
    expect(summary(result.findings)).toEqual([
      'ASIP-STRUCT-MIN-StrucMin | template-1.2.250.1.213.1.1.1.1-2017-12-13T103531 | /ClinicalDocument',
      'ASIP-STRUCT-MIN-StrucMin | template-1.2.250.1.213.1.1.1.1-2017-12-13T103531 | /ClinicalDocument/recordTarget/patientRole/patient',
      'CI-SIS_LDL-SES_2022.01 | Entete_LDL-SES | /ClinicalDocument',
    ]);
    expect(result.findings[1]).toMatchObject({
      severity: 'error',
      message: '(CI-SISRecordTarget): element hl7:birthTime is required [min 1x].',
    });
    expect(result.findings[2]?.message).toBe(
      '[Entete_LDL-SES] Erreur de conformité : La date de naissance du patient est obligatoire.',
    );
  });

  it('rejects a sex code outside its value set with the same two rules as the reference tool', async () => {
    const result = await validator.validate(
      example.replace('administrativeGenderCode code="F"', 'administrativeGenderCode code="Z"'),
    );
    const where = '/ClinicalDocument/recordTarget/patientRole/patient/administrativeGenderCode';
    expect(summary(result.findings)).toEqual([
      `CI-SIS_ModelesDeContenusCDA | JDV_administrativeGenderCode | ${where}`,
      `ASIP-STRUCT-MIN-StrucMin | template-1.2.250.1.213.1.1.1.1-2017-12-13T103531 | ${where}`,
    ]);
    expect(result.findings[0]?.message).toBe(
      "[dansJeuDeValeurs] L'élément administrativeGenderCode [Z:Féminin:2.16.840.1.113883.5.1] doit faire partie du jeu de valeurs ../../jeuxDeValeurs/JDV_J143_AdministrativeGender_CISIS.xml.",
    );
  });

  it('reports XML that is not well formed as one plain finding', async () => {
    const result = await validator.validate('<ClinicalDocument xmlns="urn:hl7-org:v3"><title></ClinicalDocument>');
    expect(result.valid).toBe(false);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ step: 'xsd', severity: 'error' });
  });

  it('refuses a document with a DTD and never expands its external entity', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE ClinicalDocument [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&e;</title></ClinicalDocument>`;
    const result = await validator.validate(xxe);
    expect(result.valid).toBe(false);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.message).not.toContain('root:');
  });
});

describe('CDA validation without the official rules', () => {
  it('says plainly, in French and English, that the official rules are not configured', async () => {
    const error = await createCdaValidator({ rulesDir: rulesDirFromEnv({}), cacheDir: TEST_RULES.cacheDir }).catch(
      (e: unknown) => e,
    );
    expect(isPasserelleError(error, 'CDA_RULES_NOT_CONFIGURED')).toBe(true);
    if (!isPasserelleError(error)) return;
    expect(error.messageIn('fr')).toContain('passerelle rules install --from');
    expect(error.messageIn('en')).toContain('passerelle rules install --from');
  });

  it('reads the folder from PASSERELLE_CDA_RULES', () => {
    expect(rulesDirFromEnv({ PASSERELLE_CDA_RULES: ' /opt/ans ' })).toBe('/opt/ans');
    expect(rulesDirFromEnv({ PASSERELLE_CDA_RULES: '' })).toBeUndefined();
  });
});
