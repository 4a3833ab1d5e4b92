import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { xsdErrors } from '../../interop/test-support/cda-xsd.js';
import { KIT_DIR } from '../../interop/cda-validation/test-support/rules.js';
import { ansExampleFor } from '../support/ans-example.js';
import type { TestPlatform } from '../../mock-platform/testing.js';
import { ONE_PAGE_PDF } from '../support/outcomes.js';
import { runPasserelle, type CliRun } from '../support/run-cli.js';
import { startHomePlatform, cliEnvironment } from '../support/platform-home.js';
import { filesIn } from '../support/scratch-files.js';

/**
 * Documents a professional hands over, as a review found them mishandled, run through the real command line
 * against the mock over mutual TLS: a CDA from another software must be filed byte for byte (its UTF-8 BOM
 * included), a cut PDF reported as damaged, a header's broken rule named in plain French and English, the same
 * verdict from `validate` and `upload`, and `validate` without the official rules never saying "conforme".
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-feed-inputs-'));
const files = mkdtempSync(join(tmpdir(), 'passerelle-feed-inputs-files-'));
const ADULT = '285057511203496';
let platform: TestPlatform;
let env: Record<string, string | undefined>;

const example = (name: string): Buffer => readFileSync(join(KIT_DIR, 'ExemplesCDA', name));
/** An ANS example written for VITALE-ADULTE's patient, every other byte kept. */
const forAdult = (name: string): Buffer => ansExampleFor(name, ADULT);

const file = filesIn(files);

const passerelle = (args: string[], stdin = '', extraEnv: Record<string, string | undefined> = {}): Promise<CliRun> =>
  runPasserelle(args, { ...env, ...extraEnv }, stdin);
const atDesk = ['--card', 'CPS-GENERALISTE', '--vitale', 'VITALE-ADULTE', '--pin-stdin'];
const upload = (...args: string[]): Promise<CliRun> =>
  passerelle(['upload', ...atDesk, '--identity-checked', 'passeport', ...args], '1234\n');
const uploads = (): number => platform.audit.list({ patient: ADULT }).filter((e) => e.action === 'ITI-41').length;

beforeAll(async () => {
  platform = await startHomePlatform(home);
  // Without the official rules unless a test gives them: what a fresh installation runs.
  env = cliEnvironment(home, platform.url, { PASSERELLE_CDA_RULES: undefined, PASSERELLE_CDA_RULES_CACHE: undefined });
  await passerelle(['cards', 'insert', 'CPS-GENERALISTE']);
  await passerelle(['cards', 'insert', 'VITALE-ADULTE']);
  // The patient agreed: her physician may file what another software (a hospital's) wrote about her.
  const consent = await passerelle(['consent', ...atDesk], '1234\n');
  if (consent.code !== 0) throw new Error(consent.stderr);
}, 120_000);
afterAll(async () => platform.dispose());

describe('a CDA from another software', { timeout: 120_000 }, () => {
  it('is filed as it is: the bytes registered and retrieved are the file’s, its UTF-8 BOM included', async () => {
    const original = forAdult('eP-MED-DM_2024.01_PosoStruct.xml');
    expect(original.subarray(0, 3).toString('hex')).toBe('efbbbf');

    const filed = await upload('--json', file('prescription-bom.xml', original));
    expect(filed.stderr).not.toContain('Erreur');
    expect(filed.code).toBe(0);
    const { uniqueId } = (JSON.parse(filed.stdout) as { document: { uniqueId: string } }).document;

    const stored = platform.documents.listFor(ADULT, { kind: 'patient' }).find((d) => d.entry.uniqueId === uniqueId);
    expect(stored?.entry.size).toBe(original.byteLength);
    expect(stored?.entry.hash).toBe(createHash('sha1').update(original).digest('hex'));

    const out = join(files, 'prescription-retrieved.xml');
    const got = await passerelle(['get', ...atDesk, uniqueId, '--out', out], '1234\n');
    expect(got.stderr).not.toContain('Erreur');
    expect(got.code).toBe(0);
    expect(readFileSync(out).equals(original)).toBe(true);
  });
});

describe('a damaged PDF', { timeout: 120_000 }, () => {
  it('is reported as damaged or incomplete, not as a PDF without a page, and nothing is sent', async () => {
    const truncated = ONE_PAGE_PDF.subarray(0, Math.floor(ONE_PAGE_PDF.byteLength / 2));
    const before = uploads();
    const run = await upload('--type', '11490-0', '--json', file('truncated.pdf', truncated));
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { error: { code: string } }).error.code).toBe('PDF_DAMAGED');
    expect(run.stderr).toContain('Erreur : Le PDF truncated.pdf est endommagé ou incomplet');
    expect(run.stderr).toContain('Error: The PDF truncated.pdf is damaged or incomplete');
    expect(run.stderr).not.toMatch(/aucune page|has no page/);
    expect(uploads()).toBe(before);
  });
});

describe('a header that breaks a rule', { timeout: 120_000 }, () => {
  const sexX = (): string =>
    forAdult('LDL-SES_2022.01.xml')
      .toString('utf8')
      .replace('<administrativeGenderCode code="F"', '<administrativeGenderCode code="X"');
  const ELEMENT = 'recordTarget/patientRole/patient/administrativeGenderCode';

  it('is refused by upload naming the element and the allowed values in plain French and English', async () => {
    const before = uploads();
    const run = await upload(file('sexe-x.xml', sexX()));
    expect(run.code).toBe(1);
    const [french, english] = run.stderr.split('\n');
    expect(french).toMatch(/^Erreur : /);
    expect(french).toContain(ELEMENT);
    expect(french).toContain('M, F ou UN');
    expect(english).toMatch(/^Error: /);
    expect(english).toContain(ELEMENT);
    expect(english).toContain('M, F or UN');
    // No library's own words: the rule is ours, in the user's language.
    expect(run.stderr).not.toMatch(/Invalid option|expected one of|"M"\|"F"/);
    expect(uploads()).toBe(before);
  });

  it('is refused by validate with the same element and allowed values', async () => {
    const run = await passerelle(['validate', file('sexe-x-valide.xml', sexX())]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(ELEMENT);
    expect(run.stdout).toContain('M, F ou UN');
    expect(run.stdout).not.toMatch(/Invalid option|expected one of/);
  });
});

describe('validate and upload', { timeout: 120_000 }, () => {
  it('give one verdict on an unknown document type: refused by both, with the same rule and words', async () => {
    const unknownType = forAdult('LDL-SES_2022.01.xml')
      .toString('utf8')
      .replace('<code code="11490-0"', '<code code="99999-9"');
    const path = file('type-inconnu.xml', unknownType);

    const validated = await passerelle(['validate', path]);
    expect(validated.code).toBe(1);
    // `  [error] RULE (location) : words`, as validate lists a finding.
    const finding = /^ {2}\[error\] (\S+) \([^)]*\) : (.*99999-9.*)$/m.exec(validated.stdout);
    expect(finding).not.toBeNull();
    const [, rule, words] = finding!;

    const before = uploads();
    const uploaded = await upload(path);
    expect(uploaded.code).toBe(1);
    // The refusal's broken rules, as the local API answers them (and the window lists them): the same rule, the same words.
    expect(uploaded.stderr).toContain(`  ${rule}: ${words}`);
    expect(uploads()).toBe(before);
  });
});

describe('validate without the official rules', { timeout: 120_000 }, () => {
  // An element the CDA schema does not know, in a header our structural checks find complete.
  const schemaBroken = (): string =>
    example('LDL-SES_2022.01.xml')
      .toString('utf8')
      .replace(/(<title>[^<]*<\/title>)/, '$1<unknownHeaderElement/>');

  it('says what it checked and never that a document breaking the CDA schema is conforme', async () => {
    const xml = schemaBroken();
    expect(xsdErrors(xml).join('\n')).toContain('unknownHeaderElement');
    const path = file('hors-schema.xml', xml);

    const run = await passerelle(['validate', path]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/Document conforme|valid document/);
    expect(run.stdout).toContain('structure vérifiée ; règles officielles de l’ANS non installées');
    expect(run.stdout).toContain('structure checked; official ANS rules not installed');

    const json = await passerelle(['validate', path, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      official: false,
      checked: { structure: true, officialRules: false },
    });
  });
});
