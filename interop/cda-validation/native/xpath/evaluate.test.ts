import { describe, expect, it } from 'vitest';

import { parseXml } from '../../../xml/safe-parse.js';
import { treeOf } from '../tree.js';
import { UnsupportedXPath } from './ast.js';
import { compile, type Context } from './evaluate.js';
import { parseXPath } from './parse.js';
import { translateRegex, translateReplacement } from './regex.js';
import { itemText, type Sequence } from './values.js';

const NAMESPACES = new Map([
  ['h', 'urn:hl7-org:v3'],
  ['o', 'urn:other'],
  ['xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
]);
const DOC = treeOf(
  parseXml(
    `<doc xmlns="urn:hl7-org:v3" xmlns:o="urn:other" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<item n="1"/><o:item n="2"/><group><item n="3" xsi:type="CS"/><item n="x"/></group>` +
      `<time value="2024-02-29T10:00:00+01:00"/><time value="2024-02-30T10:00:00"/></doc>`,
  ),
);

const evaluate = (xpath: string): Sequence => {
  const c: Context = {
    item: DOC,
    position: 1,
    size: 1,
    vars: {},
    env: { baseUri: 'file:///', document: () => undefined },
  };
  return compile(parseXPath(xpath, NAMESPACES))(c);
};
const texts = (xpath: string): string[] => evaluate(xpath).map(itemText);

describe('native XPath', () => {
  it('finds `//` elements by name and namespace, in document order, each once', () => {
    expect(texts('//h:item/@n')).toEqual(['1', '3', 'x']);
    expect(texts('//*:item/@n')).toEqual(['1', '2', '3', 'x']);
    expect(texts('(//h:group/h:item | //h:item)/@n')).toEqual(['1', '3', 'x']);
    expect(texts('//h:group/h:item[2]/@n')).toEqual(['x']);
  });

  it('compares as XPath 2.0 does: an attribute with a number as a number, and stops on one that is none', () => {
    expect(texts("//h:item[@n != 'x'][@n = 3]/@n")).toEqual(['3']);
    expect(() => evaluate('//h:group/h:item[@n > 2]')).toThrow(/"x" is not a valid xs:double/);
    expect(evaluate("count(//h:item[@n = '3'])")).toEqual([1]);
    expect(() => evaluate("'a' = 1")).toThrow(/cannot compare/);
  });

  it('resolves QNames with the namespaces in scope where the element stands', () => {
    expect(
      evaluate("resolve-QName(//h:item[@n = '3']/@xsi:type, //h:item[@n = '3']) = QName('urn:hl7-org:v3', 'CS')"),
    ).toEqual([true]);
    expect(evaluate("namespace-uri-from-QName(resolve-QName('o:x', /h:doc))")).toEqual(['urn:other']);
    expect(() => evaluate("resolve-QName('nope:x', /h:doc)")).toThrow(/No namespace found for prefix nope/);
  });

  it('reads dates and integers by their XML Schema forms', () => {
    expect(texts('for $t in //h:time/@value return string($t castable as xs:dateTime)')).toEqual(['true', 'false']);
    expect(evaluate("xs:dateTime('2024-02-29T09:00:00Z') lt xs:dateTime(//h:time[1]/@value)")).toEqual([false]);
    expect(evaluate("xs:dateTime('2024-02-29T08:59:59Z') lt xs:dateTime(//h:time[1]/@value)")).toEqual([true]);
    expect(texts("for $v in ('12', ' +7 ', '1.5', '') return string($v castable as xs:integer)")).toEqual([
      'true',
      'true',
      'false',
      'false',
    ]);
  });

  it('evaluates the kit’s string functions', () => {
    expect(evaluate("replace('20240229100000+0100', '^-?[^+-]+([+-]\\d{1,4})?$', '$1')")).toEqual(['+0100']);
    expect(evaluate("tokenize(normalize-space('  a  b '), '\\s')")).toEqual(['a', 'b']);
    expect(evaluate("string-join(distinct-values(('a', 'b', 'a')), ',')")).toEqual(['a,b']);
    expect(evaluate("iri-to-uri('http://x/é y')")).toEqual(['http://x/%C3%A9%20y']);
    expect(evaluate("matches('FR-fr', '^[a-z]{2}-[a-z]{2}$', 'i')")).toEqual([true]);
  });

  it('translates XML Schema regular expressions to the same matches, and refuses what it cannot', () => {
    expect(translateRegex('\\s').test('\u00A0')).toBe(false);
    expect(translateRegex('^\\d+$').test('٣')).toBe(true);
    expect(translateRegex('^a.b$').test('a\nb')).toBe(false);
    expect(translateRegex('^[A-Fa-f\\d\\-]+$').test('a-1')).toBe(true);
    expect(translateReplacement('\\$$1\\\\')).toBe('$$$1\\');
    for (const refused of ['\\w', '\\p{Lu}', '[a-z-[aeiou]]', '(a)\\1'])
      expect(() => translateRegex(refused)).toThrow(UnsupportedXPath);
    expect(() => parseXPath('x instance of xs:string', NAMESPACES)).toThrow(UnsupportedXPath);
    expect(() => parseXPath('u:x', NAMESPACES)).toThrow(/unknown prefix u/);
  });
});
