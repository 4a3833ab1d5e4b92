import { describe, expect, it } from 'vitest';

import { applyRewrites, keyedDescendantSteps } from './rewrites.js';

describe('rewrites of official rules at load time', () => {
  it('escapes the plus sign SaxonJS rejects in the header rules integer pattern (FORX0002)', () => {
    const test = String.raw`not(@value) or matches(@value, '^-?[1-9]\d*$|^+?\d*$')`;
    expect(applyRewrites(test)).toEqual({
      value: String.raw`not(@value) or matches(@value, '^-?[1-9]\d*$|^\+?\d*$')`,
      applied: ['FORX0002-int-pattern'],
    });
  });

  it('gives the rewritten pattern the meaning Saxon-HE gives the original', () => {
    const pattern = new RegExp(String.raw`^-?[1-9]\d*$|^\+?\d*$`);
    expect(['12', '-3', '+7', '0', ''].every((v) => pattern.test(v))).toBe(true);
    expect(['-0', '1.5', 'x'].some((v) => pattern.test(v))).toBe(false);
  });

  it('leaves every other expression alone, the character classes with a plus sign included', () => {
    const test = String.raw`replace($theTS,'^-?[^+-]+([+-]\d{1,4})?$','$1')`;
    expect(applyRewrites(test)).toEqual({ value: test, applied: [] });
  });

  it('looks a unit up in UCUM through a key instead of reading the whole list for each quantity', () => {
    const test =
      "not(($theUnitTransform != '') and not(exists(doc(concat($path_terminologie, '2.16.840.1.113883.6.8.xml') )//code[text()= string($theUnitTransform) ])))";
    expect(applyRewrites(test)).toEqual({
      value:
        "not(($theUnitTransform != '') and not(exists(key('c:code-text', string($theUnitTransform), doc(concat($path_terminologie, '2.16.840.1.113883.6.8.xml'))))))",
      applied: ['ucum-lookup-by-key'],
    });
  });

  it('reads a `//p:name` step at the start of a path through the element-name key, filtered by its own name test', () => {
    const test =
      'count(//hl7:ClinicalDocument/hl7:documentationOf[1]/hl7:serviceEvent) = 1 or //hl7:author[not($p1) or (every $p in $p1 satisfies $p = $t1)]';
    expect(keyedDescendantSteps(test)).toBe(
      "count(key('c:element-name', 'ClinicalDocument')[self::hl7:ClinicalDocument]/hl7:documentationOf[1]/hl7:serviceEvent) = 1 or key('c:element-name', 'author')[self::hl7:author][not($p1) or (every $p in $p1 satisfies $p = $t1)]",
    );
    expect(keyedDescendantSteps('(//cda:a | //cda:b[cda:c])')).toBe(
      "(key('c:element-name', 'a')[self::cda:a] | key('c:element-name', 'b')[self::cda:b][cda:c])",
    );
  });

  it('leaves `//` alone after a step, in a literal, after another document, and where a predicate may count positions', () => {
    for (const test of [
      'a//hl7:b',
      './/hl7:translation/@code',
      '$set//hl7:b',
      "doc('voc.xml')//hl7:concept",
      "matches(@value, '^//hl7:x')",
      'x/or //hl7:y',
      '//hl7:entry[1]',
      '//hl7:entry[$n]',
      '//hl7:entry[@a = 1][last()]',
      '//hl7:entry[position() = 2]',
      '//*:entry',
    ])
      expect(keyedDescendantSteps(test)).toBe(test);
  });
});
