import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCdaValidator, type CdaValidator } from '../../interop/cda-validation/index.js';
import { KIT_DIR, TEST_RULES } from '../../interop/cda-validation/test-support/rules.js';

/**
 * The official rules build file paths from the document's values: the terminology rules open
 * `../terminologie/<codeSystem>.rdf`. A document whose code system climbs out of the kit must not make them
 * read a file elsewhere on the workstation (an attacker's file, another user's): for the rules, it is not there.
 */
const scratch = mkdtempSync(join(tmpdir(), 'passerelle-rules-files-'));
const kit = join(scratch, 'kit');
const TERMINOLOGIES = ['schematrons', 'profils', 'terminologies', 'terminologie'];

/** A copy of the ANS kit made of links, with a folder of terminologies of its own where the rules look for them. */
function mirrorKit(): string {
  let from = KIT_DIR;
  let to = kit;
  for (const step of TERMINOLOGIES) {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) if (entry !== step) symlinkSync(join(from, entry), join(to, entry));
    from = join(from, step);
    to = join(to, step);
  }
  mkdirSync(to);
  for (const entry of readdirSync(from)) symlinkSync(join(from, entry), join(to, entry));
  return to;
}

/** A terminology that knows one code. */
const terminology = (code: string): string =>
  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">` +
  `<skos:Concept><skos:notation>${code}</skos:notation></skos:Concept></rdf:RDF>`;

const example = readFileSync(join(KIT_DIR, 'ExemplesCDA', 'LDL-SES_2022.01.xml'), 'utf8');
/** The example with its document code in the code system `system`, a code no terminology knows. */
const withCodeSystem = (system: string): string =>
  example.replace(/<code code="[^"]*"([^>]*) codeSystem="[^"]*"/, `<code code="INCONNU"$1 codeSystem="${system}"`);
const NOT_FOUND = /Ce code n'est pas retrouvé dans la terminologie/;

let validator: CdaValidator;
beforeAll(async () => {
  const folder = mirrorKit();
  writeFileSync(join(folder, '1.2.3.4.5.rdf'), terminology('CONNU'));
  mkdirSync(join(scratch, 'outside'));
  writeFileSync(join(scratch, 'outside', 'probe.rdf'), terminology('CONNU'));
  validator = await createCdaValidator({ ...TEST_RULES, rulesDir: kit });
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the official rules and the files they open', () => {
  it('read a terminology of the kit: a code it does not know is a finding', async () => {
    const { findings } = await validator.validate(withCodeSystem('1.2.3.4.5'));
    expect(findings.filter((f) => NOT_FOUND.test(f.message)).map((f) => f.location)).toEqual([
      '/ClinicalDocument/code',
    ]);
  });

  it('never read a file outside the kit, whatever path the document’s code system makes', async () => {
    const folder = join(kit, ...TERMINOLOGIES);
    const climb = relative(folder, join(scratch, 'outside', 'probe'));
    expect(climb.startsWith('..')).toBe(true);
    const { findings } = await validator.validate(withCodeSystem(climb));
    expect(findings.filter((f) => NOT_FOUND.test(f.message))).toEqual([]);
  });
});
