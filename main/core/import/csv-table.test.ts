import { describe, expect, it } from 'vitest';

import { parseCsv } from './csv-table.js';

describe('parseCsv', () => {
  it('reads semicolon lines with quoted separators, doubled quotes and line breaks, keeping each record’s line', () => {
    const text = '\uFEFFa;b;c\r\n1;"x;y";"say ""hi"""\r\n\r\n2;"two\nlines";\r\n3;;z';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x;y', 'say "hi"'] },
      { line: 4, cells: ['2', 'two\nlines', ''] },
      { line: 6, cells: ['3', '', 'z'] },
    ]);
  });

  it('takes commas as the separator when the header line uses them', () => {
    expect(parseCsv('a,b\n"1,5",2\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1,5', '2'] },
    ]);
  });

  it('refuses a quote that is never closed rather than swallowing the rest of the file', () => {
    expect(parseCsv('a;b\n"1;2\n3;4\n')).toBeUndefined();
  });
});
