import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../support/batch-cli.js';
import { lineFor, SEEDED, smallPdf, writeEstablishment, writeManifest } from '../support/batch-fixtures.js';

/**
 * What a batch folder can make `passerelle batch import` do, as an attacker who writes to the hospital's export
 * share would try it, and what a secretary's script reads from its exit status.
 */
const home = mkdtempSync(join(tmpdir(), 'passerelle-batch-inputs-'));
// Every batch command works for an establishment: its settings come first, as in the window.
writeEstablishment(home);
const env = { ...process.env, PASSERELLE_HOME: home, PASSERELLE_PKCS11_MODULE: undefined };
const cli = (args: readonly string[]) => runCli(['batch', ...args, '--home', home], env);

interface Imported {
  readonly queued: { file: string }[];
  readonly duplicates: { file: string }[];
  readonly toFix: {
    file: string;
    line?: number;
    reason: { code: string; details: Record<string, unknown>; fr: string; en: string };
  }[];
}

describe('batch import', () => {
  it('queues no file reached through a link leading outside the batch folder, file or folder, names each, and queues the rest', async () => {
    // Elsewhere on the disk: a patient's document of another service, and a folder of them.
    const elsewhere = mkdtempSync(join(tmpdir(), 'passerelle-elsewhere-'));
    writeFileSync(join(elsewhere, 'autre-service.pdf'), smallPdf('autre-service'));
    mkdirSync(join(elsewhere, 'archives'));
    writeFileSync(join(elsewhere, 'archives', 'cr-ancien.pdf'), smallPdf('cr-ancien'));

    const folder = mkdtempSync(join(tmpdir(), 'passerelle-linked-batch-'));
    writeFileSync(join(folder, 'lettre.pdf'), smallPdf('lettre'));
    symlinkSync(join(elsewhere, 'autre-service.pdf'), join(folder, 'lien.pdf'));
    symlinkSync(join(elsewhere, 'archives'), join(folder, 'archives'));
    writeManifest(folder, 'manifest.csv', [
      lineFor(SEEDED.adult, 'lettre.pdf'),
      lineFor(SEEDED.adult, 'lien.pdf'),
      lineFor(SEEDED.adult, 'archives/cr-ancien.pdf', { type_code: '34112-3' }),
    ]);

    const run = await cli(['import', folder, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as Imported;
    expect(result.queued.map((q) => q.file)).toEqual(['lettre.pdf']);
    expect(result.toFix.map((t) => [t.file, t.line, t.reason.code, t.reason.details.file])).toEqual([
      ['lien.pdf', 3, 'IMPORT_LINK_OUTSIDE_FOLDER', 'lien.pdf'],
      ['cr-ancien.pdf', 4, 'IMPORT_LINK_OUTSIDE_FOLDER', 'archives/cr-ancien.pdf'],
    ]);
    expect(result.toFix[1]!.reason.fr).toContain('archives/cr-ancien.pdf est un lien');
    expect(result.toFix[1]!.reason.en).toContain('archives/cr-ancien.pdf is a link');
    // Nothing says where the links lead.
    expect(run.stdout).not.toContain(elsewhere);

    // The queue holds the one good document and nothing else to send.
    const status = await cli(['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ counts: { queued: 1, toFix: 2 } });
  }, 60_000);

  it('fails (exit 1) when every line is to fix and nothing was queued, and says so; succeeds when something is queued or already was', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'passerelle-all-bad-'));
    writeFileSync(join(folder, 'provisoire.pdf'), smallPdf('provisoire'));
    writeFileSync(join(folder, 'vide.pdf'), Buffer.alloc(0));
    writeManifest(folder, 'manifest.csv', [
      lineFor(SEEDED.lunar, 'provisoire.pdf', { identity_status: 'PROV' }),
      lineFor(SEEDED.lunar, 'vide.pdf'),
    ]);
    const json = await cli(['import', folder, '--json']);
    expect(json.code).toBe(1);
    // The same JSON document as on success, and nothing else on standard output.
    const result = JSON.parse(json.stdout) as Imported;
    expect(result.queued).toEqual([]);
    expect(result.toFix.map((t) => t.reason.code)).toEqual(['INS_NOT_QUALIFIED', 'DOCUMENT_FILE_EMPTY']);
    expect(Object.keys(result)).toEqual(['queued', 'duplicates', 'toFix']);
    expect(json.stderr).toContain('Aucun document n’a été mis en file');
    expect(json.stderr).toContain('No document was queued');
    const text = await cli(['import', folder]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Importé : 0 mis en file');
    expect(text.stdout).toContain('Imported: 0 queued');

    // One good line beside the bad ones: something is on its way, the import succeeded.
    writeFileSync(join(folder, 'lettre.pdf'), smallPdf('lettre-lune'));
    writeManifest(folder, 'manifest.csv', [
      lineFor(SEEDED.lunar, 'provisoire.pdf', { identity_status: 'PROV' }),
      lineFor(SEEDED.lunar, 'vide.pdf'),
      lineFor(SEEDED.lunar, 'lettre.pdf'),
    ]);
    const some = await cli(['import', folder, '--json']);
    expect(some.code, some.stderr).toBe(0);
    expect((JSON.parse(some.stdout) as Imported).queued.map((q) => q.file)).toEqual(['lettre.pdf']);
    // Imported again: the good one already queued, the same lines to fix — the same outcome as the first time.
    const again = await cli(['import', folder, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as Imported).duplicates.map((q) => q.file)).toEqual(['lettre.pdf']);

    // A folder with nothing to import is not a failure either.
    const empty = await cli(['import', mkdtempSync(join(tmpdir(), 'passerelle-empty-batch-'))]);
    expect(empty.code, empty.stderr).toBe(0);
  }, 60_000);
});
