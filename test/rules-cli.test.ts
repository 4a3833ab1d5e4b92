import { cpSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';

import { KIT_DIR, TEST_RULES } from '../interop/cda-validation/test-support/rules.js';
import { runPasserelle, type CliRun } from './support/run-cli.js';

/**
 * `passerelle rules install|status` as a user runs them, then `validate` with the installed rules and no
 * PASSERELLE_CDA_RULES. The compiled forms are the tests' (PASSERELLE_CDA_RULES_CACHE): the installed kit has the
 * same content, so it finds them and compiles nothing here.
 */
const scratch = mkdtempSync(join(tmpdir(), 'passerelle-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function homeEnv(home: string): Record<string, string | undefined> {
  return {
    ...process.env,
    PASSERELLE_HOME: home,
    PASSERELLE_CDA_RULES: undefined,
    PASSERELLE_CDA_RULES_CACHE: TEST_RULES.cacheDir,
  };
}

const passerelle = (home: string, ...args: string[]): Promise<CliRun> => runPasserelle(args, homeEnv(home));

/** A copy of only the given parts of the kit (relative paths), to install. */
function damagedKit(name: string, keep: readonly string[]): string {
  const dir = join(scratch, name);
  for (const part of keep) cpSync(join(KIT_DIR, part), join(dir, part), { recursive: true });
  return dir;
}

function zipOfFiles(dir: string, parts: readonly string[], zip: string): Promise<string> {
  const archive = new yazl.ZipFile();
  for (const part of parts) archive.addFile(join(dir, part), `TestContenuCDA-3-0-main/${part}`);
  return new Promise((resolve, reject) => {
    archive.outputStream
      .pipe(createWriteStream(zip))
      .on('close', () => resolve(zip))
      .on('error', reject);
    archive.end();
  });
}

describe('passerelle rules', { timeout: 180_000 }, () => {
  it('installs the ANS kit in the home, and validate then applies it without PASSERELLE_CDA_RULES', async () => {
    const home = join(scratch, 'home');
    const before = await passerelle(home, 'rules', 'status', '--json');
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({ installed: false, version: null, compiled: false, folder: null });

    const install = await passerelle(home, 'rules', 'install', '--from', KIT_DIR);
    expect(install.stderr).toContain('Installing the rules from');
    expect(install.code).toBe(0);
    expect(install.stdout).toMatch(/Official rules installed: TestContenuCDA-3-0 \([0-9a-f]{12}\)/);

    const status = await passerelle(home, 'rules', 'status', '--json');
    const fields = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(Object.keys(fields).sort()).toEqual(['compiled', 'folder', 'installed', 'version']);
    expect(fields).toMatchObject({ installed: true, compiled: true, folder: join(home, 'rules', 'kit') });
    expect(readFileSync(join(home, 'rules', 'checksums.sha256'), 'utf8')).toMatch(
      /^[0-9a-f]{64} {2}infrastructure\/cda\/CDA_extended\.xsd$/m,
    );

    // An element the CDA schema does not allow where it stands: the schema's finding, from the installed kit.
    const example = readFileSync(join(KIT_DIR, 'ExemplesCDA', 'LDL-SES_2022.01.xml'), 'utf8');
    const broken = join(scratch, 'hors-schema.xml');
    writeFileSync(broken, example.replace(/<title>/, '<pasUnElementCda/><title>'));
    const check = await passerelle(home, 'validate', broken, '--json');
    expect(check.code).toBe(1);
    const result = JSON.parse(check.stdout) as { valid: boolean; official: boolean; findings: { rule: string }[] };
    expect(result).toMatchObject({ valid: false, official: true });
    expect(result.findings.map((f) => f.rule)).toContain('xsd');
  });

  it('names, in French and English, each file a damaged kit lacks, and installs nothing', async () => {
    const home = join(scratch, 'home-damaged');
    const kit = damagedKit('sans-jeux-de-valeurs', ['infrastructure', 'schematrons']);
    const run = await passerelle(home, 'rules', 'install', '--from', kit);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("n'est pas un kit TestContenuCDA complet de l'ANS : il y manque jeuxDeValeurs");
    expect(run.stderr).toContain('is not a complete ANS TestContenuCDA kit: jeuxDeValeurs is missing');
    const status = await passerelle(home, 'rules', 'status', '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({ installed: false });
  });

  it('reads a ZIP archive of the kit, and names what it lacks', async () => {
    const home = join(scratch, 'home-zip');
    const zip = await zipOfFiles(KIT_DIR, ['infrastructure/cda/CDA_extended.xsd'], join(scratch, 'kit.zip'));
    const run = await passerelle(home, 'rules', 'install', '--from', zip);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('schematrons/profils/IHE.sch');
    expect(run.stderr).toContain('jeuxDeValeurs');
    expect(run.stderr).not.toContain('infrastructure/cda/CDA_extended.xsd');
  });
});
