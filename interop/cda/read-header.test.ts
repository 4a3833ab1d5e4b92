import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { PasserelleError } from '../../api/errors/index.js';
import { thrown } from '../../api/errors/test-support/outcomes.js';

import { CdaHeaderSchema } from './cda-model.js';
import { HEADER_FIELDS } from './header-rules.js';
import { readCdaHeader } from './read-header.js';
import { ANS_KIT } from '../test-support/cda-xsd.js';

const EXAMPLES = `${ANS_KIT}ExemplesCDA/`;
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xml') && f !== '01_Modèles_contenus_CDA.xml');
const example = (file: string): string => readFileSync(`${EXAMPLES}${file}`, 'utf8');

describe('readCdaHeader over the ANS examples', () => {
  it('finds the examples of the kit', () => {
    expect(exampleFiles.length).toBeGreaterThan(75);
  });

  it.each(exampleFiles)('reads the header of %s', (file) => {
    const header = readCdaHeader(example(file));
    expect(header.templateIds).toContain('1.2.250.1.213.1.1.1.1');
    expect(header.patient.ins.matricule).toHaveLength(15);
    expect(header.patient.firstNames.length).toBeGreaterThan(0);
    expect(header.authors.length).toBeGreaterThan(0);
    expect(header.document.versionNumber).toBeGreaterThanOrEqual(1);
  });

  it('reads every field of the LDL-SES example', () => {
    const header = readCdaHeader(example('LDL-SES_2022.01.xml'));
    expect(header).toEqual({
      templateIds: ['2.16.840.1.113883.2.8.2.1', '1.2.250.1.213.1.1.1.1', '1.2.250.1.213.1.1.1.29'],
      document: {
        id: { root: '1.2.250.1.213.1.1.1.29.2022.1.1' },
        setId: { root: '1.2.250.1.213.1.1.1.29.2022.1' },
        versionNumber: 1,
        typeCode: {
          code: '11490-0',
          codeSystem: '2.16.840.1.113883.6.1',
          displayName: "Lettre de liaison à la sortie d'un établissement de soins",
        },
        title: "Lettre de liaison à la sortie de l'établissement de santé",
        effectiveTime: '20191203133000+0100',
        confidentiality: 'N',
        languageCode: 'fr-FR',
      },
      patient: {
        ins: { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.10' },
        birthName: 'PAT-TROIS',
        firstNames: ['DOMINIQUE', 'MARIE-LOUISE'],
        usedName: 'PAT-TROIS',
        usedFirstName: 'DOMINIQUE',
        sex: 'F',
        birthDate: '19790328',
        birthPlaceCode: '51215',
      },
      authors: [
        {
          id: '801234567897',
          idRoot: '1.2.250.1.71.4.2.1',
          familyName: 'DAVID',
          givenName: 'Charles',
          profession: { code: '10', displayName: 'Médecin' },
          specialty: { code: 'SM27', displayName: 'Médecine interne (SM)' },
          organisation: { id: '1750803447', idRoot: '1.2.250.1.71.4.2.2', name: 'Hôpital Européen Georges Pompidou' },
          time: '20191203133000+0100',
        },
      ],
      custodian: { id: '1750803447', idRoot: '1.2.250.1.71.4.2.2', name: 'Hôpital Européen Georges Pompidou' },
      legalAuthenticator: {
        id: '801234567897',
        idRoot: '1.2.250.1.71.4.2.1',
        familyName: 'AUGUIN',
        givenName: 'Léon',
        time: '20191203133000+0100',
      },
      encounter: {
        start: '20191029111700+0100',
        end: '20191203133000+0100',
        facilityType: { code: 'SA01', codeSystem: '1.2.250.1.71.4.2.4', displayName: 'Etablissement public de santé' },
        practiceSetting: {
          code: 'ETABLISSEMENT',
          codeSystem: '1.2.250.1.213.1.1.4.9',
          displayName: 'Etablissement de santé',
        },
      },
      serviceEvent: { start: '20191029111700+0100', end: '20191203133000+0100' },
    });
  });

  it('reads a self-presenting document inside its stylesheet wrapper', () => {
    expect(readCdaHeader(example('CANCER-PPS_2022.01_Autopresentable.xml')).document.typeCode.code).toBe('18776-5');
  });

  it('reads the list of first names when the software wrote the first one apart', () => {
    expect(readCdaHeader(example('eDISP-MED_2024.01.xml')).patient.firstNames).toEqual(['RUTH', 'ISABELLE']);
  });
});

describe('readCdaHeader on broken documents', () => {
  const ldl = example('LDL-SES_2022.01.xml');

  it('refuses what is not a ClinicalDocument', () => {
    expect(thrown(() => readCdaHeader('<ClinicalDocument/>'))).toBe('CDA_NOT_CLINICAL_DOCUMENT');
    expect(thrown(() => readCdaHeader('<html xmlns="http://www.w3.org/1999/xhtml"/>'))).toBe(
      'CDA_NOT_CLINICAL_DOCUMENT',
    );
  });

  it('refuses malformed XML and DTDs with the XML errors', () => {
    expect(thrown(() => readCdaHeader(ldl.slice(0, 5000)))).toBe('XML_MALFORMED');
    expect(
      thrown(() =>
        readCdaHeader(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${ldl.replace(/^<\?xml[^>]*>/, '')}`),
      ),
    ).toBe('XML_FORBIDDEN_CONSTRUCT');
  });

  it('names the missing element: the INS, the birth date, the setId, the facility type', () => {
    const without = (pattern: RegExp): string => ldl.replace(pattern, '');
    const errorOf = (xml: string): unknown => {
      try {
        readCdaHeader(xml);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(errorOf(without(/<id extension="279035121518989" root="1.2.250.1.213.1.4.10"\/>/))).toMatchObject({
      code: 'CDA_HEADER_MISSING',
      details: { element: 'recordTarget/patientRole/id (INS)' },
    });
    expect(errorOf(without(/<birthTime value="19790328"\/>/))).toMatchObject({
      code: 'CDA_HEADER_MISSING',
      details: { element: 'birthTime' },
    });
    expect(errorOf(without(/<setId [^>]*\/>/))).toMatchObject({
      code: 'CDA_HEADER_MISSING',
      details: { element: 'setId' },
    });
    expect(errorOf(without(/<code code="SA01"[^>]*\/>/))).toMatchObject({ code: 'CDA_HEADER_MISSING' });
  });

  const errorOf = (xml: string): PasserelleError => {
    try {
      readCdaHeader(xml);
    } catch (error) {
      if (error instanceof PasserelleError) return error;
      throw error;
    }
    throw new Error('the header was read');
  };

  it('refuses a malformed value naming the element and the rule it breaks, in French and in English', () => {
    const error = errorOf(ldl.replace('<birthTime value="19790328"/>', '<birthTime value="1979-03-28"/>'));
    expect(error).toMatchObject({
      code: 'CDA_HEADER_INVALID',
      details: { element: 'recordTarget/patientRole/patient/birthTime/@value' },
    });
    expect(error.messageIn('fr')).toBe(
      "L'en-tête du document CDA est invalide : recordTarget/patientRole/patient/birthTime/@value doit être une date de naissance AAAAMMJJ. Corrigez-le dans le logiciel qui a produit le document.",
    );
    expect(error.messageIn('en')).toBe(
      'The CDA document header is invalid: recordTarget/patientRole/patient/birthTime/@value must be a birth date YYYYMMDD. Correct it in the software that wrote the document.',
    );
  });

  it('refuses a sex outside JDV_J143 naming the element and the codes allowed, never the value nor a library’s text', () => {
    const error = errorOf(ldl.replace('<administrativeGenderCode code="F"', '<administrativeGenderCode code="X"'));
    expect(error).toMatchObject({
      code: 'CDA_HEADER_INVALID',
      details: { element: 'recordTarget/patientRole/patient/administrativeGenderCode/@code' },
    });
    expect(error.messageIn('fr')).toContain('administrativeGenderCode/@code doit être M, F ou UN (sexe administratif');
    expect(error.messageIn('en')).toContain('administrativeGenderCode/@code must be M, F or UN (administrative sex');
    expect(JSON.stringify(error.toJSON())).not.toMatch(/Invalid option|expected one of|"X"/);
  });

  it('reads the CI-SIS code of an unknown sex (UN) as U, and refuses U, which the CI-SIS does not allow', () => {
    const withSex = (code: string): string =>
      ldl.replace('<administrativeGenderCode code="F"', `<administrativeGenderCode code="${code}"`);
    expect(readCdaHeader(withSex('UN')).patient.sex).toBe('U');
    expect(readCdaHeader(withSex('M')).patient.sex).toBe('M');
    expect(errorOf(withSex('U')).code).toBe('CDA_HEADER_INVALID');
  });

  it.each([
    [
      'a version number that is not one',
      /<versionNumber value="1"\/>/,
      '<versionNumber value="un"/>',
      'versionNumber/@value',
    ],
    ['an empty title', /<title>[^<]*<\/title>/, '<title> </title>', 'title'],
    ['a date that is not HL7', /(<effectiveTime value=")[^"]*"/, '$1hier"', 'effectiveTime/@value'],
    ['a confidentiality outside N, R, V', /(<confidentialityCode code=")N"/, '$1Z"', 'confidentialityCode/@code'],
    ['a language code without its country', /(<languageCode code=")[^"]*"/, '$1fr"', 'languageCode/@code'],
    [
      'an INS matricule too short',
      /extension="279035121518989" root/,
      'extension="2790351" root',
      'recordTarget/patientRole/id/@extension',
    ],
    [
      'a birth place that is not a COG code',
      /<county>51215<\/county>/,
      '<county>REIMS</county>',
      'recordTarget/patientRole/patient/birthplace/place/addr/county',
    ],
    ['an author time that is not HL7', /(<author>\s*<time value=")[^"]*"/, '$1maintenant"', 'author/time/@value'],
  ])('refuses %s in our words', (_what, pattern, replacement, element) => {
    const broken = ldl.replace(pattern, replacement);
    expect(broken).not.toBe(ldl);
    const error = errorOf(broken);
    expect(error).toMatchObject({ code: 'CDA_HEADER_INVALID', details: { element } });
    const texts = `${error.messageIn('fr')} ${error.messageIn('en')}`;
    expect(texts).toContain(`${element} doit être`);
    expect(texts).toContain(`${element} must be`);
    expect(texts).not.toMatch(
      /Invalid|expected|received|Too small|Too big|pattern|not an HL7|not a YYYYMMDD|undefined/,
    );
  });
});

/** Every field of a model, by its path (`*` for a position in a list; a list is a field too). */
function fieldsOf(schema: z.ZodType, path: readonly string[] = []): string[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    return fieldsOf(schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, field]) =>
      fieldsOf(field, [...path, key]),
    );
  }
  if (schema instanceof z.ZodArray) return [path.join('.'), ...fieldsOf(schema.element as z.ZodType, [...path, '*'])];
  return [path.join('.')];
}

describe('the rules of the header model', () => {
  it('name an element and a rule for every field of the model, and for no field it does not have', () => {
    const fields = fieldsOf(CdaHeaderSchema);
    expect(fields.filter((field) => !HEADER_FIELDS.includes(field))).toEqual([]);
    expect(HEADER_FIELDS.filter((field) => !fields.includes(field))).toEqual([]);
  });
});
