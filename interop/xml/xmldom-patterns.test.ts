import { createRequire } from 'node:module';

import { describe, expect, it } from 'vitest';

import { thrown } from '../../api/errors/test-support/outcomes.js';

import { parseXml } from './safe-parse.js';
import { reuseXmldomPatterns } from './xmldom-patterns.js';

interface Grammar {
  reg: (...parts: (RegExp | string)[]) => RegExp;
  QName_group: RegExp;
  S_OPT: RegExp;
}

const grammar = createRequire(import.meta.url)('@xmldom/xmldom/lib/grammar.js') as Grammar;

describe('reuseXmldomPatterns', () => {
  it('gives the parser one end-tag pattern for every end tag, the one it would build', () => {
    reuseXmldomPatterns();
    const endTag = grammar.reg('^', grammar.QName_group, grammar.S_OPT, '$');
    expect(grammar.reg('^', grammar.QName_group, grammar.S_OPT, '$')).toBe(endTag);
    expect(endTag.source).toBe(`^${grammar.QName_group.source}${grammar.S_OPT.source}$`);
    expect(endTag.global || endTag.sticky).toBe(false);
    // Another pattern is another object.
    expect(grammar.reg('^', grammar.QName_group)).not.toBe(endTag);
  });

  it('leaves what the parser accepts and refuses as it was, parse after parse', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(parseXml('<a><b></b ></a>').documentElement?.firstChild?.nodeName).toBe('b');
      expect(thrown(() => parseXml('<a><b></c></a>'))).toBe('XML_MALFORMED');
      expect(parseXml('<p:a xmlns:p="urn:x"><p:é></p:é></p:a>').documentElement?.localName).toBe('a');
      expect(thrown(() => parseXml('<a></a\nb>'))).toBe('XML_MALFORMED');
      expect(thrown(() => parseXml('<a></1a>'))).toBe('XML_MALFORMED');
    }
  });
});
