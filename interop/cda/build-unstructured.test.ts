import { describe, expect, it } from 'vitest';

import { thrown } from '../../api/errors/test-support/outcomes.js';

import { buildUnstructuredCda, buildUnstructuredCdaBytes } from './build-unstructured.js';
import { checkCdaStructure } from './check-structure.js';
import { readCdaHeader } from './read-header.js';
import { SAMPLE_HEADER } from './sample-input.js';
import { xsdErrors } from '../test-support/cda-xsd.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('buildUnstructuredCda', () => {
  it('wraps a PDF in a level 1 document that the official CDA schema accepts', () => {
    const xml = buildUnstructuredCda({
      header: SAMPLE_HEADER,
      typeCode: '11488-4',
      body: { kind: 'pdf', content: PDF },
    });
    expect(xsdErrors(xml)).toEqual([]);
    expect(xml).toContain('<templateId root="1.2.250.1.213.1.1.1.1"/>');
    expect(xml).toContain('<templateId root="1.3.6.1.4.1.19376.1.2.20"/>');
    expect(xml).toContain(`<text mediaType="application/pdf" representation="B64">${PDF.toString('base64')}</text>`);
  });

  it('wraps plain text as a base64 text/plain body', () => {
    const xml = buildUnstructuredCda({
      header: SAMPLE_HEADER,
      typeCode: '11488-4',
      body: { kind: 'text', text: 'Vu ce jour.' },
    });
    expect(xsdErrors(xml)).toEqual([]);
    expect(xml).toContain(
      `<text mediaType="text/plain" representation="B64">${Buffer.from('Vu ce jour.').toString('base64')}</text>`,
    );
  });

  it('escapes user text so that markup in a name stays text', () => {
    const header = { ...SAMPLE_HEADER, patient: { ...SAMPLE_HEADER.patient, birthName: `O'HARA & <script>` } };
    const xml = buildUnstructuredCda({ header, typeCode: '11488-4', body: { kind: 'text', text: 'x' } });
    expect(xml).toContain("O'HARA &amp; &lt;script&gt;");
    expect(xsdErrors(xml)).toEqual([]);
    expect(readCdaHeader(xml).patient.birthName).toBe(`O'HARA & <script>`);
  });

  it('writes an unknown sex as the CI-SIS code UN, which reads back as U and passes the checks', () => {
    const header = { ...SAMPLE_HEADER, patient: { ...SAMPLE_HEADER.patient, sex: 'U' as const } };
    const xml = buildUnstructuredCda({ header, typeCode: '11488-4', body: { kind: 'text', text: 'x' } });
    expect(xml).toContain(
      '<administrativeGenderCode code="UN" displayName="Inconnu" codeSystem="2.16.840.1.113883.5.1"/>',
    );
    expect(readCdaHeader(xml).patient.sex).toBe('U');
    expect(checkCdaStructure(xml)).toEqual([]);
  });

  it('reads back the header it wrote', () => {
    const header = readCdaHeader(
      buildUnstructuredCda({ header: SAMPLE_HEADER, typeCode: '11488-4', body: { kind: 'pdf', content: PDF } }),
    );
    expect(header.patient).toEqual({ ...SAMPLE_HEADER.patient });
    expect(header.document).toMatchObject({
      id: { root: '1.2.250.1.999.1.1.2', extension: 'DOC-0001' },
      setId: { root: '1.2.250.1.999.1.1.2', extension: 'DOC-0001' },
      versionNumber: 1,
      typeCode: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1' },
      effectiveTime: '20240305101500+0000',
      confidentiality: 'N',
      languageCode: 'fr-FR',
    });
    expect(header.authors[0]).toMatchObject({
      id: '810100000001',
      profession: { code: '10', displayName: 'Médecin' },
      specialty: { code: 'SM26' },
    });
    expect(header.encounter).toMatchObject({
      facilityType: { code: 'SA08' },
      practiceSetting: { code: 'AMBULATOIRE' },
    });
    expect(header.nonXmlBodyMediaType).toBe('application/pdf');
  });

  it('refuses a body that is not a PDF, an unknown type code and a wrong INS key with typed errors', () => {
    const text = { kind: 'text' as const, text: 'x' };
    expect(
      thrown(() =>
        buildUnstructuredCda({
          header: SAMPLE_HEADER,
          typeCode: '11488-4',
          body: { kind: 'pdf', content: Buffer.from('<html>') },
        }),
      ),
    ).toBe('CDA_INPUT_INVALID');
    expect(thrown(() => buildUnstructuredCda({ header: SAMPLE_HEADER, typeCode: '00000-0', body: text }))).toBe(
      'XDS_CODE_UNKNOWN',
    );
    const badKey = {
      ...SAMPLE_HEADER,
      patient: { ...SAMPLE_HEADER.patient, ins: { matricule: '277076322082911', oid: '1.2.250.1.213.1.4.10' } },
    };
    expect(thrown(() => buildUnstructuredCda({ header: badKey, typeCode: '11488-4', body: text }))).toBe(
      'CDA_INPUT_INVALID',
    );
  });

  it('writes the bytes filed piece by piece: the whole base64 of any length, the header in UTF-8, the same text', () => {
    // A title beyond Latin-1 (holding the text that once marked the body's place); PDFs around the 48 kB pieces and every padding.
    const header = {
      ...SAMPLE_HEADER,
      document: { ...SAMPLE_HEADER.document, title: 'Lettre d’hospitalisation — PASSERELLE-NON-XML-BODY 🩺' },
    };
    for (const size of [5, 6, 7, 3 * 16 * 1024 - 1, 3 * 16 * 1024, 3 * 16 * 1024 + 1, 200 * 1024 + 2]) {
      const pdf = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(size - 5, 7)]);
      const bytes = buildUnstructuredCdaBytes({ header, typeCode: '11488-4', body: { kind: 'pdf', content: pdf } });
      const xml = bytes.toString('utf8');
      expect(Buffer.from(xml, 'utf8').equals(bytes)).toBe(true);
      expect(xml).toContain(`<text mediaType="application/pdf" representation="B64">${pdf.toString('base64')}</text>`);
      expect(xml.endsWith('</text></nonXMLBody></component></ClinicalDocument>')).toBe(true);
      expect(readCdaHeader(xml).document.title).toBe(header.document.title);
      expect(buildUnstructuredCda({ header, typeCode: '11488-4', body: { kind: 'pdf', content: pdf } }).length).toBe(
        xml.length,
      );
    }
    expect(
      xsdErrors(
        buildUnstructuredCdaBytes({
          header,
          typeCode: '11488-4',
          body: { kind: 'text', text: 'Vu ce jour.' },
        }).toString('utf8'),
      ),
    ).toEqual([]);
  });

  it('refuses a facility type or practice setting outside the DMP value sets', () => {
    const header = { ...SAMPLE_HEADER, encounter: { ...SAMPLE_HEADER.encounter, facilityType: 'SA99' } };
    expect(thrown(() => buildUnstructuredCda({ header, typeCode: '11488-4', body: { kind: 'text', text: 'x' } }))).toBe(
      'CDA_INPUT_INVALID',
    );
  });
});
