import { describe, expect, it } from 'vitest';

import { formatCx, formatDtm, formatXcn, formatXon, parseCx, parseDtm, parseXcn, parseXon } from './hl7-types.js';

describe('HL7 v2 data types of XDS metadata', () => {
  it('writes the INS patient id as the DMP expects and reads it back', () => {
    const cx = { id: '277076322082910', assigningAuthority: '1.2.250.1.213.1.4.10', idType: 'NH' };
    expect(formatCx(cx)).toBe('277076322082910^^^&1.2.250.1.213.1.4.10&ISO^NH');
    expect(parseCx(formatCx(cx))).toEqual(cx);
  });

  it('writes an author person in the XCN form of the DMP and reads it back', () => {
    const xcn = {
      id: '899900077985',
      familyName: 'Kit',
      givenName: 'Editeur',
      assigningAuthority: '1.2.250.1.71.4.2.1',
      nameTypeCode: 'D',
      idType: 'IDNPS',
    };
    expect(formatXcn(xcn)).toBe('899900077985^Kit^Editeur^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS');
    expect(parseXcn(formatXcn(xcn))).toEqual(xcn);
  });

  it('writes an institution in the XON form of the DMP and reads it back', () => {
    const xon = {
      name: 'Cabinet du Dr Kit',
      assigningAuthority: '1.2.250.1.71.4.2.2',
      idType: 'IDNST',
      id: '3750100125',
    };
    expect(formatXon(xon)).toBe('Cabinet du Dr Kit^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^3750100125');
    expect(parseXon(formatXon(xon))).toEqual(xon);
  });

  it('refuses a component holding an HL7 delimiter instead of writing a shifted field', () => {
    expect(() => formatXcn({ id: '8001', familyName: 'A^B', assigningAuthority: '1.2.250.1.71.4.2.1' })).toThrow(
      expect.objectContaining({ code: 'XDS_METADATA_INVALID' }),
    );
  });

  it('refuses an identifier without an assigning authority', () => {
    expect(() => parseCx('277076322082910^^^^NH')).toThrow(expect.objectContaining({ code: 'XDS_METADATA_INVALID' }));
    expect(() => parseXcn('899900077985^Kit')).toThrow(expect.objectContaining({ code: 'XDS_METADATA_INVALID' }));
  });

  it('formats a date in UTC to the second and parses partial precisions', () => {
    expect(formatDtm(new Date('2024-03-05T08:09:10.999+01:00'))).toBe('20240305070910');
    expect(parseDtm('20240305070910').toISOString()).toBe('2024-03-05T07:09:10.000Z');
    expect(parseDtm('2024').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parseDtm('202402').toISOString()).toBe('2024-02-01T00:00:00.000Z');
  });

  it('refuses impossible or ill-formed dates', () => {
    for (const bad of ['20240230', '2024130101', '20240101250000', '2024-01-01', '20241']) {
      expect(() => parseDtm(bad), bad).toThrow(expect.objectContaining({ code: 'XDS_METADATA_INVALID' }));
    }
  });
});
