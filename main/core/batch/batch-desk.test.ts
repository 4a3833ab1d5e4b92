import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ErrorBodySchema } from '../../../api/errors/index.js';
import { createCore } from '../router/create-core.js';
import { pdfBytes } from '../queue/test-support/queue-fixtures.js';
import { openWorkstation } from '../workstation/workstation.js';
import { HomeBatchDesk } from './batch-desk.js';
import {
  lineFor,
  SEEDED,
  writeEstablishment,
  writeManifest,
  type ManifestLine,
} from '../../../test/support/batch-fixtures.js';
import { TEST_APP_INFO } from '../router/test-support/app-info.js';

const info = TEST_APP_INFO;

const post = (path: string, body: unknown): Request =>
  new Request(`http://127.0.0.1${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

/** The batch desk over a workstation without cards, behind the core. */
function coreOf(home: string) {
  const workstation = openWorkstation({ home, environment: {}, version: '9.9.9' });
  const batch = new HomeBatchDesk(workstation);
  return {
    core: createCore({ info, batch }),
    close: async () => {
      await batch.close();
      workstation.close();
    },
  };
}

/** A home with the establishment's settings, and a day's folder: a small PDF for each of `pdfs`, and `manifest.csv`. */
function dayFolder(pdfs: readonly string[], lines: readonly ManifestLine[]): { home: string; folder: string } {
  const home = mkdtempSync(join(tmpdir(), 'passerelle-batch-desk-'));
  writeEstablishment(home);
  const folder = mkdtempSync(join(tmpdir(), 'passerelle-batch-desk-folder-'));
  for (const file of pdfs) writeFileSync(join(folder, file), pdfBytes(file.replace(/\.pdf$/, '')));
  writeManifest(folder, 'manifest.csv', lines);
  return { home, folder };
}

describe('the batch methods over the home batch desk', () => {
  it('answers every batch method without establishment.json with the error naming the file and the README section', async () => {
    const home = mkdtempSync(join(tmpdir(), 'passerelle-batch-desk-'));
    const { core, close } = coreOf(home);
    const requests: [string, unknown][] = [
      ['batch.status', {}],
      ['batch.item', { id: 'x' }],
      ['batch.import', { source: { kind: 'path', path: home } }],
      ['batch.start', { pin: '1234' }],
      ['batch.run', { pin: '1234' }],
      ['batch.pause', {}],
      ['batch.resume', {}],
      ['batch.retry', {}],
      ['batch.cancel', {}],
      ['batch.report', {}],
    ];
    for (const [method, body] of requests) {
      const response = await core.handle(post(`/api/${method}`, body));
      const error = ErrorBodySchema.parse(await response.json());
      expect(error.code, method).toBe('ESTABLISHMENT_SETTINGS_MISSING');
      expect(error.message.fr).toContain(join(home, 'establishment.json'));
      expect(error.message.en).toContain('Hospital batch');
    }
    await close();
  });

  it('imports staged files, counts them, publishes the progress and reports them as CSV', async () => {
    const { home, folder } = dayFolder(
      ['a.pdf'],
      [lineFor(SEEDED.adult, 'a.pdf'), lineFor(SEEDED.lunar, 'absent.pdf')],
    );
    const { core, close } = coreOf(home);
    const progress: unknown[] = [];
    const imports: unknown[] = [];
    core.events.subscribe(({ event }) => {
      if (event.type === 'queue.progress') progress.push(event);
      if (event.type === 'queue.imported') imports.push(event);
    });
    const stage = async (name: string, bytes: Buffer): Promise<string> => {
      const response = await core.handle(
        new Request('http://127.0.0.1/api/files', {
          method: 'POST',
          body: bytes,
          headers: { 'content-type': 'application/octet-stream', 'x-file-name': name },
        }),
      );
      return ((await response.json()) as { fileId: string }).fileId;
    };
    const fileIds = [
      await stage('manifest.csv', readFileSync(join(folder, 'manifest.csv'))),
      await stage('a.pdf', pdfBytes('a')),
    ];
    const imported = (await (
      await core.handle(post('/api/batch.import', { source: { kind: 'staged', fileIds } }))
    ).json()) as {
      queued: unknown[];
      toFix: { file: string; reason: { code: string } }[];
    };
    expect(imported.queued).toHaveLength(1);
    expect(imported.toFix.map((t) => [t.file, t.reason.code])).toEqual([['absent.pdf', 'FILE_NOT_FOUND']]);
    // Every window hears of the import, with what is to fix and why: no patient, no content.
    expect(imports).toEqual([
      {
        type: 'queue.imported',
        queued: 1,
        duplicates: 0,
        toFix: [{ file: 'absent.pdf', reason: expect.objectContaining({ code: 'FILE_NOT_FOUND' }) as unknown }],
      },
    ]);
    const status = (await (await core.handle(post('/api/batch.status', {}))).json()) as {
      counts: Record<string, number>;
      items: { patient: string; state: string }[];
      toFix: unknown[];
    };
    expect(status.counts).toMatchObject({ queued: 1, toFix: 1, total: 2 });
    // No more of the patient than the command's status shows: the INS's last digits.
    expect(status.items).toMatchObject([{ patient: '…3496', state: 'queued' }]);
    expect(status.toFix).toHaveLength(1);
    expect(progress.at(-1)).toEqual({ type: 'queue.progress', done: 0, failed: 0, total: 1 });
    const report = (await (await core.handle(post('/api/batch.report', { language: 'en' }))).json()) as {
      csv: string;
      rows: number;
    };
    expect(report.rows).toBe(2);
    expect(report.csv.split('\r\n')[0]).toBe(
      '\uFEFFfile;manifest;line;patient_ins;patient_name;type;type_label;state;state_code;attempts;platform_reference;error_code;error',
    );
    await close();
  });

  it('shows one item with its history, lists the states asked for, and withdraws every item not yet sent', async () => {
    const { home, folder } = dayFolder(
      ['a.pdf', 'b.pdf'],
      [lineFor(SEEDED.adult, 'a.pdf'), lineFor(SEEDED.lunar, 'b.pdf'), lineFor(SEEDED.lunar, 'absent.pdf')],
    );
    const { core, close } = coreOf(home);
    const { queued } = await core.invoke('batch.import', { source: { kind: 'path', path: folder } });
    const item = await core.invoke('batch.item', { id: queued[0]!.id });
    expect(item).toMatchObject({ id: queued[0]!.id, state: 'queued', file: 'a.pdf', attempts: 0, history: [] });
    expect(item.documentId).toMatch(/^[\d.]+$/);
    const toFix = await core.invoke('batch.status', { states: ['to-fix'] });
    expect(toFix.items.map((listed) => listed.file)).toEqual(['absent.pdf']);
    // Without ids, what the window's "withdraw" means: every item not yet sent, none to fix.
    expect(await core.invoke('batch.cancel', {})).toEqual({ cancelled: 2, refused: [] });
    expect((await core.invoke('batch.status', {})).counts).toMatchObject({ queued: 0, cancelled: 2, toFix: 1 });
    await close();
  });

  it('refuses to send without a card deck, once the settings are read', async () => {
    const home = mkdtempSync(join(tmpdir(), 'passerelle-batch-desk-'));
    writeEstablishment(home);
    const { core, close } = coreOf(home);
    await expect(core.invoke('batch.run', { pin: '1234' })).rejects.toMatchObject({ code: 'CARDS_UNAVAILABLE' });
    expect((await core.invoke('batch.status', {})).running).toBe(false);
    await close();
  });
});
