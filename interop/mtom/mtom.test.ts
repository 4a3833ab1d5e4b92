import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildSoapEnvelope, readSoapReply } from '../soap/envelope.js';
import { buildProvideAndRegisterRequest, parseProvideAndRegisterRequest } from '../xds/provide-and-register.js';
import { sampleSubmission } from '../xds/sample-metadata.js';
import { attachmentFor, decodeMtom, type DecodeOptions } from './decode.js';
import { bufferAttachment, encodeMtom, fileAttachment, type MtomAttachment } from './encode.js';

const failure = (code: string): unknown => expect.objectContaining({ name: 'PasserelleError', code });
const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();
const ENVELOPE = '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>';

/** The encoded body in chunks of `size` bytes, to cut boundaries and headers at every possible place. */
async function rechunk(body: Readable, size: number): Promise<Buffer[]> {
  const whole: Buffer[] = [];
  for await (const chunk of body) whole.push(chunk as Buffer);
  const all = Buffer.concat(whole);
  const out: Buffer[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.subarray(i, i + size));
  return out;
}

function raw(
  text: string,
  contentType = 'multipart/related; type="application/xop+xml"; boundary=b',
): [string, Buffer[]] {
  return [contentType, [Buffer.from(text.replace(/\n/g, '\r\n'))]];
}

const ROOT_PART = '--b\nContent-Type: application/xop+xml; type="application/soap+xml"\nContent-ID: <root>\n\n<env/>\n';

describe('MTOM/XOP encoding and decoding', () => {
  it('round-trips an envelope and attachments whatever the chunking, with an exact Content-Length', async () => {
    const tricky = Buffer.concat([Buffer.from('\r\n--MIMEBoundary_\r\n--'), randomBytes(5000), Buffer.from('\r\n-')]);
    const attachments = [
      bufferAttachment(tricky, 'doc1@passerelle', 'application/pdf'),
      bufferAttachment(Buffer.alloc(0), 'empty@x', 'text/plain'),
    ];
    for (const size of [1, 7, 64, 4096]) {
      const message = encodeMtom(ENVELOPE, attachments, { action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b' });
      const chunks = await rechunk(message.body, size);
      expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(message.contentLength);
      const decoded = await decodeMtom(message.contentType, chunks);
      expect(decoded.rootXml).toBe(ENVELOPE);
      expect(decoded.rootContentType).toContain('application/xop+xml');
      expect(attachmentFor(decoded, 'doc1@passerelle').data!.equals(tricky)).toBe(true);
      expect(attachmentFor(decoded, 'doc1@passerelle').sha256.equals(sha256(tricky))).toBe(true);
      expect(attachmentFor(decoded, 'empty@x').size).toBe(0);
    }
  });

  it('keeps of a decoded attachment its own bytes only, not the larger pieces they arrived in', async () => {
    const document = randomBytes(300 * 1024);
    const message = encodeMtom(ENVELOPE, [bufferAttachment(document, 'doc@x', 'application/pdf')], {
      action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
    });
    const decoded = await decodeMtom(message.contentType, await rechunk(message.body, 64 * 1024));
    const data = attachmentFor(decoded, 'doc@x').data!;
    expect(data.equals(document)).toBe(true);
    expect(data.buffer.byteLength).toBe(document.length);
  });

  it('writes the headers a SOAP 1.2 MTOM receiver expects', () => {
    const message = encodeMtom(ENVELOPE, [], { action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b' });
    expect(message.contentType).toMatch(
      /^multipart\/related; type="application\/xop\+xml"; start="<[^>]+>"; start-info="application\/soap\+xml"; action="urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b"; boundary=MIMEBoundary_[0-9a-f]+$/,
    );
  });

  it('carries an ITI-41 request whose documents are the attachments its xop:Include elements name', async () => {
    const contents = [Buffer.from('<ClinicalDocument/>'), Buffer.from('%PDF-1.7')];
    const metadata = sampleSubmission(contents);
    const documents = metadata.documentEntries.map((e, i) => ({ id: e.entryUUID, contentId: `doc${i}@passerelle` }));
    const action = 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b';
    const bodyXml = buildProvideAndRegisterRequest({ metadata, documents });
    const envelope = buildSoapEnvelope({ action, to: 'https://mock/repository', bodyXml });
    const parts = documents.map((d, i) => bufferAttachment(contents[i]!, d.contentId, 'text/xml'));
    const message = encodeMtom(envelope, parts, { action });
    const decoded = await decodeMtom(message.contentType, message.body);
    const reply = readSoapReply(decoded.rootXml, 'https://mock/repository');
    if (reply.kind !== 'result') throw new Error('the envelope did not survive');
    const request = parseProvideAndRegisterRequest(reply.payload);
    for (const [i, document] of request.documents.entries()) {
      const part = attachmentFor(decoded, document.contentId);
      expect(part.sha1Hex).toBe(request.metadata.documentEntries[i]!.hash);
    }
  });

  it('fails the body, typed, when an attachment yields another size than declared', async () => {
    const liar: MtomAttachment = {
      contentId: 'a@b',
      contentType: 'application/pdf',
      size: 10,
      open: () => Readable.from([Buffer.from('short')]),
    };
    const message = encodeMtom(ENVELOPE, [liar]);
    await expect(rechunk(message.body, 100)).rejects.toThrow(failure('MTOM_MALFORMED'));
  });

  it('refuses a repeated or malformed Content-ID when encoding', () => {
    const a = bufferAttachment(Buffer.from('x'), 'same@x', 'text/plain');
    expect(() => encodeMtom(ENVELOPE, [a, a])).toThrow(failure('MTOM_MALFORMED'));
    expect(() => encodeMtom(ENVELOPE, [bufferAttachment(Buffer.from('x'), 'a b<c>', 'text/plain')])).toThrow(
      failure('MTOM_MALFORMED'),
    );
  });
});

describe('malformed multipart bodies end in typed errors', () => {
  const cases: [string, [string, Buffer[]], string][] = [
    ['a body that is not multipart', raw('<env/>', 'application/soap+xml'), 'MTOM_MALFORMED'],
    [
      'a Content-Type without boundary',
      raw(ROOT_PART, 'multipart/related; type="application/xop+xml"'),
      'MTOM_MALFORMED',
    ],
    ['an unreadable Content-Type', raw(ROOT_PART, 'multipart/related; type="unterminated'), 'MTOM_MALFORMED'],
    ['a body with no boundary at all', raw('just some text\n'), 'MTOM_MALFORMED'],
    ['a truncated body', raw(`${ROOT_PART}--b\nContent-ID: <a>\n\nhalf a docu`), 'MTOM_MALFORMED'],
    [
      'an attachment without Content-ID',
      raw(`${ROOT_PART}--b\nContent-Type: text/plain\n\nx\n--b--\n`),
      'MTOM_MALFORMED',
    ],
    [
      'two attachments with one Content-ID',
      raw(`${ROOT_PART}--b\nContent-ID: <a>\n\nx\n--b\nContent-ID: <a>\n\ny\n--b--\n`),
      'MTOM_MALFORMED',
    ],
    [
      'a base64 attachment',
      raw(`${ROOT_PART}--b\nContent-ID: <a>\nContent-Transfer-Encoding: base64\n\neA==\n--b--\n`),
      'MTOM_MALFORMED',
    ],
    [
      'a root that is not XOP',
      raw('--b\nContent-Type: text/html\nContent-ID: <root>\n\n<x/>\n--b--\n'),
      'MTOM_MALFORMED',
    ],
    [
      'a first part that is not the start',
      raw(`${ROOT_PART}--b--\n`, 'multipart/related; type="application/xop+xml"; start="<other>"; boundary=b'),
      'MTOM_MALFORMED',
    ],
    ['a header line without colon', raw('--b\nnonsense\n\n<x/>\n--b--\n'), 'MTOM_MALFORMED'],
    [
      'an attachment above the limit',
      raw(`${ROOT_PART}--b\nContent-ID: <a>\n\n${'x'.repeat(200)}\n--b--\n`),
      'MTOM_PART_TOO_LARGE',
    ],
  ];

  it.each(cases)('%s', async (_name, [contentType, chunks], code) => {
    await expect(decodeMtom(contentType, chunks, { maxAttachmentBytes: 100 })).rejects.toThrow(failure(code));
  });

  it('a stream that breaks mid-way', async () => {
    function* broken(): Generator<Buffer> {
      yield Buffer.from(ROOT_PART.replace(/\n/g, '\r\n'));
      throw new Error('connection reset');
    }
    await expect(decodeMtom('multipart/related; type="application/xop+xml"; boundary=b', broken())).rejects.toThrow(
      failure('MTOM_MALFORMED'),
    );
  });
});

describe('a 25 MB document', () => {
  const size = 25 * 1024 * 1024;
  let dir: string;
  let source: string;
  let digest: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mtom-test-'));
    source = join(dir, 'big.pdf');
    const hash = createHash('sha256');
    function* blocks(): Generator<Buffer> {
      for (let i = 0; i < 25; i += 1) {
        const block = randomBytes(1024 * 1024);
        hash.update(block);
        yield block;
      }
    }
    await pipeline(Readable.from(blocks()), createWriteStream(source));
    digest = hash.digest();
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams from its file to a file on the other side, intact', async () => {
    const out = join(dir, 'received');
    await mkdir(out);
    const message = encodeMtom(ENVELOPE, [await fileAttachment(source, 'big@passerelle', 'application/pdf')]);
    expect(message.contentLength).toBeGreaterThan(size);
    const decoded = await decodeMtom(message.contentType, message.body, { directory: out });
    const part = attachmentFor(decoded, 'big@passerelle');
    expect(part.size).toBe(size);
    expect(part.data).toBeUndefined();
    expect(part.sha256.equals(digest)).toBe(true);
    expect(sha256(await readFile(part.path!)).equals(digest)).toBe(true);
  });

  it('writes an attachment arriving in small pieces to its file intact', async () => {
    const out = join(dir, 'pieces');
    await mkdir(out);
    const bytes = randomBytes(700 * 1024 + 13);
    const message = encodeMtom(ENVELOPE, [bufferAttachment(bytes, 'pieces@passerelle', 'application/pdf')]);
    const decoded = await decodeMtom(message.contentType, await rechunk(message.body, 1500), { directory: out });
    const part = attachmentFor(decoded, 'pieces@passerelle');
    expect(part.size).toBe(bytes.length);
    expect((await readFile(part.path!)).equals(bytes)).toBe(true);
  });

  it('keeps attachments in memory up to the message’s budget, then writes the rest of the part to its file', async () => {
    const out = join(dir, 'budget');
    await mkdir(out);
    const small = randomBytes(300 * 1024);
    const large = randomBytes(900 * 1024 + 7);
    const message = encodeMtom(ENVELOPE, [
      bufferAttachment(small, 'small@passerelle', 'application/pdf'),
      bufferAttachment(large, 'large@passerelle', 'application/pdf'),
    ]);
    const decoded = await decodeMtom(message.contentType, await rechunk(message.body, 1500), {
      directory: out,
      memoryBytes: 1024 * 1024,
    });
    const inMemory = attachmentFor(decoded, 'small@passerelle');
    expect(inMemory.path).toBeUndefined();
    expect(inMemory.data?.equals(small)).toBe(true);
    // The second part outgrows what is left of the budget: what it held so far goes to its file first.
    const spilled = attachmentFor(decoded, 'large@passerelle');
    expect(spilled.data).toBeUndefined();
    expect((await readFile(spilled.path!)).equals(large)).toBe(true);
    expect(spilled.sha256.equals(sha256(large))).toBe(true);
    expect(await readdir(out)).toHaveLength(1);
  });

  it('is refused above a smaller limit, and the partial file is removed', async () => {
    const out = join(dir, 'refused');
    await mkdir(out);
    const options: DecodeOptions = { directory: out, maxAttachmentBytes: 10 * 1024 * 1024 };
    const message = encodeMtom(ENVELOPE, [await fileAttachment(source, 'big@passerelle', 'application/pdf')]);
    await expect(decodeMtom(message.contentType, message.body, options)).rejects.toThrow(
      failure('MTOM_PART_TOO_LARGE'),
    );
    message.body.destroy();
    expect(await readdir(out)).toEqual([]);
  });

  it('is read from its file only when the body reaches it', async () => {
    let opened = 0;
    const attachment = await fileAttachment(source, 'big@passerelle', 'application/pdf');
    const counting: MtomAttachment = {
      ...attachment,
      open: () => {
        opened += 1;
        return createReadStream(source);
      },
    };
    const message = encodeMtom(ENVELOPE, [counting]);
    expect(opened).toBe(0);
    const decoded = await decodeMtom(message.contentType, message.body);
    expect(opened).toBe(1);
    expect(attachmentFor(decoded, 'big@passerelle').sha256.equals(digest)).toBe(true);
  });
});
