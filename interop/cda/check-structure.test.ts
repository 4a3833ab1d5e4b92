import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { buildLdlSes } from './build-ldl-ses.js';
import { buildUnstructuredCda } from './build-unstructured.js';
import { checkCdaStructure } from './check-structure.js';
import { SAMPLE_HEADER, SAMPLE_LDL_SES } from './sample-input.js';
import { ANS_KIT } from '../test-support/cda-xsd.js';

const EXAMPLES = `${ANS_KIT}ExemplesCDA/`;
const ldl = buildLdlSes(SAMPLE_LDL_SES);
const rules = (xml: string): string[] => checkCdaStructure(xml).map((f) => f.rule);

describe('checkCdaStructure', () => {
  it('finds nothing to say about the documents our builders write', () => {
    expect(checkCdaStructure(ldl)).toEqual([]);
    const n1 = buildUnstructuredCda({ header: SAMPLE_HEADER, typeCode: '11488-4', body: { kind: 'text', text: 'x' } });
    expect(checkCdaStructure(n1)).toEqual([]);
  });

  it('finds no error in the ANS examples but the wrong INS keys some of them carry', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xml') && f !== '01_Modèles_contenus_CDA.xml');
    const errors = files.flatMap((file) =>
      checkCdaStructure(readFileSync(`${EXAMPLES}${file}`, 'utf8'))
        .filter((f) => f.severity === 'error')
        .map((f) => f.rule),
    );
    expect(new Set(errors)).toEqual(new Set(['CDA-INS-KEY']));
  });

  it('reports malformed XML, a DTD and a foreign root', () => {
    expect(rules(ldl.slice(0, 3000))).toEqual(['CDA-XML']);
    expect(rules('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')).toEqual(['CDA-XML']);
    expect(rules('<ClinicalDocument xmlns="urn:hl7-org:v2"/>')).toEqual(['CDA-ROOT']);
  });

  it('reports each missing header element by its path', () => {
    const findings = checkCdaStructure(
      ldl.replace(/<setId [^>]*\/>/, '').replace(/<legalAuthenticator>.*?<\/legalAuthenticator>/, ''),
    );
    expect(findings.filter((f) => f.rule === 'CDA-REQUIRED').map((f) => f.location)).toEqual([
      'setId',
      'legalAuthenticator/assignedEntity/id',
      'legalAuthenticator/time',
    ]);
  });

  it('reports a wrong INS key, a missing INS and missing traits', () => {
    expect(rules(ldl.replace('277076322082910', '277076322082911'))).toEqual(['CDA-INS-KEY']);
    expect(rules(ldl.replace('root="1.2.250.1.213.1.4.10"', 'root="1.2.3.4"'))).toEqual(['CDA-INS']);
    const noTraits = ldl.replace(/<birthTime [^>]*\/>/, '').replace('<family qualifier="BR">PATIENT</family>', '');
    expect(checkCdaStructure(noTraits).map((f) => f.location)).toEqual([
      'recordTarget/patientRole/patient/name/family',
      'recordTarget/patientRole/patient/birthTime',
    ]);
  });

  it('reports codes outside the value sets: type, confidentiality, facility type, practice setting', () => {
    const findings = checkCdaStructure(
      ldl
        .replace('<confidentialityCode code="N"', '<confidentialityCode code="X"')
        .replace('code="SA01"', 'code="SA99"')
        .replace('code="ETABLISSEMENT"', 'code="NULLE_PART"')
        .replace('code="11490-0"', 'code="00000-0"'),
    );
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['CDA-TYPE-CODE', 'error'],
      ['CDA-CONFIDENTIALITY', 'error'],
      ['CDA-FACILITY-TYPE', 'error'],
      ['CDA-PRACTICE-SETTING', 'error'],
    ]);
  });

  it('refuses an unknown document type as filing would: it has no DMP class', () => {
    const [finding] = checkCdaStructure(ldl.replace('code="11490-0"', 'code="99999-9"'));
    expect(finding).toMatchObject({ rule: 'CDA-TYPE-CODE', severity: 'error', location: 'code' });
    expect(finding?.message.fr).toContain('99999-9');
    expect(finding?.message.fr).toContain('ne peut pas être déposé');
    expect(finding?.message.en).toContain('cannot be filed');
  });

  it('accepts the sexes of JDV_J143 (M, F, UN) and names the rule for any other code, without its value', () => {
    const withSex = (code: string): string => ldl.replace(/(<administrativeGenderCode code=")[^"]*"/, `$1${code}"`);
    for (const code of ['M', 'F', 'UN']) expect(rules(withSex(code)), code).toEqual([]);
    for (const code of ['X', 'U', 'I', 'm']) {
      const findings = checkCdaStructure(withSex(code));
      expect(findings, code).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: 'CDA-SEX',
        severity: 'error',
        location: 'recordTarget/patientRole/patient/administrativeGenderCode/@code',
      });
      expect(findings[0]?.message.fr).toContain('doit être M, F ou UN');
      expect(findings[0]?.message.en).toContain('must be M, F or UN');
      expect(`${findings[0]?.message.fr} ${findings[0]?.message.en}`).not.toContain(`(${code})`);
    }
    expect(
      rules(ldl.replace(/<administrativeGenderCode [^>]*\/>/, '<administrativeGenderCode nullFlavor="UNK"/>')),
    ).toEqual(['CDA-INS-TRAIT']);
  });

  it('words a malformed XML in French in its French text', () => {
    const [finding] = checkCdaStructure(ldl.slice(0, 3000));
    expect(finding?.message.fr).toMatch(/^Le fichier n'est pas un XML bien formé et sûr : Document XML mal formé/);
    expect(finding?.message.en).toMatch(/^The file is not well-formed, safe XML: Malformed XML document/);
  });

  it('gives every finding a French and an English text', () => {
    const [finding] = checkCdaStructure(ldl.replace('277076322082910', '277076322082911'));
    expect(finding?.message.fr).toMatch(/matricule INS/);
    expect(finding?.message.en).toMatch(/INS matricule/);
  });
});
