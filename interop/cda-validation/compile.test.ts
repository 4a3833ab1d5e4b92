import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { cacheKey, compileSchematron, COMPILER_VERSION } from './compile.js';
import { openKit } from './kit.js';
import { LoadedSchematron, parseForSaxon } from './run-schematron.js';
import { KIT_DIR } from './test-support/rules.js';
import { ValueSetPool } from './value-set-pool.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The digest of the compiler's sources: the schematron-to-XSLT generator and the native engine, whose form of
 * the rules is kept in the compiled forms too; pinned beside the version it is known as.
 */
function generatorDigest(): string {
  const hash = createHash('sha256');
  for (const folder of ['schematron', 'native', 'native/xpath']) {
    const dir = join(here, folder);
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
      .sort()) {
      hash.update(`${folder}/${name}\n`).update(readFileSync(join(dir, name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The generator's digest for each compiler version. */
const GENERATOR_DIGESTS: Readonly<Record<string, string>> = {
  '2026-12-05.2': '8e1eb9421bb849f2',
  '2026-12-05.3': '801f46248f5b82f4',
  '2026-12-05.4': '44856cc168341cb4',
  '2026-12-05.5': 'b5483b56fd92bbdd',
  '2026-12-05.6': '974719455b985157',
  '2026-12-06.1': '84d3ffc86ae04071',
  '2026-12-06.2': '03082520318dafef',
  '2026-12-06.3': '28a5d607bf43e2c0',
  '2026-12-06.4': '6010efe13425cfec',
  '2026-12-06.5': '4c8faf95ed5e04d7',
  '2026-12-06.6': 'c93207e0a937954c',
  '2026-12-06.7': '834f33f7d4c25e49',
  '2026-12-06.8': 'b0abdea5edd87905',
  '2026-12-06.9': '0b5eba5b046cd0d4',
};

describe('the compiled rules cache key', () => {
  const copies = mkdtempSync(join(tmpdir(), 'passerelle-rules-key-'));
  afterAll(() => rmSync(copies, { recursive: true, force: true }));

  it('is the same for the sources the tests run and the compiled command', async () => {
    const kit = openKit(KIT_DIR);
    // The tests' global setup compiles dist/ before any test runs.
    const dist = (await import(join(here, '../../dist/interop/cda-validation/compile.js'))) as {
      cacheKey: typeof cacheKey;
    };
    expect(dist.cacheKey(kit)).toBe(cacheKey(kit));
  });

  it('is the same for the same kit in another folder, and changes with a schematron but not with an example', () => {
    const dir = join(copies, 'kit');
    for (const part of ['schematrons', 'infrastructure'])
      cpSync(join(KIT_DIR, part), join(dir, part), { recursive: true });
    const kit = openKit(dir);
    const before = cacheKey(kit);
    expect(before).toBe(cacheKey(openKit(KIT_DIR)));
    cpSync(join(KIT_DIR, 'ExemplesCDA'), join(dir, 'ExemplesCDA'), { recursive: true });
    expect(cacheKey(kit)).toBe(before);
    appendFileSync(join(dir, 'schematrons', 'CI-SIS_VSM_2023.01.sch'), '\n');
    expect(cacheKey(kit)).not.toBe(before);
  });

  // A change to the generator must come with a new COMPILER_VERSION, else the cache serves forms it no longer
  // writes: when this fails, change COMPILER_VERSION and pin the new digest here.
  it('names the generator by a version that changes with its sources', () => {
    expect(generatorDigest()).toBe(GENERATOR_DIGESTS[COMPILER_VERSION]);
  });
});

describe('the compiled rules moved to the kit’s folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-rules-locate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A schematron of `count` rules, each a template of the compiled form that carries the base URI. */
  const schematron = (count: number): string =>
    `<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern id="p">${Array.from(
      { length: count },
      (_, i) => `<rule context="e${i}"><assert test="false()">e${i}</assert></rule>`,
    ).join('')}</pattern></schema>`;

  // SaxonJS checks a stylesheet's checksum, an exclusive or over its strings: moving an odd number of base URIs
  // changes it, an even number leaves it as it was. One rule more or less changes that count by one.
  it('runs in SaxonJS whether its count of base URIs is odd or even', async () => {
    // The folder's name matters: the last characters before `schematrons/` weigh in the checksum.
    const kit = {
      dir: join(dir, 'TestContenuCDA'),
      xsd: '',
      schematronsDir: join(dir, 'TestContenuCDA', 'schematrons'),
    };
    mkdirSync(kit.schematronsDir, { recursive: true });
    const doc = await parseForSaxon('<e1/>');
    for (const count of [1, 2]) {
      writeFileSync(join(kit.schematronsDir, `rules-${count}.sch`), schematron(count));
      const compiled = await compileSchematron(kit, `rules-${count}.sch`, join(dir, 'cache'), { stylesheet: 'always' });
      const rules = await LoadedSchematron.load(compiled, kit.dir, new ValueSetPool());
      expect(rules.run(doc).map((f) => f.message)).toEqual(count === 1 ? [] : ['e1']);
    }
  }, 60_000);
});

describe('the walk of rules that can only match along known paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-rules-reach-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const HEADER_RULES = [
    `<rule context="//h:doc[h:kind/@code = 'x']/h:head/h:id"><assert test="@root">id without root</assert></rule>`,
    `<rule context="//h:doc/h:head/*"><report test="@bad">bad <name/> in the head</report></rule>`,
    `<rule context="//h:doc/h:head"><assert test="h:id">head without id</assert></rule>`,
    `<rule context="/"><assert test="h:doc">no doc</assert></rule>`,
  ];
  /** The header rules, and with `walkAll` a rule of another form, which never matches, making the walk visit all. */
  const schematron = (walkAll: boolean): string =>
    `<schema xmlns="http://purl.oclc.org/dsdl/schematron"><ns prefix="h" uri="urn:h"/>` +
    `<pattern id="p">${HEADER_RULES.join('')}${walkAll ? `<rule context="h:none//h:never"><assert test="false()">never</assert></rule>` : ''}</pattern>` +
    `<pattern id="q"><rule context="//h:doc/h:head/h:id"><report test="@root = 'r2'">second id</report></rule></pattern></schema>`;

  it('finds what a walk of every node finds, in the same order, and nothing in the body', async () => {
    const kit = { dir, xsd: '', schematronsDir: join(dir, 'schematrons') };
    mkdirSync(kit.schematronsDir, { recursive: true });
    const doc = await parseForSaxon(
      `<doc xmlns="urn:h"><kind code="x"/><head><id/><id root="r2" bad="1"/><name bad="1"/></head>` +
        `<body><head><id/></head><id/><part><doc><kind code="x"/><head><id bad="1"/></head></doc></part></body></doc>`,
    );
    const found: string[][] = [];
    for (const walkAll of [false, true]) {
      const name = `rules-${walkAll ? 'all' : 'reach'}.sch`;
      writeFileSync(join(kit.schematronsDir, name), schematron(walkAll));
      const compiled = await compileSchematron(kit, name, join(dir, 'cache'), { stylesheet: 'always' });
      const rules = await LoadedSchematron.load(compiled, kit.dir, new ValueSetPool());
      found.push(rules.run(doc).map((f) => `${f.location} ${f.message}`));
    }
    expect(found[0]).toEqual([
      '/doc/head/id id without root',
      '/doc/head/name bad name in the head',
      '/doc/body/part/doc/head/id id without root',
      '/doc/head/id[2] second id',
    ]);
    expect(found[1]).toEqual(found[0]);
  }, 60_000);
});

describe('the patterns bound to templateIds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-rules-roots-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('visits each element once in each pattern one of its roots names, in the order of the walk', async () => {
    const kit = { dir, xsd: '', schematronsDir: join(dir, 'schematrons') };
    mkdirSync(kit.schematronsDir, { recursive: true });
    const rule = (root: string, message: string): string =>
      `<rule context="*[cda:templateId/@root = '${root}']"><assert test="@ok">${message} <name/></assert></rule>`;
    writeFileSync(
      join(kit.schematronsDir, 'roots.sch'),
      `<schema xmlns="http://purl.oclc.org/dsdl/schematron"><ns prefix="cda" uri="urn:hl7-org:v3"/>` +
        `<pattern id="a">${rule('1', 'a1')}${rule('2', 'a2')}</pattern>` +
        `<pattern id="b">${rule('2', 'b2')}</pattern><pattern id="c">${rule('3', 'c3')}</pattern></schema>`,
    );
    const compiled = await compileSchematron(kit, 'roots.sch', join(dir, 'cache'), { stylesheet: 'always' });
    const rules = await LoadedSchematron.load(compiled, kit.dir, new ValueSetPool());
    const doc = await parseForSaxon(
      `<r xmlns="urn:hl7-org:v3"><x><templateId root="1"/><templateId root="2"/></x><y ok="1"><templateId root="2"/></y>` +
        `<z><templateId root="2"/><w><templateId root="1"/><templateId root="3"/></w></z><v><templateId root="9"/></v></r>`,
    );
    expect(rules.run(doc).map((f) => `${f.location} ${f.message}`)).toEqual([
      '/r/x a1 x',
      '/r/z a2 z',
      '/r/z/w a1 w',
      '/r/x b2 x',
      '/r/z b2 z',
      '/r/z/w c3 w',
    ]);
  }, 60_000);
});

describe('the rules’ `//p:name` steps, read through a key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-rules-keyed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The same checks written with `//` (rewritten) and with the long form of the same step (kept as written). */
  const checks = (descendant: string): string =>
    [
      `<assert test="count(${descendant}h:item) = 4">items <value-of select="count(${descendant}h:item)"/></assert>`,
      `<assert test="${descendant}h:item[@code = 'b']">no item b</assert>`,
      `<assert test="not(${descendant}h:item[@code = 'z'])">an item z</assert>`,
      `<report test="${descendant}h:item/h:note/@lang = 'fr'">a French note</report>`,
      `<assert test="every $i in ${descendant}h:item satisfies $i/@code">item without code</assert>`,
      `<report test="${descendant}h:item[h:note][@code]/@code = 'c'">c has a note</report>`,
    ].join('');

  it('finds what the long form of the same step finds, namespaces and document order kept, and shows the test as written', async () => {
    const kit = { dir, xsd: '', schematronsDir: join(dir, 'schematrons') };
    mkdirSync(kit.schematronsDir, { recursive: true });
    // Items in the head, deep in the body, and one of the same local name in another namespace.
    const doc = await parseForSaxon(
      `<doc xmlns="urn:h" xmlns:o="urn:other"><head><item code="a"/></head><body><part><item><note lang="en"/></item>` +
        `<o:item code="z"/><item code="c"><note lang="fr"/></item></part></body></doc>`,
    );
    const found: string[][] = [];
    for (const [name, descendant] of [
      ['keyed.sch', '//'],
      ['long.sch', '/descendant-or-self::node()/'],
    ] as const) {
      writeFileSync(
        join(kit.schematronsDir, name),
        `<schema xmlns="http://purl.oclc.org/dsdl/schematron"><ns prefix="h" uri="urn:h"/>` +
          `<pattern id="p"><rule context="h:body">${checks(descendant)}</rule></pattern></schema>`,
      );
      const compiled = await compileSchematron(kit, name, join(dir, 'cache'), { stylesheet: 'always' });
      const rules = await LoadedSchematron.load(compiled, kit.dir, new ValueSetPool());
      const findings = rules.run(doc);
      // The look-up is the stylesheet's: a finding shows its test as the rules wrote it.
      expect(findings.every((f) => f.test?.includes(`${descendant}h:item`))).toBe(true);
      found.push(findings.map((f) => `${f.location} ${f.message}`));
    }
    expect(found[0]).toEqual([
      '/doc/body items 3',
      '/doc/body no item b',
      '/doc/body a French note',
      '/doc/body item without code',
      '/doc/body c has a note',
    ]);
    expect(found[1]).toEqual(found[0]);
  }, 60_000);
});
