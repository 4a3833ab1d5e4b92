/** One record of a CSV file and the line of the file it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * Reads CSV text as RFC 4180 says (quoted cells may hold separators, quotes doubled, line breaks), with what
 * spreadsheets add: a UTF-8 byte-order mark, CRLF or LF line ends, and `;` as the separator (French
 * spreadsheets) or `,` — whichever the header line uses. Blank lines are skipped. Returns undefined when a
 * quote is never closed, which would otherwise swallow the rest of the file silently.
 */
export function parseCsv(text: string): CsvRecord[] | undefined {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const headerEnd = body.search(/\r?\n/);
  const header = headerEnd === -1 ? body : body.slice(0, headerEnd);
  const separator = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
      continue;
    }
    if (char === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
    } else if (char === separator) {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (char === '\n' || (char === '\r' && body[i + 1] === '\n')) {
      if (char === '\r') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += char;
      cellStarted = true;
    }
  }
  if (quoted) return undefined;
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
