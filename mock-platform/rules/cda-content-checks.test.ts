import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { buildUnstructuredCdaBytes, checkCdaStructure, readCdaHeader } from '../../interop/cda/index.js';
import { SAMPLE_HEADER } from '../../interop/cda/sample-input.js';
import { checkedCdaText } from './cda-content-checks.js';

const pdf = (size: number): Uint8Array<ArrayBuffer> =>
  new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), randomBytes(size)]));

describe('the text the content checks read', () => {
  it('is a level 1 CDA with its base64 body cut short, on which the rules find what they find on the whole', () => {
    const content = pdf(300 * 1024);
    const bytes = buildUnstructuredCdaBytes({
      header: SAMPLE_HEADER,
      typeCode: '11488-4',
      body: { kind: 'pdf', content },
    });
    const whole = bytes.toString('utf8');
    const base64 = Buffer.from(content).toString('base64');
    const text = checkedCdaText(bytes);
    expect(text).toBe(whole.replace(base64, base64.slice(0, 64)));
    expect(readCdaHeader(text)).toEqual(readCdaHeader(whole));
    expect(checkCdaStructure(text)).toEqual(checkCdaStructure(whole));
  });

  it('keeps whole a body not declared base64, and a run holding any other character', () => {
    const narrative = Buffer.from(
      `<ClinicalDocument><text mediaType="text/plain">${'Vu ce jour '.repeat(20)}</text></ClinicalDocument>`,
    );
    expect(checkedCdaText(narrative)).toBe(narrative.toString('utf8'));
    const mixed = Buffer.from(
      `<ClinicalDocument><text representation="B64">${'QUJD'.repeat(40)}&amp;${'QUJD'.repeat(40)}</text></ClinicalDocument>`,
    );
    expect(checkedCdaText(mixed)).toBe(mixed.toString('utf8'));
    const markup = Buffer.from(
      `<ClinicalDocument><text representation="B64"><${'QUJD'.repeat(40)}</text></ClinicalDocument>`,
    );
    expect(checkedCdaText(markup)).toBe(markup.toString('utf8'));
    const accented = Buffer.from(
      `<ClinicalDocument><text representation="B64">${'QUJD'.repeat(40)}é${'QUJD'.repeat(40)}</text></ClinicalDocument>`,
    );
    expect(checkedCdaText(accented)).toBe(accented.toString('utf8'));
  });

  it('cuts a base64 run only when each of its bytes is base64 or white space, wherever the byte and the run lie', () => {
    const allowed = new Set(
      Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n', 'latin1'),
    );
    const open = Buffer.from('<ClinicalDocument><text representation="B64">', 'latin1');
    const close = Buffer.from('</text></ClinicalDocument>', 'latin1');
    const run = Buffer.from('QUJD'.repeat(30), 'latin1');
    for (const shift of [0, 1, 2, 3]) {
      for (const at of [0, 1, 2, 3, 5, 66, run.length - 1]) {
        for (let byte = 0; byte < 256; byte += 1) {
          const changed = Buffer.from(run);
          changed[at] = byte;
          // Shifted in its memory, so that the run starts at each alignment a word-wise reading meets.
          const bytes = Buffer.concat([Buffer.alloc(shift), open, changed, close]).subarray(shift);
          const cut = checkedCdaText(bytes) !== bytes.toString('utf8');
          expect(cut, `byte ${byte} at ${at}, shifted ${shift}`).toBe(allowed.has(byte));
        }
      }
    }
  });
});
