import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import { KIT_DIR } from '../../../interop/cda-validation/test-support/rules.js';
import { smallPdf } from '../../../test/support/batch-fixtures.js';
import { documentSourceFromBytes, readDocumentSource, readUploadSource } from './source-file.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-source-'));
let files = 0;

/** The outcome of reading `content` as a PDF: the error code, or 'ok'. */
async function verdict(content: Buffer): Promise<string> {
  const path = join(dir, `f${(files += 1)}.pdf`);
  writeFileSync(path, content);
  try {
    await readDocumentSource(path);
    return 'ok';
  } catch (error) {
    if (isPasserelleError(error)) return error.code;
    throw error;
  }
}

/** What the checks said when they read the file as Latin-1 text with regular expressions. */
function textVerdict(content: Buffer): string {
  const text = content.toString('latin1');
  if (!text.startsWith('%PDF-')) return 'PDF_INVALID';
  if (!text.slice(-1024).includes('%%EOF')) return 'PDF_DAMAGED';
  if (/\/Encrypt[\s/<]/.test(text)) return 'PDF_ENCRYPTED';
  if (!/\/Type\s*\/Page(?![a-zA-Z])/.test(text) && !text.includes('/ObjStm')) return 'PDF_EMPTY';
  return 'ok';
}

/**
 * A PDF whose body ends the file: its end-of-file marker first, since readers look for it in the last 1024
 * bytes only and some writers leave bytes after it. The checks then see the body up to the very last byte.
 */
const pdf = (body: string): Buffer => Buffer.from(`%PDF-1.4\n%%EOF\n${body}`, 'latin1');

describe('the PDF checks on the bytes read', () => {
  it.each([
    ['a page', '3 0 obj << /Type /Page /Parent 2 0 R >> endobj', 'ok'],
    ['a page without space, at the very end', '3 0 obj <</Type/Page', 'ok'],
    ['a page after line breaks and a no-break space', '<< /Type\r\n\u00a0\t/Page>>', 'ok'],
    ['only the page tree', '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj', 'PDF_EMPTY'],
    ['a page type spelt differently', '<< /Type /PageLabel >> << /Type /Catalog >>', 'PDF_EMPTY'],
    ['pages in an object stream', '<< /Type /ObjStm /N 3 >>', 'ok'],
    ['an encryption dictionary', '/Type /Page trailer << /Encrypt 9 0 R >>', 'PDF_ENCRYPTED'],
    ['an encryption dictionary inline', '/Type /Page trailer <</Encrypt<</Filter/Standard>>>>', 'PDF_ENCRYPTED'],
    ['EncryptMetadata alone', '/Type /Page << /EncryptMetadata false >>', 'ok'],
    ['/Encrypt at the very end', '/Type /Page /Encrypt', 'ok'],
  ])('%s', async (_name, body, expected) => {
    const content = pdf(body);
    expect(await verdict(content)).toBe(expected);
    expect(textVerdict(content)).toBe(expected);
  });

  it('agrees with the former text search on random soups of PDF tokens and bytes', async () => {
    const tokens = [
      '/Type',
      '/Page',
      '/Pages',
      '/Encrypt',
      '/ObjStm',
      ' ',
      '\n',
      '\u00a0',
      '\u0085',
      '/',
      '<',
      '<<',
      'M',
      's',
      '0',
      '\u00ff',
      '%',
    ];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i += 1) {
      const body = Array.from({ length: 1 + next(12) }, () => tokens[next(tokens.length)]).join('');
      const content = pdf(body);
      expect(await verdict(content), JSON.stringify(body)).toBe(textVerdict(content));
    }
  });
});

describe('a damaged PDF', () => {
  const ONE_PAGE_PDF = smallPdf('complete');

  it('is reported as damaged, not as a PDF without a page, wherever a copy was cut', async () => {
    const end = ONE_PAGE_PDF.lastIndexOf('%%EOF');
    // Every cut that loses the end-of-file marker, from just after the header to just before the marker's end.
    for (let length = 6; length < end + 5; length += 7) {
      expect(await verdict(ONE_PAGE_PDF.subarray(0, length)), `cut at ${length}`).toBe('PDF_DAMAGED');
    }
    expect(await verdict(ONE_PAGE_PDF.subarray(0, Math.floor(ONE_PAGE_PDF.byteLength / 2)))).toBe('PDF_DAMAGED');
  });

  it('is reported as damaged when the end-of-file marker is further from the end than readers look', async () => {
    expect(await verdict(Buffer.concat([ONE_PAGE_PDF, Buffer.alloc(1025, 0x20)]))).toBe('PDF_DAMAGED');
  });

  it('is not damaged for a few bytes after its end-of-file marker', async () => {
    expect(await verdict(ONE_PAGE_PDF)).toBe('ok');
    expect(await verdict(Buffer.concat([ONE_PAGE_PDF, Buffer.alloc(1000, 0x20)]))).toBe('ok');
  });

  it('names the file and says it is damaged or incomplete, in French and in English', () => {
    let error: unknown;
    try {
      documentSourceFromBytes('compte-rendu.pdf', ONE_PAGE_PDF.subarray(0, 40));
    } catch (caught) {
      error = caught;
    }
    if (!isPasserelleError(error, 'PDF_DAMAGED')) throw new Error(`not PDF_DAMAGED: ${String(error)}`);
    expect(error.messageIn('fr')).toContain('Le PDF compte-rendu.pdf est endommagé ou incomplet');
    expect(error.messageIn('en')).toContain('The PDF compte-rendu.pdf is damaged or incomplete');
  });
});

describe('a CDA from another software', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const cda = Buffer.concat([
    BOM,
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?>\r\n<ClinicalDocument xmlns="urn:hl7-org:v3">é</ClinicalDocument>\r\n',
    ),
  ]);

  it('keeps the bytes it came in, byte-order mark included, beside its text', async () => {
    const source = documentSourceFromBytes('lettre.xml', cda);
    expect(source).toMatchObject({ kind: 'cda', file: 'lettre.xml' });
    if (source.kind !== 'cda') throw new Error('not a CDA');
    expect(source.bytes.equals(cda)).toBe(true);
    expect(source.xml.startsWith('<?xml')).toBe(true);

    const path = join(dir, 'lettre.xml');
    writeFileSync(path, cda);
    const read = await readDocumentSource(path);
    expect(read.kind === 'cda' && read.bytes.equals(cda)).toBe(true);
  });

  it('keeps them when its header is read before filing', async () => {
    const example = readFileSync(join(KIT_DIR, 'ExemplesCDA', 'eP-MED-DM_2024.01_PosoStruct.xml'));
    expect(example.subarray(0, 3).equals(BOM)).toBe(true);
    const path = join(dir, 'prescription.xml');
    writeFileSync(path, example);
    const source = await readUploadSource(path);
    expect(source.kind === 'cda' && source.bytes.equals(example)).toBe(true);
  });
});
