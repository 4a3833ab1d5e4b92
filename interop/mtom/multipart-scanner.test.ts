import { describe, expect, it } from 'vitest';

import { MultipartScanner, type MultipartEvent } from './multipart-scanner.js';

const MESSAGE = Buffer.from(
  'preamble to skip\r\n--b \t\r\nContent-ID: <root>\r\nContent-Type: application/xop+xml\r\n\r\n<env/>\r\n' +
    '--b\r\n\r\nno headers, and a line\r\n-b that is not a boundary\r\n--b--\r\nepilogue to skip',
);

/** The events of `chunks`, bodies joined per part: what the scanner saw, whatever the chunking. */
function scan(chunks: readonly Buffer[]): unknown[] {
  const scanner = new MultipartScanner('b');
  const events: MultipartEvent[] = chunks.flatMap((chunk) => [...scanner.push(chunk)]);
  scanner.finish();
  const parts: unknown[] = [];
  let body: Buffer[] = [];
  for (const event of events) {
    if (event.kind === 'headers') parts.push(Object.fromEntries(event.headers));
    else if (event.kind === 'body') body.push(Buffer.from(event.bytes));
    else {
      parts.push(Buffer.concat(body).toString('latin1'));
      body = [];
    }
  }
  return parts;
}

function reasonOf(body: string, boundary = 'b'): unknown {
  const scanner = new MultipartScanner(boundary);
  try {
    for (const event of scanner.push(Buffer.from(body))) void event;
    scanner.finish();
  } catch (error) {
    return (error as { details?: unknown }).details;
  }
  return undefined;
}

describe('MultipartScanner', () => {
  it('finds the same parts whether the message comes whole or cut at any byte', () => {
    const whole = scan([MESSAGE]);
    expect(whole).toEqual([
      { 'content-id': '<root>', 'content-type': 'application/xop+xml' },
      '<env/>',
      {},
      'no headers, and a line\r\n-b that is not a boundary',
    ]);
    for (let cut = 1; cut < MESSAGE.length; cut += 1)
      expect(scan([MESSAGE.subarray(0, cut), MESSAGE.subarray(cut)]), `cut at ${cut}`).toEqual(whole);
    expect(scan([...MESSAGE].map((byte) => Buffer.of(byte)))).toEqual(whole);
  });

  it('names what is wrong: a message left open, garbage after a boundary, headers or preamble beyond their bounds', () => {
    expect(reasonOf('--b\r\n\r\nx\r\n--b\r\n\r\ny')).toEqual({
      reason: 'the message ends before its closing boundary',
    });
    expect(reasonOf('--b garbage\r\n\r\nx\r\n--b--')).toEqual({ reason: 'garbage after a boundary' });
    expect(reasonOf(`--b\r\nX-Long: ${'x'.repeat(17 * 1024)}`)).toEqual({ reason: 'part headers too long' });
    expect(reasonOf('x'.repeat(65 * 1024))).toEqual({ reason: 'no boundary where the message should start' });
    expect(reasonOf('--b\r\nnonsense\r\n\r\nx\r\n--b--')).toEqual({ reason: 'a part header is not "Name: value"' });
  });
});
