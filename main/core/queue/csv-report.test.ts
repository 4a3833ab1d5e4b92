import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { parse } from 'csv-parse/sync';

import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import { writeCsvReport } from './csv-report.js';
import { OCTAVE, ZEPHIRINE, itemFor, queueHome } from './test-support/queue-fixtures.js';

describe('CSV report', () => {
  it('has one line per item with the patient, type, state, and the platform’s reference or the error in words', async () => {
    const home = queueHome();
    const queue = home.open();
    const filed = queue.enqueue({
      ...itemFor(ZEPHIRINE, 'filed'),
      source: { file: 'cr-1.pdf', manifest: 'lot.csv', line: 2 },
    }) as { id: string };
    const closed = queue.enqueue({
      ...itemFor(OCTAVE, 'closed', { typeCode: '34112-3' }),
      source: { file: 'cr-2.pdf', manifest: 'lot.csv', line: 3 },
    }) as { id: string };
    queue.recordToFix({
      source: { file: 'cr-3.pdf', manifest: 'lot.csv', line: 4 },
      error: { code: 'INS_KEY_INVALID', details: { line: 4 } },
      raw: {
        patient: { insMatricule: '280036311301299', birthName: '=HYPERLINK("x")', firstNames: ['A', 'B'] },
        typeCode: '11490-0',
      },
    });
    for (let group = queue.claim(); group; group = queue.claim()) {
      queue.complete(
        group.claimId,
        new Map(
          group.items.map((i) => [
            i.id,
            i.id === filed.id
              ? { kind: 'sent' as const, reference: 'REF-1' }
              : { kind: 'failed' as const, error: new PasserelleError('RECORD_CLOSED', { since: ' (2026-01-01)' }) },
          ]),
        ),
      );
    }
    expect(closed.id).toBeDefined();
    const out = join(home.home, 'rapport.csv');
    expect(await writeCsvReport(queue, out)).toEqual({ rows: 3 });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'fichier;manifeste;ligne;patient_ins;patient_nom;type;type_libelle;etat;code_etat;tentatives;reference_plateforme;code_erreur;erreur',
    );
    expect(lines[1]).toBe(
      `cr-1.pdf;lot.csv;2;${ZEPHIRINE.matricule};ZEPHIRINE-TESTPATIENTE ALBERTINE ROSE;11490-0;Lettre de liaison à la sortie d'un établissement de soins;déposé;sent;1;REF-1;;`,
    );
    expect(lines[2]).toBe(
      `cr-2.pdf;lot.csv;3;${OCTAVE.matricule};OCTAVE-TESTPATIENT LUCIEN;34112-3;CR hospitalier (séjour);en échec;failed-final;1;;RECORD_CLOSED;Le dossier médical partagé de ce patient est fermé (2026-01-01).`,
    );
    expect(lines[3]).toBe(
      `cr-3.pdf;lot.csv;4;280036311301299;"'=HYPERLINK(""x"") A B";11490-0;Lettre de liaison à la sortie d'un établissement de soins;à corriger;to-fix;0;;INS_KEY_INVALID;La clé du matricule INS est fausse (erreur de saisie probable). Rien n’a été mis en file.`,
    );
    expect(lines[4]).toBe('');
    queue.close();
  });

  it('writes its headers and messages in English when asked', async () => {
    const home = queueHome();
    const queue = home.open();
    queue.recordToFix({
      source: { file: 'x.pdf' },
      error: { code: 'INS_NOT_QUALIFIED', details: { line: 2, status: 'PROV' } },
    });
    const out = join(home.home, 'report.csv');
    await writeCsvReport(queue, out, 'en');
    const lines = readFileSync(out, 'utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(
      /^file;manifest;line;patient_ins;patient_name;type;type_label;state;state_code;attempts;platform_reference;error_code;error$/,
    );
    expect(lines[1]).toBe(
      'x.pdf;;;;;;;to fix;to-fix;0;;INS_NOT_QUALIFIED;"The patient’s identity is not qualified (status PROV); only a qualified INS (QUAL) may feed the record."',
    );
    queue.close();
  });

  it('quotes separators, quotes and line breaks, and defuses formulas, so that a spreadsheet reads back each cell', async () => {
    const home = queueHome();
    const queue = home.open();
    queue.recordToFix({
      source: { file: 'a;b.pdf', manifest: 'say "hi".csv', line: 2 },
      error: { code: 'INS_KEY_INVALID', details: { line: 2 } },
      raw: { patient: { insMatricule: '=1+1', birthName: 'TWO\nLINES', firstNames: ['-A', '@B'] } },
    });
    const out = join(home.home, 'rapport.csv');
    await writeCsvReport(queue, out);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[1]).toBe(
      `"a;b.pdf";"say ""hi"".csv";2;'=1+1;"TWO\nLINES -A @B";;;à corriger;to-fix;0;;INS_KEY_INVALID;La clé du matricule INS est fausse (erreur de saisie probable). Rien n’a été mis en file.`,
    );
    const [, row] = parse(text, { bom: true, delimiter: ';', relax_column_count: true });
    expect(row!.slice(0, 5)).toEqual(['a;b.pdf', 'say "hi".csv', '2', "'=1+1", 'TWO\nLINES -A @B']);
    queue.close();
  });

  it('writes a report to a stream it leaves open, header first even when the queue is empty', async () => {
    const queue = queueHome().open();
    const chunks: Buffer[] = [];
    const sink = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
    expect(await writeCsvReport(queue, sink, 'en')).toEqual({ rows: 0 });
    expect(sink.writableEnded).toBe(false);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      '\uFEFFfile;manifest;line;patient_ins;patient_name;type;type_label;state;state_code;attempts;platform_reference;error_code;error\r\n',
    );
    queue.close();
  });
});
