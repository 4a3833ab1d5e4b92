import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseXml } from '../../xml/safe-parse.js';
import { type CompiledSchematron, compileSchematron, readCompiled } from '../compile.js';
import { LoadedSchematron, parseForSaxon } from '../run-schematron.js';
import { ValueSetPool } from '../value-set-pool.js';
import { KitDocuments } from './documents.js';
import { NativeSchematron } from './native-schematron.js';
import { treeOf, type XDocument } from './tree.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-native-rules-'));
const kit = { dir: join(dir, 'kit'), xsd: '', schematronsDir: join(dir, 'kit', 'schematrons') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rules that use what the kit's rules use: every rule form the native engine reads, and value sets. */
const RULES =
  `<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">` +
  `<ns prefix="h" uri="urn:hl7-org:v3"/><ns prefix="svs" uri="urn:ihe:iti:svs:2008"/>` +
  `<ns prefix="xsi" uri="http://www.w3.org/2001/XMLSchema-instance"/>` +
  `<let name="jdv " value="'../jeuxDeValeurs/JDV_Test.xml'"/><let name="constructor" value="concat('ki', 'nd')"/>` +
  `<rule abstract="true" id="coded"><let name="c" value="@code"/>` +
  `<assert test="document($jdv)//svs:Concept[@code = $c]">code <value-of select="$c"/> hors du jeu de valeurs (<name/>)</assert></rule>` +
  `<pattern id="first-rule">` +
  `<rule context="h:item[@kind = 'a']"><report test="true()">a</report></rule>` +
  `<rule context="h:item"><assert test="@*[local-name() = $constructor]">item sans kind</assert></rule></pattern>` +
  `<pattern id="codes"><rule context="*[h:templateId/@root = '1.2']/h:code"><extends rule="coded"/></rule></pattern>` +
  `<pattern id="positions"><rule context="h:list/h:item[2]"><report test="@kind = 'b'">second b</report></rule></pattern>` +
  `<pattern id="document"><rule context="/"><assert test="count(//h:item) = 3">items: <value-of select="count(//h:item)"/></assert>` +
  `<report test="//*:item[@kind = 'b'] and not(//h:item[@kind = 'z'])">b sans z</report></rule></pattern>` +
  `<pattern id="types"><rule context="h:value"><assert test="not(@xsi:type) or @xsi:type = 'PQ'">type <value-of select="@xsi:type"/></assert>` +
  `<report test="@value &gt; 5 and contains(@unit, 'g')">plus de 5 g</report></rule></pattern>` +
  `</schema>`;

const DOCUMENT =
  `<doc xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><list>` +
  `<item kind="a"/><item kind="b"/><item/></list>` +
  `<entry><templateId root="1.2"/><code code="X"/></entry><entry><templateId root="1.2"/><code code="Y"/></entry>` +
  `<value xsi:type="PQ" value="7" unit="mg"/><value xsi:type="ST" value="1"/></doc>`;

let compiled: CompiledSchematron;
beforeAll(async () => {
  mkdirSync(join(kit.dir, 'jeuxDeValeurs'), { recursive: true });
  mkdirSync(kit.schematronsDir, { recursive: true });
  writeFileSync(
    join(kit.dir, 'jeuxDeValeurs', 'JDV_Test.xml'),
    `<RetrieveValueSetResponse xmlns="urn:ihe:iti:svs:2008"><ValueSet><ConceptList><Concept code="X"/></ConceptList></ValueSet></RetrieveValueSetResponse>`,
  );
  writeFileSync(join(kit.schematronsDir, 'rules.sch'), RULES);
  compiled = await compileSchematron(kit, 'rules.sch', join(dir, 'cache'), { stylesheet: 'always' });
}, 60_000);

const native = (): NativeSchematron => {
  if (compiled.rules.native === undefined) throw new Error(`not native: ${compiled.rules.nativeRefused}`);
  return new NativeSchematron('rules', compiled.rules.native, new KitDocuments(kit.dir).forSchematron('rules.sch'));
};

describe('the native rules', () => {
  it('find, finding for finding, what the compiled stylesheet finds in SaxonJS', async () => {
    const saxon = await LoadedSchematron.load(compiled, kit.dir, new ValueSetPool());
    const expected = saxon.run(await parseForSaxon(DOCUMENT));
    const found = native().run(treeOf(parseXml(DOCUMENT)));
    expect(found).toEqual(expected);
    expect(found.map((f) => `${f.ruleId} ${f.location} ${f.message}`)).toEqual([
      'first-rule /doc/list/item a',
      'first-rule /doc/list/item[3] item sans kind',
      'codes /doc/entry[2]/code code Y hors du jeu de valeurs (code)',
      'positions /doc/list/item[2] second b',
      'document  b sans z',
      'types /doc/value plus de 5 g',
      'types /doc/value[2] type ST',
    ]);
  });

  it('stop where XPath 2.0 stops, as SaxonJS does: a number compared with text that is none', async () => {
    const bad = DOCUMENT.replace('value="7"', 'value="sept"');
    const saxon = await LoadedSchematron.load(compiled, kit.dir, new ValueSetPool());
    const doc = await parseForSaxon(bad);
    expect(() => saxon.run(doc)).toThrow(/"sept" is not a valid xs:double/);
    expect(() => native().run(treeOf(parseXml(bad)))).toThrow(/"sept" is not a valid xs:double/);
  });

  it('keep nothing of a document once it is checked', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const rules = native();
    const check = (): WeakRef<XDocument> => {
      const tree = treeOf(parseXml(DOCUMENT));
      rules.run(tree);
      return new WeakRef(tree);
    };
    const checked = check();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(checked.deref()).toBeUndefined();
  });

  it('open no file outside the kit, whatever path the rules build from the document', () => {
    writeFileSync(join(dir, 'outside.xml'), '<secret/>');
    const documents = new KitDocuments(kit.dir).forSchematron('rules.sch');
    expect(documents.document(new URL('../../outside.xml', documents.baseUri).href)).toBeUndefined();
    expect(documents.document(new URL('../jeuxDeValeurs/JDV_Test.xml', documents.baseUri).href)).toBeDefined();
  });

  it('leave to SaxonJS the rules they do not evaluate, and say why', async () => {
    writeFileSync(
      join(kit.schematronsDir, 'other.sch'),
      `<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><rule context="x">` +
        `<assert test="format-number(1, '0') = '1'">f</assert></rule></pattern></schema>`,
    );
    const other = await compileSchematron(kit, 'other.sch', join(dir, 'cache'));
    expect(other.rules.native).toBeUndefined();
    expect(other.rules.nativeRefused).toMatch(/format-number/);
    const saxon = await LoadedSchematron.load(other, kit.dir, new ValueSetPool());
    expect(saxon.run(await parseForSaxon('<x/>'))).toEqual([]);
  }, 60_000);

  it('need no stylesheet when they run every rule: none is compiled, and the cache holds them without one', async () => {
    const cache = join(dir, 'cache-native');
    const done = await compileSchematron(kit, 'rules.sch', cache);
    expect(done.sefPath).toBeUndefined();
    expect(readdirSync(cache)).toEqual(['rules.rules.json']);
    expect(readCompiled(cache, 'rules.sch')?.rules.native).toEqual(compiled.rules.native);
  });
});
