import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../../api/errors/index.js';
import { readDocumentSource } from './source-file.js';

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
  if (/\/Encrypt[\s/<]/.test(text)) return 'PDF_ENCRYPTED';
  if (!/\/Type\s*\/Page(?![a-zA-Z])/.test(text) && !text.includes('/ObjStm')) return 'PDF_EMPTY';
  return 'ok';
}

const pdf = (body: string): Buffer => Buffer.from(`%PDF-1.4\n${body}`, 'latin1');

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
