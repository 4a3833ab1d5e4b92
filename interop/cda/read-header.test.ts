import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { thrown } from '../../api/errors/test-support/outcomes.js';

import { readCdaHeader } from './read-header.js';
import { ANS_KIT } from './xsd-test-support.js';

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

  it('refuses a malformed value with the field it concerns', () => {
    const error = (() => {
      try {
        readCdaHeader(ldl.replace('<birthTime value="19790328"/>', '<birthTime value="1979-03-28"/>'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'CDA_HEADER_INVALID', details: { element: 'patient.birthDate' } });
  });
});
