import { describe, expect, it } from 'vitest';

import { thrown } from '../../api/errors/test-support/outcomes.js';

import { buildLdlSes } from './build-ldl-ses.js';
import { buildVsm } from './build-vsm.js';
import { readCdaHeader } from './read-header.js';
import { SAMPLE_LDL_SES, SAMPLE_VSM } from './sample-input.js';
import { xsdErrors } from '../test-support/cda-xsd.js';

describe('buildVsm', () => {
  it('writes a patient summary that the official CDA schema accepts', () => {
    expect(xsdErrors(buildVsm(SAMPLE_VSM))).toEqual([]);
  });

  it('declares the VSM model with the type code its rules require and names the médecin traitant', () => {
    const xml = buildVsm(SAMPLE_VSM);
    const header = readCdaHeader(xml);
    expect(header.templateIds).toEqual([
      '2.16.840.1.113883.2.8.2.1',
      '1.2.250.1.213.1.1.1.1',
      '1.2.250.1.213.1.1.1.13',
    ]);
    expect(header.document.typeCode).toMatchObject({ code: 'SYNTH', codeSystem: '1.2.250.1.213.1.1.4.12' });
    expect(xml).toContain(
      '<functionCode code="PCP" displayName="Médecin Traitant" codeSystem="2.16.840.1.113883.5.88"/>',
    );
    expect(xml).toContain('<code code="34117-2" displayName="Historique et clinique"');
  });

  it('writes each problem, allergy and treatment as an entry that refers to its narrative', () => {
    const xml = buildVsm(SAMPLE_VSM);
    expect(xml.match(/<templateId root="1.2.250.1.213.1.1.3.39"\/>/g)).toHaveLength(2);
    expect(xml.match(/<templateId root="1.2.250.1.213.1.1.3.40"\/>/g)).toHaveLength(1);
    expect(xml.match(/<templateId root="1.2.250.1.213.1.1.3.42"\/>/g)).toHaveLength(1);
    for (const [, id] of xml.matchAll(/<reference value="#([^"]+)"\/>/g)) expect(xml).toContain(`<content ID="${id}">`);
  });

  it('stays schema-valid with no problem, allergy or risk factor', () => {
    const xml = buildVsm({
      header: SAMPLE_VSM.header,
      attendingPhysician: SAMPLE_VSM.attendingPhysician,
      treatments: SAMPLE_VSM.treatments,
    });
    expect(xsdErrors(xml)).toEqual([]);
    expect(xml).toContain('Aucune pathologie, aucun antécédent, aucune allergie connus');
  });

  it('refuses a summary without treatment, which IHE PCC forbids, with a typed error', () => {
    expect(thrown(() => buildVsm({ ...SAMPLE_VSM, treatments: [] }))).toBe('CDA_INPUT_INVALID');
  });
});

describe('buildLdlSes', () => {
  it('writes a discharge letter that the official CDA schema accepts', () => {
    expect(xsdErrors(buildLdlSes(SAMPLE_LDL_SES))).toEqual([]);
  });

  it('declares the LDL-SES model and its type, and reads back as such', () => {
    const header = readCdaHeader(buildLdlSes(SAMPLE_LDL_SES));
    expect(header.templateIds).toContain('1.2.250.1.213.1.1.1.29');
    expect(header.document.typeCode.code).toBe('11490-0');
    expect(header.encounter.facilityType.code).toBe('SA01');
    expect(header.serviceEvent).toEqual({ start: '20240226080000+0000', end: '20240305100000+0000' });
  });

  it('writes the required sections: status, reason, stay events, treatments at discharge', () => {
    const xml = buildLdlSes(SAMPLE_LDL_SES);
    for (const template of [
      '1.2.250.1.213.1.1.2.35.1',
      '1.3.6.1.4.1.19376.1.5.3.1.3.1',
      '1.3.6.1.4.1.19376.1.7.3.1.1.13.7',
      '1.3.6.1.4.1.19376.1.5.3.1.3.22',
    ]) {
      expect(xml).toContain(`<templateId root="${template}"/>`);
    }
    for (const code of ['ORG-070', 'ORG-074', 'MED-142', 'MED-143', 'MED-309', 'MED-145', 'MED-147'])
      expect(xml).toContain(`code="${code}"`);
  });

  it('escapes the free text of the letter', () => {
    expect(buildLdlSes(SAMPLE_LDL_SES)).toContain('Douleur thoracique &amp; dyspnée &lt;aiguë&gt;');
  });

  it('refuses an admission mode outside JDV_ModaliteEntree with a typed error', () => {
    const stay = { ...SAMPLE_LDL_SES.stay, admission: { day: '20240226', mode: 'teleported' } };
    expect(thrown(() => buildLdlSes({ ...SAMPLE_LDL_SES, stay } as never))).toBe('CDA_INPUT_INVALID');
  });
});
