import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { readCdaHeader } from '../cda/read-header.js';
import { EXTERNAL_KITS } from '../test-support/external-kits.js';
import { parseXml } from '../xml/safe-parse.js';
import { ALLERGY_AGENTS } from './allergy-agents.js';
import { ALLERGY_TYPES } from './allergy-types.js';
import { ADMINISTRATIVE_GENDERS, genderCodeOfSex, sexOfGenderCode } from './administrative-genders.js';
import { CONFIDENTIALITY_CODES } from './confidentiality-codes.js';
import { FORMAT_CODES, formatCodeForTemplates } from './format-codes.js';
import { HEALTHCARE_FACILITY_TYPES } from './healthcare-facility-types.js';
import { PRACTICE_SETTINGS } from './practice-settings.js';
import { PROFESSIONS } from './professions.js';
import { classCodeForType, TYPE_CODES } from './type-codes.js';
import type { CodedValue, ValueSet } from './value-set.js';

const ANS = `${EXTERNAL_KITS.ansCda}/`;

/** The official value set: its OID and its concepts, read from the ANS SVS file (the test oracle). */
function official(file: string): { id: string; concepts: CodedValue[] } {
  const doc = parseXml(readFileSync(`${ANS}jeuxDeValeurs/${file}`, 'utf8'));
  const valueSet = doc.getElementsByTagName('ValueSet')[0]!;
  const concepts = Array.from(doc.getElementsByTagName('Concept')).map((c) => ({
    code: c.getAttribute('code') ?? '',
    codeSystem: c.getAttribute('codeSystem') ?? '',
    displayName: c.getAttribute('displayName') ?? '',
  }));
  return { id: valueSet.getAttribute('id') ?? '', concepts };
}

function key(c: CodedValue): string {
  return `${c.codeSystem}|${c.code}|${c.displayName}`;
}

function expectSameConcepts(ours: ValueSet, file: string): void {
  const theirs = official(file);
  expect(ours.id).toBe(theirs.id);
  expect(ours.concepts.map(key).sort()).toEqual(theirs.concepts.map(key).sort());
}

describe('our value-set tables against the official ANS value sets', () => {
  it('confidentiality codes are exactly JDV_J08', () => {
    expectSameConcepts(CONFIDENTIALITY_CODES, 'JDV_J08_XdsConfidentialityCode_CISIS.xml');
  });

  it('healthcare facility types are exactly JDV_J02', () => {
    expectSameConcepts(HEALTHCARE_FACILITY_TYPES, 'JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml');
  });

  it('practice settings are exactly JDV_J04', () => {
    expectSameConcepts(PRACTICE_SETTINGS, 'JDV_J04_XdsPracticeSettingCode_CISIS.xml');
  });

  it('allergy types are exactly JDV_TypeEvenementIndesirablePrevisible', () => {
    expectSameConcepts(ALLERGY_TYPES, 'JDV_TypeEvenementIndesirablePrevisible_CISIS.xml');
  });

  it('allergy agents are exactly JDV_AllergiesVaccins', () => {
    expectSameConcepts(ALLERGY_AGENTS, 'JDV_AllergiesVaccins_CISIS.xml');
  });

  it('administrative sexes are exactly JDV_J143', () => {
    expectSameConcepts(ADMINISTRATIVE_GENDERS, 'JDV_J143_AdministrativeGender_CISIS.xml');
  });

  it('every document type we write is in JDV_J07 with the same code system and display', () => {
    const theirs = new Set(official('JDV_J07_XdsTypeCode_CISIS.xml').concepts.map(key));
    const missing = TYPE_CODES.concepts.filter((c) => !theirs.has(key(c)));
    expect(missing).toEqual([]);
  });

  it('every profession is a G15 entry of JDV_J01 with the same display', () => {
    const g15 = official('JDV_J01_XdsAuthorSpecialty_CISIS.xml')
      .concepts.filter((c) => /^G15_\d+$/.test(c.code))
      .map((c) => `${c.code.slice(4)}|${c.displayName}`);
    expect(PROFESSIONS.concepts.map((c) => `${c.code}|${c.displayName}`).sort()).toEqual(g15.sort());
  });
});

describe('the administrative sex between a CDA (JDV_J143) and our model (M, F, U as XDS writes it)', () => {
  it('reads M, F and UN, and nothing else', () => {
    expect(['M', 'F', 'UN', 'U', 'X', 'm', 'constructor'].map(sexOfGenderCode)).toEqual([
      'M',
      'F',
      'U',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('writes back the code it reads', () => {
    for (const sex of ['M', 'F', 'U'] as const) expect(sexOfGenderCode(genderCodeOfSex(sex).code)).toBe(sex);
    expect(genderCodeOfSex('U')).toEqual({ code: 'UN', codeSystem: '2.16.840.1.113883.5.1', displayName: 'Inconnu' });
  });
});

describe('typeCode to classCode (ASS_X16)', () => {
  it('maps a discharge letter to a report and a patient summary to a synthesis', () => {
    expect(classCodeForType('11490-0')).toMatchObject({ code: '10', codeSystem: '1.2.250.1.213.1.1.4.1' });
    expect(classCodeForType('60591-5').code).toBe('11');
    expect(classCodeForType('PRESC-KINE').code).toBe('42');
  });

  it("gives the ANS examples' newer types the classes of ASS_X04", () => {
    expect(classCodeForType('96173-0').code).toBe('52');
    expect(classCodeForType('55115-0').code).toBe('42');
    expect(classCodeForType('18776-5').code).toBe('44');
    expect(classCodeForType('34133-9').code).toBe('11');
    expect(classCodeForType('CERT_DECL').code).toBe('52');
  });

  it('gives the types the habilitation matrix restricts their ASS_X04 class, and leaves out the patient’s own', () => {
    expect(classCodeForType('75496-0').code).toBe('10');
    expect(classCodeForType('68599-0').code).toBe('11');
    expect(classCodeForType('80788-3').code).toBe('44');
    expect(classCodeForType('ATTEST-RESID').code).toBe('95');
    expect(() => classCodeForType('EXPPAT_3')).toThrow(expect.objectContaining({ code: 'XDS_CODE_UNKNOWN' }));
  });

  it('refuses a type outside the table with a typed error', () => {
    expect(() => classCodeForType('00000-0')).toThrow(expect.objectContaining({ code: 'XDS_CODE_UNKNOWN' }));
  });
});

describe('formatCode by CDA template', () => {
  function templatesOf(example: string): { templates: string[]; mediaType?: string } {
    const doc = parseXml(readFileSync(`${ANS}ExemplesCDA/${example}`, 'utf8'));
    const root = doc.documentElement!;
    const templates = Array.from(root.getElementsByTagName('templateId'))
      .filter((n) => n.parentNode === root)
      .map((n) => n.getAttribute('root') ?? '');
    const text = doc.getElementsByTagName('nonXMLBody')[0]?.getElementsByTagName('text')[0];
    return { templates, mediaType: text?.getAttribute('mediaType') ?? undefined };
  }

  it.each([
    ['VSM_1.4_2022.01.xml', 'urn:asip:ci-sis:vsm:2012'],
    ['LDL-SES_2022.01.xml', 'urn:asip:ci-sis:ldl-ses:2017'],
    ['BIO-CR-BIO_2024.01_TSH_1.xml', 'urn:ihe:lab:xd-lab:2008'],
    ['DOC_NON_STRUCTURE_CDA-R2-N1.xml', 'urn:ihe:iti:xds-sd:pdf:2008'],
    ['IMG_CR_IMG_2024.01.xml', 'urn:ihe:rad:CDA:ImagingReportStructuredHeadings:2013'],
    ['eDISP-MED_2024.01.xml', 'urn:ihe:pharm:dis:2010'],
    ['BIO-TROD_2024.01_Angine.xml', 'urn:ans:ci-sis:trod:2024'],
    ['CNAM-HR_2021.01.xml', 'urn:asip:ci-sis:hr:2019'],
  ])('the ANS example %s gets %s', (example, formatCode) => {
    const { templates, mediaType } = templatesOf(example);
    expect(formatCodeForTemplates(templates, mediaType).code).toBe(formatCode);
  });

  it('gives every ANS example a format of JDV_J60, self-presenting ones included', () => {
    const examples = readdirSync(`${ANS}ExemplesCDA`).filter(
      (name) => name.endsWith('.xml') && !name.startsWith('01_'),
    );
    for (const example of examples) {
      const header = readCdaHeader(readFileSync(`${ANS}ExemplesCDA/${example}`, 'utf8'));
      expect(FORMAT_CODES.concepts, example).toContainEqual(
        formatCodeForTemplates(header.templateIds, header.nonXmlBodyMediaType),
      );
    }
  });

  it('gives an unstructured body the format of its media type', () => {
    const templates = ['1.3.6.1.4.1.19376.1.2.20'];
    expect(formatCodeForTemplates(templates, 'text/plain').code).toBe('urn:ihe:iti:xds-sd:text:2008');
    expect(formatCodeForTemplates(templates, 'image/jpeg').code).toBe('urn:ihe:iti-fr:xds-sd:jpeg:2010');
    expect(() => formatCodeForTemplates(templates, 'application/msword')).toThrow(
      expect.objectContaining({ code: 'XDS_CODE_UNKNOWN' }),
    );
  });

  it('refuses a CDA whose templates name no known model', () => {
    expect(() => formatCodeForTemplates(['1.2.3'])).toThrow(expect.objectContaining({ code: 'XDS_CODE_UNKNOWN' }));
  });
});
