import { describe, expect, it } from 'vitest';

import { guardsOf } from './guards.js';

const HL7 = 'urn:hl7-org:v3';
const prefixes = new Map([['cda', HL7]]);

describe('guards of rule contexts', () => {
  it('reads the templateId root of the IHE and CI-SIS body rules, whatever their quotes and spaces', () => {
    expect(guardsOf(`*[cda:templateId/@root="1.2.3"]`, prefixes)).toEqual([{ kind: 'templateId', root: '1.2.3' }]);
    expect(guardsOf(`*[cda:templateId/@root = '1.2']`, prefixes)).toEqual([{ kind: 'templateId', root: '1.2' }]);
  });

  it('reads the name of the last step, one per branch of a union', () => {
    expect(guardsOf(`*[cda:templateId/@root='1.2']/cda:performer`, prefixes)).toEqual([
      { kind: 'name', ns: HL7, local: 'performer' },
    ]);
    expect(guardsOf('cda:a | //cda:b[x/y]', prefixes)).toEqual([
      { kind: 'name', ns: HL7, local: 'a' },
      { kind: 'name', ns: HL7, local: 'b' },
    ]);
  });

  it('reads the parent’s name of a context on any child of a named element, as ART-DECOR’s closed templates write it', () => {
    expect(guardsOf(`//cda:doc[cda:typeId]/cda:author/*[not(self::cda:time)]`, prefixes)).toEqual([
      { kind: 'parent', ns: HL7, local: 'author' },
    ]);
  });

  it('gives no guard to a context it cannot read, so that its rules are always tried', () => {
    for (const context of [
      '/',
      '*',
      '@code',
      '*[cda:templateId/@root="1" or @x]',
      'node()',
      'unknown:x',
      'cda:a | *',
      '//*',
      'cda:a//*',
      'ancestor::cda:a/*',
      'cda:a/@*',
    ]) {
      expect(guardsOf(context, prefixes)).toBeUndefined();
    }
  });
});
