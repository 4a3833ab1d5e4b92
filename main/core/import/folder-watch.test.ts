import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { pdfBytes, queueHome } from '../queue/test-support/queue-fixtures.js';
import type { ImportResult } from './folder-import.js';
import { watchFolder } from './folder-watch.js';

const HEADER =
  'file;ins_matricule;ins_oid;identity_status;birth_name;first_names;sex;birth_date;birth_place;type_code;author_id;service_start';
const line = (file: string): string =>
  `${file};285057511203496;1.2.250.1.213.1.4.10;QUAL;MARTIN-FICTIF;JEANNE;F;1985-05-12;75112;11490-0;810100000001;2026-11-20`;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (condition()) return;
    await delay(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('watchFolder', () => {
  it('imports what is there, then each document as it arrives, whatever the order of manifest and file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'passerelle-watch-'));
    writeFileSync(join(folder, 'first.pdf'), pdfBytes('first'));
    writeFileSync(join(folder, 'jour-1.csv'), [HEADER, line('first.pdf')].join('\n'));
    const queue = queueHome().open();
    const results: ImportResult[] = [];
    const errors: unknown[] = [];
    const watching = await watchFolder(queue, folder, {
      settleMs: 60,
      onImport: (r) => results.push(r),
      onError: (e) => errors.push(e),
    });
    try {
      await until(() => queue.counts().queued === 1, 'the initial import');

      // The document first: "to fix" (nothing describes it yet)…
      writeFileSync(join(folder, 'second.pdf'), pdfBytes('second'));
      await until(() => queue.counts()['to-fix'] === 1, 'the undescribed document');
      // …then its manifest: queued, and the "to fix" entry gone.
      writeFileSync(join(folder, 'jour-2.csv'), [HEADER, line('second.pdf')].join('\n'));
      await until(() => queue.counts().queued === 2 && queue.counts()['to-fix'] === 0, 'the second document');
      await watching.settled();

      // A scratch file does not start an import.
      const imports = results.length;
      writeFileSync(join(folder, 'export.csv.tmp'), 'half written');
      await delay(300);
      expect(results.length).toBe(imports);
      expect(queue.counts()).toMatchObject({ queued: 2, 'to-fix': 0, total: 3 });
      expect(errors).toEqual([]);
    } finally {
      await watching.close();
      queue.close();
    }
  });

  it('watches the folder where it really is, and neither follows nor watches a link leading out of it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'passerelle-watch-outside-'));
    writeFileSync(join(outside, 'dehors.pdf'), pdfBytes('dehors'));
    const real = mkdtempSync(join(tmpdir(), 'passerelle-watch-real-'));
    symlinkSync(outside, join(real, 'partage'));
    writeFileSync(join(real, 'a.pdf'), pdfBytes('a'));
    writeFileSync(join(real, 'jour.csv'), [HEADER, line('a.pdf'), line('partage/dehors.pdf')].join('\n'));
    // The folder is named through a link of its own, as a mounted share often is.
    const named = join(mkdtempSync(join(tmpdir(), 'passerelle-watch-named-')), 'lot');
    symlinkSync(real, named);
    const queue = queueHome().open();
    const results: ImportResult[] = [];
    const watching = await watchFolder(queue, named, { settleMs: 60, onImport: (r) => results.push(r) });
    try {
      await until(() => results.length > 0, 'the initial import');
      await watching.settled();
      expect(queue.list({ states: ['queued'] }).map((i) => i.description.source.file)).toEqual(['a.pdf']);
      expect(queue.list({ states: ['to-fix'] }).map((i) => i.error?.code)).toEqual(['IMPORT_LINK_OUTSIDE_FOLDER']);
      // What changes outside, behind the link, is none of the batch's business.
      const imports = results.length;
      writeFileSync(join(outside, 'dehors-2.pdf'), pdfBytes('dehors-2'));
      await delay(300);
      expect(results.length).toBe(imports);
      // What lands in the folder itself is imported.
      writeFileSync(join(real, 'b.pdf'), pdfBytes('b'));
      await until(() => queue.counts()['to-fix'] === 2, 'the new document');
    } finally {
      await watching.close();
      queue.close();
    }
  });
});
