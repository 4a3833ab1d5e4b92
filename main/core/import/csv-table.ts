import { CsvError, parse } from 'csv-parse/sync';

/** One record of a CSV file and the line of the file it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A CSV text read whole, or where and why it could not be. */
export type CsvReading =
  { readonly records: readonly CsvRecord[] } | { readonly error: { readonly line: number; readonly reason: string } };

/**
 * Reads CSV text (`csv-parse`: RFC 4180 quoting, quotes doubled, line breaks inside quoted cells) with what
 * spreadsheets add: a UTF-8 byte-order mark, CRLF, LF or CR line ends, and `;` as the separator (French
 * spreadsheets) or `,` — whichever the header line uses more. Blank lines are skipped; rows may have fewer or
 * more cells than the header. A quote that is never closed is an error naming the line where its record
 * starts, rather than the rest of the file swallowed into one cell.
 */
export function parseCsv(text: string): CsvReading {
  // One kind of line end first: the parser counts a CRLF inside a quoted cell as two lines, and the line
  // numbers are what the "to fix" list shows.
  const body = text.replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let lastLine = 0;
  try {
    parse(body, {
      bom: true,
      delimiter: separatorOf(body),
      record_delimiter: '\n',
      relax_column_count: true,
      // A quote inside an unquoted cell (`5" screen`) is text, as spreadsheets read it.
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (cells: string[], { lines }) => {
        // `lines` is where the record ends; a quoted cell may have spanned several.
        records.push({ line: lines - cells.reduce((n, cell) => n + lineBreaks(cell), 0), cells });
        lastLine = lines;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The parser's own message is not given: some quote the cell, which may be a name or a NIR.
    const reason =
      error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed' : `unreadable (${error.code})`;
    return { error: { line: nextRecordLine(body, lastLine), reason } };
  }
  return { records };
}

/** The separator the header line uses more (`;` when as many or none): the rule `docs/batch-manifest.md` states. */
function separatorOf(body: string): ';' | ',' {
  const end = body.indexOf('\n');
  const header = end === -1 ? body : body.slice(0, end);
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function lineBreaks(cell: string): number {
  return cell.match(/\n/g)?.length ?? 0;
}

/** The line (from 1) of the first non-blank line after line `after`: where the record that failed starts. */
function nextRecordLine(body: string, after: number): number {
  const lines = body.split('\n');
  let index = after;
  while (index < lines.length - 1 && lines[index] === '') index += 1;
  return index + 1;
}
