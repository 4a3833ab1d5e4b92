import { describe, expect, it } from 'vitest';

import { parseCsv } from './csv-table.js';

describe('parseCsv', () => {
  it('reads semicolon lines with quoted separators, doubled quotes and line breaks, keeping each record’s line', () => {
    const text = '\uFEFFa;b;c\r\n1;"x;y";"say ""hi"""\r\n\r\n2;"two\nlines";\r\n3;;z';
    expect(parseCsv(text)).toEqual({
      records: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['1', 'x;y', 'say "hi"'] },
        { line: 4, cells: ['2', 'two\nlines', ''] },
        { line: 6, cells: ['3', '', 'z'] },
      ],
    });
  });

  it('takes commas as the separator when the header line uses them', () => {
    expect(parseCsv('a,b\n"1,5",2\n')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1,5', '2'] },
      ],
    });
  });

  it('strips a byte-order mark from the first column’s name', () => {
    expect(parseCsv('\uFEFFfile;title\na.pdf;Lettre\n')).toEqual({
      records: [
        { line: 1, cells: ['file', 'title'] },
        { line: 2, cells: ['a.pdf', 'Lettre'] },
      ],
    });
  });

  it('counts the lines of a quoted cell spanning CRLF line ends once each, so that later records keep their line', () => {
    const text = 'a;b\r\n"first\r\nsecond\r\nthird";1\r\n\r\n"x";"say ""a;b"""\r\nlast;2\r\n';
    expect(parseCsv(text)).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['first\nsecond\nthird', '1'] },
        { line: 6, cells: ['x', 'say "a;b"'] },
        { line: 7, cells: ['last', '2'] },
      ],
    });
  });

  it('reads a file whose lines end with a lone CR, as older spreadsheets on a Mac save it', () => {
    expect(parseCsv('a;b\r1;"2\r3"\r4;5')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1', '2\n3'] },
        { line: 4, cells: ['4', '5'] },
      ],
    });
  });

  it('keeps a quote inside an unquoted cell as text, and rows shorter or longer than the header', () => {
    expect(parseCsv('a;b;c\n5" screen;x\n1;2;3;4\n')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['5" screen', 'x'] },
        { line: 3, cells: ['1', '2', '3', '4'] },
      ],
    });
  });

  it('refuses a quote that is never closed rather than swallowing the rest of the file, naming the line it opens on', () => {
    expect(parseCsv('a;b\n1;2\n\n"3;4\n5;6\n')).toEqual({
      error: { line: 4, reason: 'a quoted cell is never closed' },
    });
  });
});
