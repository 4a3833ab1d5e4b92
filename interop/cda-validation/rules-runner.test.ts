import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { parseXml } from '../xml/safe-parse.js';
import { compileSchematron } from './compile.js';
import { loadRules, RulesDocument, RulesSources } from './rules-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-rules-runner-'));
const kit = { dir, xsd: '', schematronsDir: join(dir, 'schematrons') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A schematron whose one check uses `test`, failing on `<x/>`. */
const schematron = (test: string): string =>
  `<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern id="p"><rule context="x">` +
  `<assert test="${test}">x refusé</assert></rule></pattern></schema>`;

describe('the runner of compiled rules', () => {
  it('runs natively the rules the engine evaluates, in SaxonJS the others, with the same findings', async () => {
    mkdirSync(kit.schematronsDir, { recursive: true });
    writeFileSync(join(kit.schematronsDir, 'native.sch'), schematron("string(1) = '2'"));
    writeFileSync(join(kit.schematronsDir, 'saxon.sch'), schematron("format-number(1, '0') = '2'"));
    const sources = new RulesSources(kit.dir);
    const found: string[][] = [];
    for (const name of ['native.sch', 'saxon.sch']) {
      const compiled = await compileSchematron(kit, name, join(dir, 'cache'));
      expect(compiled.sefPath === undefined).toBe(name === 'native.sch');
      const rules = await loadRules(compiled, kit.dir, sources);
      const findings = await rules.run(new RulesDocument(parseXml('<r><x/></r>'), '<r><x/></r>'));
      found.push(findings.map((f) => `${f.ruleId} ${f.location} ${f.message}`));
    }
    expect(found).toEqual([['p /r/x x refusé'], ['p /r/x x refusé']]);
  }, 60_000);
});
