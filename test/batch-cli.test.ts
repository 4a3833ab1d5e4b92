import { chmodSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { queuePath } from '../main/core/batch/batch-uploader.js';
import { ESTABLISHMENT_FILE } from '../main/core/batch/establishment-settings.js';
import { ORG_PIN, runCli, startCli } from './support/batch-cli.js';
import {
  ESTABLISHMENT,
  SEEDED,
  lineFor,
  smallPdf,
  writeEstablishment,
  writeManifest,
  type ManifestLine,
} from './support/batch-fixtures.js';
import { prepareBatchHome, storedCopies, type BatchHome } from './support/batch-home.js';

/**
 * `passerelle batch …` as a secretary's script runs it (issue 7 §4 and §5): bad items listed "to fix" with their
 * reason while the batch goes on, the report, retry, pause and resume, cancel, the settings checked before the
 * PIN is asked, and a queue folder that cannot be written.
 */
let batch: BatchHome;
const LIMIT = 20_000;

beforeAll(async () => {
  batch = await prepareBatchHome('batch-cli');
  writeFileSync(join(batch.home, 'settings.json'), JSON.stringify({ maxDocumentBytes: LIMIT }));
}, 180_000);
afterAll(async () => batch.platform.dispose());

const cli = (args: string[], stdin = '', prefix: string[] = []) =>
  runCli(['batch', ...args, '--home', batch.home], batch.env, stdin, prefix);

interface Listed {
  readonly id: string;
  readonly state: string;
  readonly file: string;
  readonly documentId?: string;
  readonly error?: { code: string; details: Record<string, unknown>; fr: string; en: string };
}

/** Each bad line, and what the import must say about it. */
const BAD: readonly (readonly [string, Buffer, ManifestLine, string])[] = [
  [
    'provisoire.pdf',
    smallPdf('prov'),
    lineFor(SEEDED.adult, 'provisoire.pdf', { identity_status: 'PROV' }),
    'INS_NOT_QUALIFIED',
  ],
  ['sexe.pdf', smallPdf('sexe'), lineFor(SEEDED.adult, 'sexe.pdf', { sex: 'M' }), 'IDENTITY_TRAITS_MISMATCH'],
  [
    'cle.pdf',
    smallPdf('cle'),
    lineFor(SEEDED.adult, 'cle.pdf', { ins_matricule: '285057511203497' }),
    'INS_KEY_INVALID',
  ],
  ['type.pdf', smallPdf('type'), lineFor(SEEDED.adult, 'type.pdf', { type_code: '99999-9' }), 'DOCUMENT_TYPE_UNKNOWN'],
  ['texte.pdf', Buffer.from('Ceci n’est pas un PDF.\n'), lineFor(SEEDED.adult, 'texte.pdf'), 'PDF_INVALID'],
  ['vide.pdf', Buffer.alloc(0), lineFor(SEEDED.adult, 'vide.pdf'), 'DOCUMENT_FILE_EMPTY'],
  [
    'enorme.pdf',
    Buffer.concat([smallPdf('big'), Buffer.alloc(LIMIT, 0x20)]),
    lineFor(SEEDED.adult, 'enorme.pdf'),
    'DOCUMENT_TOO_LARGE',
  ],
];
const GOOD: readonly (readonly [string, ManifestLine])[] = [
  ['lettre.pdf', lineFor(SEEDED.adult, 'lettre.pdf')],
  ['compte-rendu.pdf', lineFor(SEEDED.adult, 'compte-rendu.pdf', { type_code: '34112-3', hidden_from_patient: 'oui' })],
  ['biologie.pdf', lineFor(SEEDED.lunar, 'biologie.pdf', { type_code: '11502-2' })],
  // Right as far as the import can tell; refused by the platform (traits not the INS's, record closed).
  ['prenom.pdf', lineFor(SEEDED.father, 'prenom.pdf', { first_names: 'BRUNA' })],
  ['ferme.pdf', lineFor(SEEDED.closed, 'ferme.pdf')],
];

const folder = mkdtempSync(join(tmpdir(), 'passerelle-cli-batch-'));
for (const [file, bytes] of BAD) writeFileSync(join(folder, file), bytes);
for (const [file] of GOOD) writeFileSync(join(folder, file), smallPdf(file));
writeManifest(folder, 'manifest.csv', [...GOOD.map(([, line]) => line), ...BAD.map(([, , line]) => line)]);

let items: Listed[] = [];
const byFile = (file: string): Listed => items.find((item) => item.file === file)!;

describe('passerelle batch', () => {
  it('lists each bad item to fix with its reason, files the others, and goes on', async () => {
    const imported = await cli(['import', folder, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout) as {
      queued: unknown[];
      toFix: { file: string; line: number; reason: { code: string; fr: string } }[];
    };
    expect(result.queued).toHaveLength(GOOD.length);
    expect(Object.fromEntries(result.toFix.map((entry) => [entry.file, entry.reason.code]))).toEqual(
      Object.fromEntries(BAD.map(([file, , , code]) => [file, code])),
    );
    for (const entry of result.toFix) expect(entry.reason.fr.length).toBeGreaterThan(10);
    // Imported twice, queued once; each bad line keeps its one entry.
    const again = await cli(['import', folder, '--json']);
    const second = JSON.parse(again.stdout) as { queued: unknown[]; duplicates: unknown[]; toFix: unknown[] };
    expect(second.queued).toEqual([]);
    expect(second.duplicates).toHaveLength(GOOD.length);
    expect(second.toFix).toHaveLength(BAD.length);
    expect(JSON.parse((await cli(['status', '--json'])).stdout)).toMatchObject({
      counts: { total: GOOD.length + BAD.length },
    });

    const run = await cli(['run', '--pin-stdin', '--json'], ORG_PIN);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { counts: Record<string, number> }).counts).toMatchObject({
      sent: 3,
      toFix: BAD.length + 1,
      failedFinal: 1,
      queued: 0,
    });

    const status = await cli(['status', '--all', '--json']);
    expect(status.code, status.stderr).toBe(0);
    items = (JSON.parse(status.stdout) as { items: Listed[] }).items;
    expect(byFile('prenom.pdf')).toMatchObject({
      state: 'to-fix',
      error: { code: 'XDS_REQUEST_REFUSED', details: { errorCode: 'INS_NON_QUALIFIE' } },
    });
    expect(byFile('ferme.pdf')).toMatchObject({
      state: 'failed-final',
      error: { code: 'XDS_REQUEST_REFUSED', details: { errorCode: 'DMP_FERME' } },
    });
    for (const [file] of GOOD.slice(0, 3)) expect(byFile(file).state).toBe('sent');
    expect([
      ...storedCopies(
        batch.platform,
        GOOD.slice(0, 3).map(([file]) => byFile(file).documentId!),
      ).values(),
    ]).toEqual([1, 1, 1]);
    // The listing names files and reasons, never a patient: it may end up in a log.
    for (const secret of ['MARTIN-FICTIF', 'JEANNE', SEEDED.adult, SEEDED.lunar])
      expect(status.stdout).not.toContain(secret);

    const report = join(folder, 'rapport.csv');
    const written = await cli(['report', '--out', report]);
    expect(written.code, written.stderr).toBe(0);
    const lines = readFileSync(report, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]!.startsWith('\uFEFFfichier;')).toBe(true);
    expect(lines).toHaveLength(1 + GOOD.length + BAD.length);
    expect(lines.find((line) => line.startsWith('lettre.pdf;'))).toContain(
      `;déposé;sent;1;${byFile('lettre.pdf').documentId};`,
    );
    expect(lines.find((line) => line.startsWith('vide.pdf;'))).toContain('DOCUMENT_FILE_EMPTY');
  }, 240_000);

  it('retries a failed item under its id, pauses and resumes every process, and cancels only what is not filed', async () => {
    const closed = byFile('ferme.pdf');
    const retried = await cli(['retry', '--json']);
    expect(retried.code, retried.stderr).toBe(0);
    expect(JSON.parse(retried.stdout)).toMatchObject({ requeued: 1 });

    expect((await cli(['pause'])).code).toBe(0);
    const paused = await cli(['run', '--pin-stdin', '--json'], ORG_PIN);
    expect(paused.code, paused.stderr).toBe(0);
    expect(JSON.parse(paused.stdout)).toMatchObject({ paused: true, counts: { queued: 1 }, submissions: 0 });

    const cancelled = await cli(['cancel', closed.id, byFile('lettre.pdf').id, '--json']);
    expect(cancelled.code).toBe(1);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({
      cancelled: 1,
      refused: [{ id: byFile('lettre.pdf').id, reason: { code: 'QUEUE_ITEM_ALREADY_SENT' } }],
    });
    expect(cancelled.stderr).toContain('déjà déposé');

    const resumed = await cli(['resume']);
    expect(resumed.code).toBe(0);
    const status = await cli(['status', closed.id, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      id: closed.id,
      state: 'cancelled',
      documentId: closed.documentId,
      history: [{ outcome: 'final' }],
    });
  }, 120_000);

  it('checks the establishment settings before asking for the PIN, naming the file or the field', async () => {
    const path = join(batch.home, ESTABLISHMENT_FILE);
    renameSync(path, `${path}.saved`);
    try {
      // No --pin-stdin and no terminal: had the PIN been asked first, the error would be PIN_REQUIRED.
      const missing = await cli(['run']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`${ESTABLISHMENT_FILE} est absent`);
      writeEstablishment(batch.home, { ...ESTABLISHMENT, siteFiness: '750000027' });
      const mismatch = await cli(['run', '--pin-stdin'], ORG_PIN);
      expect(mismatch.code).toBe(1);
      expect(mismatch.stderr).toContain('Le champ « siteFiness »');
      expect(mismatch.stderr).toContain('(750000027) n’est pas le FINESS du certificat');
      expect(mismatch.stderr).toContain('The field “siteFiness”');
    } finally {
      renameSync(`${path}.saved`, path);
    }
  }, 120_000);

  it('says plainly that the queue folder cannot be written, and loses nothing', async () => {
    const more = mkdtempSync(join(tmpdir(), 'passerelle-cli-more-'));
    writeFileSync(join(more, 'suite.pdf'), smallPdf('suite'));
    writeManifest(more, 'manifest.csv', [lineFor(SEEDED.corsican, 'suite.pdf')]);
    const queueFolder = join(queuePath(batch.home), '..');
    const files = readdirSync(queueFolder);
    // Root writes anywhere: the process then runs without the capability that lets it ignore permissions.
    const unprivileged =
      process.getuid?.() === 0 ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'] : [];
    for (const file of files) chmodSync(join(queueFolder, file), 0o400);
    chmodSync(queueFolder, 0o500);
    try {
      for (const args of [
        ['import', more],
        ['run', '--pin-stdin'],
      ]) {
        const refused = await cli(args, ORG_PIN, unprivileged);
        expect(refused.code, refused.stderr).toBe(1);
        expect(refused.stderr).toContain('ne peut pas être écrite');
        expect(refused.stderr).toContain('rien n’a été perdu');
        expect(refused.stderr).toContain('nothing was lost');
      }
    } finally {
      chmodSync(queueFolder, 0o700);
      for (const file of files) chmodSync(join(queueFolder, file), 0o600);
    }
    const status = await cli(['status', '--all', '--json']);
    expect((JSON.parse(status.stdout) as { items: Listed[] }).items.map((item) => [item.id, item.state])).toEqual(
      items.map((item) => [item.id, item.id === byFile('ferme.pdf').id ? 'cancelled' : item.state]),
    );
    expect(JSON.parse((await cli(['import', more, '--json'])).stdout)).toMatchObject({
      queued: [{ file: 'suite.pdf' }],
    });
    const run = await cli(['run', '--pin-stdin', '--json'], ORG_PIN);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ counts: { sent: 4, queued: 0 } });
  }, 180_000);

  it('with --watch, imports what lands in the folder and sends it, until stopped', async () => {
    const watched = mkdtempSync(join(tmpdir(), 'passerelle-cli-watched-'));
    const { child, done } = startCli(
      ['batch', 'run', '--watch', watched, '--pin-stdin', '--json', '--home', batch.home],
      batch.env,
      ORG_PIN,
    );
    let exited = false;
    void done.then(() => (exited = true));
    // The hospital's export arrives while the worker runs: documents first, the manifest last.
    await delay(3_000);
    writeFileSync(join(watched, 'garde-1.pdf'), smallPdf('garde-1'));
    writeFileSync(join(watched, 'garde-2.pdf'), smallPdf('garde-2'));
    writeManifest(watched, 'manifest.csv', [
      lineFor(SEEDED.unconscious, 'garde-1.pdf', { type_code: '15507-7' }),
      lineFor(SEEDED.unconscious, 'garde-2.pdf', { type_code: '11490-0' }),
    ]);
    const filed = (): number =>
      batch.platform.documents.documents
        .versionsOf(SEEDED.unconscious)
        .filter((d) => d.submittedBy === '1750000019' && ['15507-7', '11490-0'].includes(d.entry.typeCode.code)).length;
    for (let i = 0; i < 600 && !exited && filed() < 2; i += 1) await delay(100);
    expect(exited).toBe(false);
    expect(filed()).toBe(2);
    child.kill('SIGTERM');
    const run = await done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Arrêt demandé');
    expect(JSON.parse(run.stdout)).toMatchObject({ counts: { queued: 0, sending: 0 } });
  }, 120_000);
});
