import { PasserelleError } from '../../api/errors/index.js';

/** What the scanner finds, in order: a part's headers, pieces of its body, its end. */
export type MultipartEvent =
  | { readonly kind: 'headers'; readonly headers: ReadonlyMap<string, string> }
  | { readonly kind: 'body'; readonly bytes: Buffer }
  | { readonly kind: 'end' };

type State = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'epilogue';

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_PREAMBLE_BYTES = 64 * 1024;
/** Whitespace may follow a boundary on its line (RFC 2046 §5.1.1); more than this is not a boundary line. */
const MAX_BOUNDARY_LINE_BYTES = 1024;

/** A typed MTOM_MALFORMED error naming what is wrong with the message. */
export function malformed(reason: string): PasserelleError {
  return new PasserelleError('MTOM_MALFORMED', { reason });
}

/**
 * The multipart/related syntax (RFC 2046 §5.1) as a state machine fed chunk by chunk: it finds the boundaries,
 * reads each part's header block, and hands the body bytes on as they arrive. It keeps no more than a
 * boundary's length of a body (a delimiter may straddle two chunks), and bounds the preamble and the headers;
 * what the parts mean (root, attachments, their limits) is the caller's.
 */
export class MultipartScanner {
  private readonly delimiter: Buffer;
  private state: State = 'preamble';
  // A leading CRLF lets the first boundary, which has none before it, match the delimiter.
  private buffer: Buffer = CRLF;
  private preamble = 0;

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  /** Takes the next chunk of the body and yields what it completes. */
  *push(chunk: Uint8Array): Generator<MultipartEvent> {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      switch (this.state) {
        case 'preamble':
          if (!this.skipPreamble()) return;
          break;
        case 'afterDelimiter':
          if (!this.readBoundaryLine()) return;
          break;
        case 'headers': {
          const headers = this.readHeaders();
          if (!headers) return;
          yield { kind: 'headers', headers };
          break;
        }
        case 'body':
          if (!(yield* this.readBody())) return;
          break;
        case 'epilogue':
          this.buffer = Buffer.alloc(0);
          return;
      }
    }
  }

  /** Checks, once the body has ended, that the message was closed by its last boundary. */
  finish(): void {
    if (this.state !== 'epilogue') throw malformed('the message ends before its closing boundary');
  }

  /** Skips what precedes the first boundary; false while it has not come. */
  private skipPreamble(): boolean {
    const at = this.buffer.indexOf(this.delimiter);
    if (at < 0) {
      const keep = Math.min(this.buffer.length, this.delimiter.length - 1);
      this.preamble += this.buffer.length - keep;
      if (this.preamble > MAX_PREAMBLE_BYTES) throw malformed('no boundary where the message should start');
      this.buffer = this.buffer.subarray(this.buffer.length - keep);
      return false;
    }
    this.buffer = this.buffer.subarray(at + this.delimiter.length);
    this.state = 'afterDelimiter';
    return true;
  }

  /** After a boundary: `--` closes the message, otherwise the line ends (with optional whitespace) and a part begins. */
  private readBoundaryLine(): boolean {
    if (this.buffer.length < 2) return false;
    if (this.buffer[0] === 0x2d && this.buffer[1] === 0x2d) {
      this.state = 'epilogue';
      return true;
    }
    const end = this.buffer.indexOf(CRLF);
    if (end < 0) {
      if (this.buffer.length > MAX_BOUNDARY_LINE_BYTES) throw malformed('garbage after a boundary');
      return false;
    }
    if (!/^[ \t]*$/.test(this.buffer.subarray(0, end).toString('latin1'))) throw malformed('garbage after a boundary');
    this.buffer = this.buffer.subarray(end + 2);
    this.state = 'headers';
    return true;
  }

  /** A part's header block once it is whole (it may be empty); undefined while it is not. */
  private readHeaders(): Map<string, string> | undefined {
    const empty = this.buffer.subarray(0, 2).equals(CRLF);
    const end = empty ? 0 : this.buffer.indexOf(HEADER_END);
    if (end === -1) {
      if (this.buffer.length > MAX_HEADER_BYTES) throw malformed('part headers too long');
      return undefined;
    }
    const headers = parseHeaders(this.buffer.subarray(0, end).toString('utf8'));
    this.buffer = this.buffer.subarray(empty ? 2 : end + HEADER_END.length);
    this.state = 'body';
    return headers;
  }

  /**
   * Hands on the body up to the next delimiter, then the part's end; returns whether the part ended. Without a
   * delimiter in sight, all but its length less one is handed on: the rest may be the start of one.
   */
  private *readBody(): Generator<MultipartEvent, boolean> {
    const at = this.buffer.indexOf(this.delimiter);
    if (at < 0) {
      const safe = this.buffer.length - (this.delimiter.length - 1);
      if (safe > 0) {
        yield { kind: 'body', bytes: this.buffer.subarray(0, safe) };
        this.buffer = this.buffer.subarray(safe);
      }
      return false;
    }
    if (at > 0) yield { kind: 'body', bytes: this.buffer.subarray(0, at) };
    yield { kind: 'end' };
    this.buffer = this.buffer.subarray(at + this.delimiter.length);
    this.state = 'afterDelimiter';
    return true;
  }
}

/** A header block as `name → value`, names in lower case. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed('a part header is not "Name: value"');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}
