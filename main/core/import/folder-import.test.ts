import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildUnstructuredCda } from '../../../interop/cda/index.js';
import { SAMPLE_HEADER } from '../../../interop/cda/sample-input.js';
import { pdfBytes, queueHome } from '../queue/test-support/queue-fixtures.js';
import { importFiles, importFolder, importManifest } from './folder-import.js';

const HEADER =
  'file;ins_matricule;ins_oid;identity_status;birth_name;first_names;sex;birth_date;birth_place;type_code;title;author_id;service_start;service_end;hidden_from_patient;hidden_from_legal_representatives;masked_from_professionals';

const GOOD = {
  file: 'cr.pdf',
  ins_matricule: '285057511203496',
  ins_oid: '1.2.250.1.213.1.4.10',
  identity_status: 'QUAL',
  birth_name: 'MARTIN-FICTIF',
  first_names: 'JEANNE LOUISE',
  sex: 'F',
  birth_date: '1985-05-12',
  birth_place: '75112',
  type_code: '11490-0',
  title: '',
  author_id: '810100000001',
  service_start: '2026-11-20',
  service_end: '2026-11-23',
  hidden_from_patient: 'non',
  hidden_from_legal_representatives: '',
  masked_from_professionals: '',
};
type Line = Partial<Record<keyof typeof GOOD, string>>;

const csvLine = (line: Line): string =>
  HEADER.split(';')
    .map((column) => line[column as keyof typeof GOOD] ?? GOOD[column as keyof typeof GOOD])
    .join(';');

function batchFolder(files: Readonly<Record<string, string | Buffer>>): string {
  const folder = mkdtempSync(join(tmpdir(), 'passerelle-batch-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  return folder;
}

const cda = (overrides: { typeCode?: string; birthName?: string; text?: string } = {}): string =>
  buildUnstructuredCda({
    header: {
      ...SAMPLE_HEADER,
      patient: { ...SAMPLE_HEADER.patient, birthName: overrides.birthName ?? SAMPLE_HEADER.patient.birthName },
    },
    typeCode: overrides.typeCode ?? '11488-4',
    body: { kind: 'text', text: overrides.text ?? 'Consultation fictive.' },
  });

/** The sample CDA's patient, as a manifest line states her. */
const CDA_PATIENT: Line = {
  ins_matricule: '277076322082910',
  birth_name: 'PATIENT',
  first_names: 'ZOÉ MARIE',
  sex: 'F',
  birth_date: '1977-07-01',
  birth_place: '63220',
  type_code: '11488-4',
};

describe('importManifest', () => {
  it('queues the good lines and lists each bad one "to fix" with its own reason, the batch going on', async () => {
    const lines: [string, Line, { code: string; details: Record<string, unknown> } | undefined][] = [
      ['good-1', { file: 'good-1.pdf' }, undefined],
      ['good-2', { file: 'sub/good-2.pdf', type_code: '34112-3', hidden_from_patient: 'oui' }, undefined],
      [
        'unqualified',
        { file: 'unqualified.pdf', identity_status: 'PROV' },
        { code: 'INS_NOT_QUALIFIED', details: { line: 4, status: 'PROV' } },
      ],
      [
        'nir-key',
        { file: 'nir-key.pdf', ins_matricule: '285057511203497' },
        { code: 'INS_KEY_INVALID', details: { line: 5 } },
      ],
      [
        'type',
        { file: 'type.pdf', type_code: '99999-9' },
        { code: 'DOCUMENT_TYPE_UNKNOWN', details: { line: 6, code: '99999-9' } },
      ],
      ['not-pdf', { file: 'not-pdf.pdf' }, { code: 'PDF_INVALID', details: { file: 'not-pdf.pdf' } }],
      ['empty', { file: 'empty.pdf' }, { code: 'DOCUMENT_FILE_EMPTY', details: { file: 'empty.pdf' } }],
      ['large', { file: 'large.pdf' }, { code: 'DOCUMENT_TOO_LARGE', details: { file: 'large.pdf', limit: 4096 } }],
      [
        'traits',
        { file: 'traits.pdf', sex: 'M' },
        { code: 'IDENTITY_TRAITS_MISMATCH', details: { line: 10, trait: 'le sexe / the sex' } },
      ],
      ['missing', { file: 'missing.pdf' }, { code: 'FILE_NOT_FOUND', details: { path: 'missing.pdf' } }],
      [
        'dates',
        { file: 'dates.pdf', service_end: '2026-11-01' },
        { code: 'SERVICE_DATES_INVERTED', details: { line: 12 } },
      ],
      ['outside', { file: '../outside.pdf' }, { code: 'IMPORT_FILE_OUTSIDE_FOLDER', details: { line: 13 } }],
      [
        'no-name',
        { file: 'no-name.pdf', birth_name: ' ' },
        { code: 'MANIFEST_FIELD_MISSING', details: { line: 14, field: 'birth_name' } },
      ],
      [
        'bad-date',
        { file: 'bad-date.pdf', birth_date: '1985-02-30' },
        { code: 'MANIFEST_DATE_INVALID', details: { line: 15, field: 'birth_date' } },
      ],
      ['oid', { file: 'oid.pdf', ins_oid: '1.2.3' }, { code: 'INS_OID_INVALID', details: { line: 16 } }],
      [
        'flag',
        { file: 'flag.pdf', masked_from_professionals: 'peut-être' },
        { code: 'MANIFEST_FLAG_INVALID', details: { line: 17, field: 'masked_from_professionals' } },
      ],
      ['author', { file: 'author.pdf', author_id: '12345' }, { code: 'AUTHOR_ID_INVALID', details: { line: 18 } }],
    ];
    const files: Record<string, string | Buffer> = {
      'manifest.csv': [HEADER, ...lines.map(([, line]) => csvLine(line))].join('\r\n'),
    };
    for (const [name, line] of lines) files[line.file!.replace('../', '')] = pdfBytes(name);
    files['not-pdf.pdf'] = 'this is plain text';
    files['empty.pdf'] = '';
    files['large.pdf'] = Buffer.concat([pdfBytes('large'), Buffer.alloc(5000, 32)]);
    delete files['missing.pdf'];
    const folder = batchFolder(files);
    const queue = queueHome().open();

    const result = await importManifest(queue, join(folder, 'manifest.csv'), { maxDocumentBytes: 4096 });

    expect(result.queued.map((q) => [q.file, q.line])).toEqual([
      ['good-1.pdf', 2],
      ['good-2.pdf', 3],
    ]);
    expect(result.duplicates).toEqual([]);
    const expected = lines.flatMap(([, line, error]) => (error ? [[line.file!.split('/').pop(), error] as const] : []));
    expect(result.toFix).toHaveLength(expected.length);
    result.toFix.forEach((entry, index) => {
      const [file, error] = expected[index]!;
      expect(entry.file).toBe(file);
      expect(entry.error).toMatchObject(error);
    });
    // The same list, kept in the queue with the line, for the UI and the report.
    expect(queue.list({ states: ['to-fix'] }).map((i) => [i.description.source.line, i.error?.code])).toEqual(
      result.toFix.map((t) => [t.line, t.error.code]),
    );
    const good2 = queue.item(result.queued[1]!.id).description.document!;
    expect(good2).toMatchObject({
      kind: 'pdf',
      typeCode: '34112-3',
      visibility: { hiddenFromPatient: true, hiddenFromLegalRepresentatives: false, maskedFromProfessionals: false },
    });
    expect(good2.patient.traits).toEqual({
      birthName: 'MARTIN-FICTIF',
      firstNames: ['JEANNE', 'LOUISE'],
      sex: 'F',
      birthDate: '1985-05-12',
      birthPlace: '75112',
    });
    queue.close();
  });

  it('queues a file imported twice once, and keeps a single "to fix" entry per bad line', async () => {
    const folder = batchFolder({
      'manifest.csv': [
        HEADER,
        csvLine({ file: 'a.pdf' }),
        csvLine({ file: 'b.pdf', ins_matricule: '285057511203497' }),
      ].join('\n'),
      'a.pdf': pdfBytes('a'),
      'b.pdf': pdfBytes('b'),
    });
    const queue = queueHome().open();
    const first = await importManifest(queue, join(folder, 'manifest.csv'));
    const second = await importManifest(queue, join(folder, 'manifest.csv'));
    expect(first.queued).toHaveLength(1);
    expect(second.queued).toEqual([]);
    expect(second.duplicates).toEqual([{ id: first.queued[0]!.id, file: 'a.pdf', manifest: 'manifest.csv', line: 2 }]);
    expect(queue.counts()).toMatchObject({ queued: 1, 'to-fix': 1 });
    queue.close();
  });

  it('reads a spreadsheet’s export: byte-order mark, CRLF, a quoted title holding the separator, quotes and a line break', async () => {
    const folder = batchFolder({
      'manifest.csv': `\uFEFF${[
        HEADER,
        csvLine({ file: 'a.pdf', title: '"Lettre de sortie; ""J+1""\r\nservice B"' }),
        csvLine({ file: 'b.pdf', ins_matricule: '285057511203497' }),
      ].join('\r\n')}\r\n`,
      'a.pdf': pdfBytes('a'),
      'b.pdf': pdfBytes('b'),
    });
    const queue = queueHome().open();
    const result = await importManifest(queue, join(folder, 'manifest.csv'));
    expect(result.queued.map((q) => [q.file, q.line])).toEqual([['a.pdf', 2]]);
    expect(queue.item(result.queued[0]!.id).description.document?.title).toBe('Lettre de sortie; "J+1"\nservice B');
    // The title's two lines count: the next record starts on line 4.
    expect(result.toFix.map((t) => [t.file, t.error])).toEqual([
      ['b.pdf', { code: 'INS_KEY_INVALID', details: { line: 4 } }],
    ]);
    queue.close();
  });

  it('refuses a manifest whose quote is never closed, naming the line where it opens', async () => {
    const folder = batchFolder({
      'open.csv': [HEADER, csvLine({ file: 'a.pdf' }), csvLine({ file: 'b.pdf', title: '"never closed' })].join('\n'),
      'a.pdf': pdfBytes('a'),
    });
    const queue = queueHome().open();
    await expect(importManifest(queue, join(folder, 'open.csv'))).rejects.toMatchObject({
      code: 'MANIFEST_FORMAT_INVALID',
      details: { file: 'open.csv', reason: 'line 3: a quoted cell is never closed' },
    });
    expect(queue.counts().total).toBe(0);
    queue.close();
  });

  it('takes a corrected line in place of its "to fix" entry', async () => {
    const bad = [HEADER, csvLine({ file: 'a.pdf', identity_status: 'VALI' })].join('\n');
    const folder = batchFolder({ 'manifest.csv': bad, 'a.pdf': pdfBytes('a') });
    const queue = queueHome().open();
    await importManifest(queue, join(folder, 'manifest.csv'));
    expect(queue.counts()['to-fix']).toBe(1);
    writeFileSync(join(folder, 'manifest.csv'), [HEADER, csvLine({ file: 'a.pdf' })].join('\n'));
    await importManifest(queue, join(folder, 'manifest.csv'));
    expect(queue.counts()).toMatchObject({ queued: 1, 'to-fix': 0, cancelled: 1 });
    queue.close();
  });

  it('reads the same fields from a JSON manifest, naming fields by their JSON path and entries by position', async () => {
    const patient = {
      insMatricule: '285057511203496',
      insOid: '1.2.250.1.213.1.4.10',
      identityStatus: 'QUAL',
      birthName: 'MARTIN-FICTIF',
      firstNames: ['JEANNE', 'LOUISE'],
      sex: 'F',
      birthDate: '1985-05-12',
      birthPlace: '75112',
    };
    const manifest = {
      version: 1,
      documents: [
        {
          file: 'a.pdf',
          patient,
          typeCode: '11490-0',
          authorId: '810100000001',
          authorFamilyName: 'MEDECIN-FICTIF',
          authorGivenName: 'Alice',
          serviceStart: '2026-11-20T08:00:00+01:00',
          maskedFromProfessionals: true,
        },
        {
          file: 'b.pdf',
          patient: { ...patient, sex: 'X' },
          typeCode: '11490-0',
          authorId: '810100000001',
          serviceStart: '2026-11-20',
        },
        'not an object',
        {
          file: 'c.pdf',
          patient,
          typeCode: '11490-0',
          authorId: '810100000001',
          authorFamilyName: 'SEUL',
          serviceStart: '2026-11-20',
        },
      ],
    };
    const folder = batchFolder({
      'lot.json': JSON.stringify(manifest),
      'a.pdf': pdfBytes('a'),
      'b.pdf': pdfBytes('b'),
      'c.pdf': pdfBytes('c'),
    });
    const queue = queueHome().open();
    const result = await importManifest(queue, join(folder, 'lot.json'));
    expect(result.queued).toHaveLength(1);
    expect(queue.item(result.queued[0]!.id).description.document).toMatchObject({
      service: { start: '2026-11-20T08:00:00+01:00' },
      visibility: { maskedFromProfessionals: true },
      authorName: { familyName: 'MEDECIN-FICTIF', givenName: 'Alice' },
    });
    expect(result.toFix.map((t) => t.error)).toEqual([
      { code: 'MANIFEST_FIELD_INVALID', details: { line: 2, field: 'patient.sex' } },
      { code: 'MANIFEST_FIELD_INVALID', details: { line: 3, field: 'document' } },
      { code: 'MANIFEST_FIELD_MISSING', details: { line: 4, field: 'authorGivenName' } },
    ]);
    queue.close();
  });

  it('refuses a manifest it cannot read as a whole, naming the file and what is wrong', async () => {
    const folder = batchFolder({
      'bad.csv': 'file;colour\na.pdf;blue\n',
      'bad.json': '{"docs": []}',
      'broken.json': '{',
    });
    const queue = queueHome().open();
    await expect(importManifest(queue, join(folder, 'bad.csv'))).rejects.toMatchObject({
      code: 'MANIFEST_FORMAT_INVALID',
      details: { file: 'bad.csv', reason: 'unknown column "colour"' },
    });
    await expect(importManifest(queue, join(folder, 'bad.json'))).rejects.toMatchObject({
      code: 'MANIFEST_FORMAT_INVALID',
      details: { file: 'bad.json' },
    });
    await expect(importManifest(queue, join(folder, 'broken.json'))).rejects.toMatchObject({
      code: 'MANIFEST_FORMAT_INVALID',
      details: { reason: 'not JSON' },
    });
    await expect(importManifest(queue, join(folder, 'none.csv'))).rejects.toMatchObject({
      code: 'MANIFEST_UNREADABLE',
      details: { reason: 'ENOENT' },
    });
    expect(queue.counts().total).toBe(0);
    queue.close();
  });

  it('keeps a CDA’s own ids and checks its header against the line: patient, traits, type', async () => {
    const folder = batchFolder({
      'manifest.csv': [
        HEADER,
        csvLine({ ...CDA_PATIENT, file: 'ok.xml' }),
        csvLine({ ...CDA_PATIENT, file: 'other-patient.xml' }),
        csvLine({ ...CDA_PATIENT, file: 'other-type.xml', type_code: '11490-0' }),
        csvLine({ ...CDA_PATIENT, file: 'same-id.xml' }),
      ].join('\n'),
      'ok.xml': cda(),
      'other-patient.xml': cda({ birthName: 'AUTRE' }),
      'other-type.xml': cda(),
      'same-id.xml': cda({ text: 'Une autre consultation, sous le même identifiant.' }),
    });
    const queue = queueHome().open();
    const result = await importManifest(queue, join(folder, 'manifest.csv'));
    expect(result.queued).toHaveLength(1);
    const group = queue.claim()!;
    expect(group.items[0]).toMatchObject({
      documentId: '1.2.250.1.999.1.1.2^DOC-0001',
      setId: '1.2.250.1.999.1.1.2^DOC-0001',
      document: { kind: 'cda' },
    });
    expect(group.items[0]!.effectiveTime).toEqual(new Date('2024-03-05T10:15:00Z'));
    expect(group.items[0]!.content.toString('utf8')).toBe(cda().toString());
    expect(result.toFix.map((t) => [t.file, t.error.code])).toEqual([
      ['other-patient.xml', 'IDENTITY_TRAITS_MISMATCH'],
      ['other-type.xml', 'DOCUMENT_TYPE_DIFFERS'],
      ['same-id.xml', 'QUEUE_DOCUMENT_ID_TAKEN'],
    ]);
    queue.close();
  });
});

describe('importFolder', () => {
  it('imports every manifest and sidecar of a folder and lists the documents nothing describes', async () => {
    const sidecarPatient = {
      insMatricule: '285057511203496',
      insOid: '1.2.250.1.213.1.4.10',
      identityStatus: 'QUAL',
      birthName: 'MARTIN-FICTIF',
      firstNames: 'JEANNE',
      sex: 'F',
      birthDate: '1985-05-12',
      birthPlace: '75112',
    };
    const folder = batchFolder({
      'jour.csv': [HEADER, csvLine({ file: 'a.pdf' })].join('\n'),
      'b.pdf': pdfBytes('b'),
      'b.pdf.json': JSON.stringify({
        patient: sidecarPatient,
        typeCode: '11490-0',
        authorId: '810100000001',
        serviceStart: '2026-11-20',
      }),
      'c.pdf': pdfBytes('c'),
      'c.pdf.json': '{ nope',
      'a.pdf': pdfBytes('a'),
      'orphan.pdf': pdfBytes('orphan'),
      'broken.csv': 'file;"unclosed\n',
    });
    const queue = queueHome().open();
    const result = await importFolder(queue, folder);
    expect(result.queued.map((q) => [q.file, q.manifest])).toEqual([
      ['a.pdf', 'jour.csv'],
      ['b.pdf', 'b.pdf.json'],
    ]);
    expect(result.toFix.map((t) => [t.file, t.error.code])).toEqual([
      ['broken.csv', 'MANIFEST_FORMAT_INVALID'],
      ['c.pdf', 'MANIFEST_FORMAT_INVALID'],
      ['orphan.pdf', 'IMPORT_DOCUMENT_UNDESCRIBED'],
    ]);
    // Imported again once the manifest is repaired: nothing twice, the manifest's entry gone from the list.
    writeFileSync(join(folder, 'broken.csv'), HEADER);
    const again = await importFolder(queue, folder);
    expect(again.queued).toEqual([]);
    expect(again.duplicates).toHaveLength(2);
    expect(
      queue
        .list({ states: ['to-fix'] })
        .map((i) => i.description.source.file)
        .sort(),
    ).toEqual(['c.pdf', 'orphan.pdf']);
    queue.close();
  });

  it('follows no link out of the batch folder: a file, a folder, a manifest or a sidecar linked from elsewhere is listed "to fix", naming it', async () => {
    const outside = batchFolder({
      'secret.pdf': pdfBytes('secret'),
      'dossier/cr.pdf': pdfBytes('dossier'),
      'ailleurs.csv': [HEADER, csvLine({ file: 'a.pdf' })].join('\n'),
      'compagnon.json': JSON.stringify({ typeCode: '11490-0' }),
    });
    const folder = batchFolder({
      'jour.csv': [
        HEADER,
        csvLine({ file: 'a.pdf' }),
        csvLine({ file: 'lien.pdf' }),
        csvLine({ file: 'dossier-lien/cr.pdf' }),
        csvLine({ file: 'interne.pdf' }),
      ].join('\n'),
      'a.pdf': pdfBytes('a'),
      'vrai/interne.pdf': pdfBytes('interne'),
      'b.pdf': pdfBytes('b'),
    });
    symlinkSync(join(outside, 'secret.pdf'), join(folder, 'lien.pdf'));
    symlinkSync(join(outside, 'dossier'), join(folder, 'dossier-lien'));
    symlinkSync(join(outside, 'ailleurs.csv'), join(folder, 'lien.csv'));
    symlinkSync(join(outside, 'compagnon.json'), join(folder, 'b.pdf.json'));
    symlinkSync(join(outside, 'secret.pdf'), join(folder, 'orphelin.pdf'));
    // A link that stays inside the folder is followed.
    symlinkSync(join(folder, 'vrai', 'interne.pdf'), join(folder, 'interne.pdf'));
    const queue = queueHome().open();

    const result = await importFolder(queue, folder);

    expect(result.queued.map((q) => q.file)).toEqual(['a.pdf', 'interne.pdf']);
    expect(result.toFix.map((t) => [t.file, t.error])).toEqual([
      ['lien.pdf', { code: 'IMPORT_LINK_OUTSIDE_FOLDER', details: { line: 3, file: 'lien.pdf' } }],
      ['cr.pdf', { code: 'IMPORT_LINK_OUTSIDE_FOLDER', details: { line: 4, file: 'dossier-lien/cr.pdf' } }],
      ['lien.csv', { code: 'IMPORT_LINK_OUTSIDE_FOLDER', details: { file: 'lien.csv' } }],
      ['b.pdf', { code: 'IMPORT_LINK_OUTSIDE_FOLDER', details: { file: 'b.pdf.json' } }],
      ['orphelin.pdf', { code: 'IMPORT_LINK_OUTSIDE_FOLDER', details: { file: 'orphelin.pdf' } }],
    ]);
    // Nothing read through a link reaches the queue, not even in a reason.
    for (const item of queue.list({ states: ['to-fix', 'queued'] }))
      expect(JSON.stringify(item)).not.toContain(outside);
    // A manifest named directly, itself a link to elsewhere, is refused as a whole.
    await expect(importManifest(queue, join(folder, 'lien.csv'))).rejects.toMatchObject({
      code: 'IMPORT_LINK_OUTSIDE_FOLDER',
      details: { file: 'lien.csv' },
    });
    expect(queue.counts()).toMatchObject({ queued: 2 });
    queue.close();
  });

  it('queues the documented examples as they are', async () => {
    const examples = join(import.meta.dirname, '..', '..', '..', 'docs', 'examples');
    const copy = mkdtempSync(join(tmpdir(), 'passerelle-examples-'));
    mkdirSync(join(copy, 'batch'));
    for (const name of readdirSync(join(examples, 'batch')))
      copyFileSync(join(examples, 'batch', name), join(copy, 'batch', name));
    copyFileSync(join(examples, 'manifest.json'), join(copy, 'manifest.json'));
    const queue = queueHome().open();
    const folder = await importFolder(queue, join(copy, 'batch'));
    expect(folder.toFix).toEqual([]);
    expect(folder.queued.map((q) => q.file).sort()).toEqual([
      'cr-biologie-lune.pdf',
      'cr-hospitalisation-martin.pdf',
      'cr-urgences-urgence.pdf',
      'lettre-liaison-martin.pdf',
    ]);
    // The JSON example names the same two documents of the same stay: already queued.
    const json = await importManifest(queue, join(copy, 'manifest.json'));
    expect(json.toFix).toEqual([]);
    expect(json.duplicates).toHaveLength(2);
    // Mme MARTIN-FICTIF's letter and report: one stay, one submission set.
    expect(queue.claim({ maxItems: 10 })!.items.map((i) => i.document.typeCode)).toEqual(['11490-0', '34112-3']);
    queue.close();
  });
});

describe('importFiles', () => {
  it('imports a dropped folder from memory as from disk: manifest lines, bad lines, undescribed and non-PDF files', async () => {
    const files = {
      'jour.csv': Buffer.from(
        [
          HEADER,
          csvLine({ file: 'a.pdf' }),
          csvLine({ file: 'b.pdf', ins_matricule: '285057511203497' }),
          csvLine({ file: 'fake.pdf', ins_matricule: '285057511203496' }),
          csvLine({ file: 'missing.pdf' }),
        ].join('\n'),
      ),
      'a.pdf': pdfBytes('a'),
      'b.pdf': pdfBytes('b'),
      'fake.pdf': Buffer.from('not a PDF at all'),
      'notes.docx': Buffer.from('ignored: not a document kind'),
      'orphan.pdf': pdfBytes('orphan'),
    };
    const queue = queueHome().open();
    const result = await importFiles(
      queue,
      Object.entries(files).map(([name, bytes]) => ({ name, bytes })),
    );
    expect(result.queued.map((q) => [q.file, q.manifest, q.line])).toEqual([['a.pdf', 'jour.csv', 2]]);
    expect(result.toFix.map((t) => [t.file, t.error.code])).toEqual([
      ['b.pdf', 'INS_KEY_INVALID'],
      ['fake.pdf', 'PDF_INVALID'],
      ['missing.pdf', 'FILE_NOT_FOUND'],
      ['orphan.pdf', 'IMPORT_DOCUMENT_UNDESCRIBED'],
    ]);
    queue.close();
  });

  it('refuses two dropped files of the same name, naming it', async () => {
    const queue = queueHome().open();
    await expect(
      importFiles(queue, [
        { name: 'a/jour.csv', bytes: Buffer.from(HEADER) },
        { name: 'b/jour.csv', bytes: Buffer.from(HEADER) },
      ]),
    ).rejects.toMatchObject({ code: 'IMPORT_FILE_TWICE', details: { file: 'jour.csv' } });
    queue.close();
  });
});
