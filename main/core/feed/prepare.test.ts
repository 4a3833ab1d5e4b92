import { createHash, randomBytes } from 'node:crypto';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import { SEEDED, seededPatient, smallPdf } from '../../../test/support/batch-fixtures.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import type { ProfessionalIdentity } from '../session/credentials.js';
import { createDocumentChecker } from './document-check.js';
import { newDocumentOid, type WrapOptions } from './patient-document.js';
import { prepare, type PrepareRules } from './prepare.js';
import { documentSourceFromBytes, uploadSourceFromBytes } from './source-file.js';
import { filedBytes } from './submission.js';
import { ansExampleFor } from '../../../test/support/ans-example.js';
import { takeCdaParses } from './test-support/cda-parses.js';
import { PEM_GP } from '../../../test/support/pem-session.js';

vi.mock('../../../interop/xml/safe-parse.js', async (original) =>
  (await import('./test-support/cda-parses.js')).countingCdaParses(await original()),
);

const PATIENT: PatientIdentity = { ins: { ...seededPatient(SEEDED.adult), history: [] }, status: 'QUAL' };
/** The GP of the upload scenarios, in her cabinet. */
const AUTHOR = PEM_GP;
const wrap = (): { author: ProfessionalIdentity; options: WrapOptions } => ({
  author: AUTHOR,
  options: { typeCode: '11490-0', now: new Date('2026-11-23T17:00:00Z') },
});
const digest = (algorithm: 'sha1' | 'sha256', bytes: Buffer): string =>
  createHash(algorithm).update(bytes).digest('hex');

/** A one-page PDF of a few hundred kB: random bytes in a comment before its trailer, as compressed content looks. */
const PDF = ((): Buffer => {
  const page = smallPdf('contenu');
  const trailer = page.indexOf('\ntrailer');
  return Buffer.concat([page.subarray(0, trailer), randomBytes(300 * 1024), page.subarray(trailer)]);
})();

let rules: PrepareRules;
beforeAll(async () => {
  rules = { checker: await createDocumentChecker(undefined), maxDocumentBytes: 25 * 1024 * 1024 };
});

describe('prepare', () => {
  it('reads a PDF’s level 1 CDA once, never as one text of the whole document, and files the whole PDF', async () => {
    const source = uploadSourceFromBytes('lettre.pdf', PDF);
    takeCdaParses();
    const prepared = await prepare(
      { patient: PATIENT, source, wrap: wrap(), visibility: ['INVISIBLE_PATIENT'] },
      rules,
    );
    const parses = takeCdaParses();
    expect(parses).toHaveLength(1);
    // What was parsed is the document around the PDF's first bytes: its base64 (400 kB) was never a text.
    expect(parses[0]!.length).toBeLessThan(PDF.byteLength / 10);
    const filed = filedBytes(prepared.content);
    expect(filed.toString('latin1')).toContain(PDF.toString('base64'));
    expect(prepared.entry).toMatchObject({ hash: digest('sha1', filed), size: filed.byteLength });
    expect(prepared.entry.confidentialityCodes.map((c) => c.code)).toEqual(['N', 'INVISIBLE_PATIENT']);
    expect(prepared.sha256.toString('hex')).toBe(digest('sha256', filed));
    expect(prepared.check).toMatchObject({ valid: true, checked: { structure: true } });
  });

  it('reads a text’s CDA once', async () => {
    const source = uploadSourceFromBytes('note.txt', Buffer.from('Patiente revue ce jour : évolution favorable.'));
    takeCdaParses();
    const prepared = await prepare({ patient: PATIENT, source, wrap: wrap() }, rules);
    expect(takeCdaParses()).toHaveLength(1);
    expect(filedBytes(prepared.content).toString('utf8')).toContain(
      Buffer.from('Patiente revue ce jour : évolution favorable.').toString('base64'),
    );
  });

  it('files a CDA from another software as its very bytes, a BOM included, parsed once when its file was read', async () => {
    const cda = ansExampleFor('eP-MED-DM_2024.01_PosoStruct.xml', SEEDED.adult);
    expect(cda.subarray(0, 3).toString('hex')).toBe('efbbbf');
    takeCdaParses();
    const source = uploadSourceFromBytes('prescription.xml', cda);
    expect(takeCdaParses()).toHaveLength(1);
    const prepared = await prepare({ patient: PATIENT, source }, rules);
    expect(takeCdaParses()).toHaveLength(0);
    expect(filedBytes(prepared.content).equals(cda)).toBe(true);
    expect(prepared.entry).toMatchObject({ hash: digest('sha1', cda), size: cda.byteLength });

    // A source no one read before is parsed by the preparation, once.
    await prepare({ patient: PATIENT, source: documentSourceFromBytes('prescription.xml', cda) }, rules);
    expect(takeCdaParses()).toHaveLength(1);
  });

  it('refuses, on its one reading, a document about someone else or under another id than the queued one', async () => {
    const other: PatientIdentity = { ins: { ...seededPatient(SEEDED.lunar), history: [] }, status: 'QUAL' };
    const source = uploadSourceFromBytes('lettre.pdf', PDF);
    const cda = uploadSourceFromBytes(
      'prescription.xml',
      ansExampleFor('eP-MED-DM_2024.01_PosoStruct.xml', SEEDED.adult),
    );
    takeCdaParses();
    await expect(prepare({ patient: other, source: cda }, rules)).rejects.toMatchObject({
      code: 'IDENTITY_TRAITS_MISMATCH',
    });
    const id = { root: newDocumentOid() };
    const queued = { patient: PATIENT, source, wrap: { ...wrap(), options: { ...wrap().options, id } } };
    await expect(prepare({ ...queued, uniqueId: newDocumentOid() }, rules)).rejects.toMatchObject({
      code: 'STORED_DATA_CORRUPT',
    });
    await expect(prepare({ ...queued, uniqueId: id.root }, rules)).resolves.toMatchObject({
      entry: { uniqueId: id.root },
    });
    expect(takeCdaParses()).toHaveLength(2);
    await expect(prepare({ patient: PATIENT, source }, rules)).rejects.toMatchObject({
      code: 'DOCUMENT_TYPE_REQUIRED',
    });
  });
});
