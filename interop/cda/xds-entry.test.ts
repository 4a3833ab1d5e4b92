import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../api/errors/index.js';
import { sha1Hex } from '../xds/document-digest.js';
import { buildLdlSes } from './build-ldl-ses.js';
import { buildUnstructuredCda } from './build-unstructured.js';
import { buildVsm } from './build-vsm.js';
import { readCdaHeader } from './read-header.js';
import { SAMPLE_HEADER, SAMPLE_LDL_SES, SAMPLE_VSM } from './sample-input.js';
import { tsToUtcDtm } from './timestamps.js';
import { documentEntryFromCda } from './xds-entry.js';
import { ANS_KIT } from '../test-support/cda-xsd.js';

const entryOf = (xml: string, visibility?: ('MASQUE_PS' | 'INVISIBLE_PATIENT')[]) =>
  documentEntryFromCda(readCdaHeader(xml), { content: Buffer.from(xml), visibility });

describe('documentEntryFromCda', () => {
  it('derives the DocumentEntry of a discharge letter from its header', () => {
    const xml = buildLdlSes(SAMPLE_LDL_SES);
    const entry = entryOf(xml);
    expect(entry).toMatchObject({
      uniqueId: '1.2.250.1.999.1.1.2^LDL-0001',
      patientId: { id: '277076322082910', assigningAuthority: '1.2.250.1.213.1.4.10', idType: 'NH' },
      sourcePatientInfo: { familyName: 'PATIENT', givenName: 'ZOÉ', birthDate: '19770701', sex: 'F' },
      classCode: { code: '10', codeSystem: '1.2.250.1.213.1.1.4.1' },
      typeCode: { code: '11490-0', codeSystem: '2.16.840.1.113883.6.1' },
      formatCode: { code: 'urn:asip:ci-sis:ldl-ses:2017' },
      confidentialityCodes: [{ code: 'N', codeSystem: '2.16.840.1.113883.5.25' }],
      healthcareFacilityTypeCode: { code: 'SA01', codeSystem: '1.2.250.1.71.4.2.4' },
      practiceSettingCode: { code: 'ETABLISSEMENT', codeSystem: '1.2.250.1.213.1.1.4.9' },
      legalAuthenticator: {
        id: '810100000001',
        familyName: 'MEDECIN',
        givenName: 'Alice',
        assigningAuthority: '1.2.250.1.71.4.2.1',
      },
      creationTime: '20240305101500',
      serviceStartTime: '20240226080000',
      serviceStopTime: '20240305100000',
      title: 'Lettre de liaison de sortie',
      languageCode: 'fr-FR',
      mimeType: 'text/xml',
      hash: sha1Hex(Buffer.from(xml)),
      size: Buffer.byteLength(xml),
      availabilityStatus: 'Approved',
    });
    expect(entry.authors).toEqual([
      {
        person: {
          id: '810100000001',
          familyName: 'MEDECIN',
          givenName: 'Alice',
          assigningAuthority: '1.2.250.1.71.4.2.1',
          nameTypeCode: 'D',
          idType: 'IDNPS',
        },
        institutions: [
          { name: 'Cabinet fictif', assigningAuthority: '1.2.250.1.71.4.2.2', idType: 'IDNST', id: '3999999999' },
        ],
        roles: [],
        specialties: [
          {
            code: 'G15_10/SM26',
            displayName: 'Médecin - Qualifié en Médecine Générale (SM)',
            codeSystem: '1.2.250.1.213.1.1.4.5',
          },
        ],
      },
    ]);
  });

  it('gives a level 1 PDF document the XDS-SD PDF format and adds the visibility flags asked for', () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const entry = entryOf(
      buildUnstructuredCda({ header: SAMPLE_HEADER, typeCode: '11488-4', body: { kind: 'pdf', content: pdf } }),
      ['MASQUE_PS'],
    );
    expect(entry.formatCode.code).toBe('urn:ihe:iti:xds-sd:pdf:2008');
    expect(entry.classCode.code).toBe('10');
    expect(entry.confidentialityCodes.map((c) => c.code)).toEqual(['N', 'MASQUE_PS']);
  });

  it('derives the entry of the ANS level 1 example, with its times in UTC', () => {
    const entry = entryOf(readFileSync(`${ANS_KIT}ExemplesCDA/DOC_NON_STRUCTURE_CDA-R2-N1.xml`, 'utf8'));
    expect(entry).toMatchObject({
      typeCode: { code: '11502-2' },
      formatCode: { code: 'urn:ihe:iti:xds-sd:pdf:2008' },
      creationTime: '20210401124745',
      serviceStartTime: '20210104124700',
      healthcareFacilityTypeCode: { code: 'SA07' },
      practiceSettingCode: { code: 'AMBULATOIRE' },
    });
  });

  it('derives the entry of a VSM under its model type SYNTH, in the synthesis class', () => {
    expect(entryOf(buildVsm(SAMPLE_VSM))).toMatchObject({
      typeCode: { code: 'SYNTH', codeSystem: '1.2.250.1.213.1.1.4.12' },
      classCode: { code: '11' },
    });
  });

  it('refuses a header name XDS cannot carry, naming its element and the rule in plain words', () => {
    const errorOf = (header: typeof SAMPLE_HEADER): PasserelleError => {
      const xml = buildUnstructuredCda({ header, typeCode: '11488-4', body: { kind: 'text', text: 'x' } });
      try {
        entryOf(xml);
      } catch (error) {
        if (error instanceof PasserelleError) return error;
        throw error;
      }
      throw new Error('the entry was derived');
    };
    const legal = errorOf({
      ...SAMPLE_HEADER,
      legalAuthenticator: { ...SAMPLE_HEADER.legalAuthenticator, familyName: 'A^B' },
    });
    expect(legal).toMatchObject({
      code: 'CDA_HEADER_INVALID',
      details: { element: 'legalAuthenticator/assignedEntity/assignedPerson/name/family' },
    });
    expect(legal.messageIn('fr')).toContain('doit être un texte sans séparateur HL7 (^, &, ~, | ou \\)');
    expect(legal.messageIn('en')).toContain('must be a text without HL7 delimiters (^, &, ~, | or \\)');

    const patient = errorOf({ ...SAMPLE_HEADER, patient: { ...SAMPLE_HEADER.patient, birthName: 'DUPONT & FILS' } });
    expect(patient.details.element).toBe('recordTarget/patientRole/patient/name/family[@qualifier="BR"]');
    expect(`${patient.messageIn('fr')} ${patient.messageIn('en')}`).not.toMatch(/Invalid|pattern|DUPONT/);
  });
});

describe('tsToUtcDtm', () => {
  it('shifts a timestamp with an offset to UTC, keeps a bare date, and reads a short offset as hours', () => {
    expect(tsToUtcDtm('20200101003000+0100')).toBe('20191231233000');
    expect(tsToUtcDtm('20200101')).toBe('20200101');
    expect(tsToUtcDtm('202001011230-0230')).toBe('202001011500');
    expect(tsToUtcDtm('20240106113623+100')).toBe('20240106103623');
  });
});
