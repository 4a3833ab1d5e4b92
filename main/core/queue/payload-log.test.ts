import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PayloadLog } from './payload-log.js';

const OWNER = `${process.pid}@test#00000000-0000-4000-8000-000000000000`;

function folder(): string {
  return join(mkdtempSync(join(tmpdir(), 'passerelle-log-')), 'queue.sqlite-documents');
}

describe('PayloadLog', () => {
  it('reads back each payload at the place its append named, and every record in order', () => {
    const dir = folder();
    const log = new PayloadLog(dir, OWNER);
    const first = log.append(Buffer.from('{"n":1}'), Buffer.from('premier document'));
    first.durable();
    const second = log.append(Buffer.from('{"n":2}'), Buffer.alloc(300_000, 7));
    second.durable();
    expect(log.read(first).toString()).toBe('premier document');
    expect(log.read(second).equals(Buffer.alloc(300_000, 7))).toBe(true);
    const [segment] = log.segments();
    expect(segment).toMatchObject({ owner: OWNER, size: statSync(join(dir, segment!.name)).size });
    expect([...log.records(segment!, 0)].map((record) => record.header.toString())).toEqual(['{"n":1}', '{"n":2}']);
    expect([...log.records(segment!, second.recordStart)]).toHaveLength(1);
    log.close();
  });

  it('starts a new segment past its size, a document larger than a segment having one of its own', () => {
    const dir = folder();
    const log = new PayloadLog(dir, OWNER, { segmentBytes: 1_000 });
    const small = log.append(Buffer.from('{}'), Buffer.alloc(400, 1));
    const large = log.append(Buffer.from('{}'), Buffer.alloc(5_000, 2));
    const next = log.append(Buffer.from('{}'), Buffer.alloc(400, 3));
    for (const payload of [small, large, next]) payload.durable();
    expect(new Set([small.segment, large.segment, next.segment]).size).toBe(3);
    expect(readdirSync(dir).sort()).toEqual([small.segment, large.segment, next.segment].sort());
    expect(log.read(large).equals(Buffer.alloc(5_000, 2))).toBe(true);
    log.close();
    expect(log.writtenSegments().map((s) => s.size)).toEqual(
      [small, large, next].map((payload) => statSync(join(dir, payload.segment)).size),
    );
  });

  it('takes back its last record, and only its last', () => {
    const dir = folder();
    const log = new PayloadLog(dir, OWNER);
    const kept = log.append(Buffer.from('{"kept":true}'), Buffer.from('gardé'));
    kept.durable();
    const undone = log.append(Buffer.from('{"kept":false}'), Buffer.from('repris'));
    // Not the last record: another one follows it, which its row may already name.
    log.undo(kept);
    log.undo(undone);
    const [segment] = log.segments();
    expect(segment!.size).toBe(kept.offset + kept.length);
    expect([...log.records(segment!, 0)].map((record) => record.header.toString())).toEqual(['{"kept":true}']);
    log.close();
  });

  it('stops reading a segment at a record cut short', () => {
    const dir = folder();
    const log = new PayloadLog(dir, OWNER);
    log.append(Buffer.from('{"n":1}'), Buffer.from('entier')).durable();
    const cut = log.append(Buffer.from('{"n":2}'), Buffer.from('coupé en route'));
    cut.durable();
    log.close();
    const [segment] = log.segments();
    const shortened = { ...segment!, size: cut.offset + 3 };
    expect([...log.records(shortened, 0)].map((record) => record.header.toString())).toEqual(['{"n":1}']);
  });

  it('names no owner for a file of another kind, and keeps no personal data in its segment names', () => {
    const dir = folder();
    const log = new PayloadLog(dir, OWNER);
    log.append(Buffer.from('{}'), Buffer.from('x')).durable();
    log.close();
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^[0-9a-f-]{36}\.log$/);
    expect(readFileSync(join(dir, name!)).subarray(0, 4).toString()).toBe('PQL1');
  });

  it('refuses to read outside its folder when a row names another file', () => {
    const log = new PayloadLog(folder(), OWNER);
    for (const segment of ['../queue.sqlite', '/etc/passwd', 'a.log'])
      expect(() => log.read({ segment, offset: 0, length: 10 })).toThrow(
        expect.objectContaining({ code: 'STORED_DATA_CORRUPT' }),
      );
  });

  it('turns a payload the file no longer holds into STORED_DATA_CORRUPT', () => {
    const log = new PayloadLog(folder(), OWNER);
    const payload = log.append(Buffer.from('{}'), Buffer.from('court'));
    payload.durable();
    expect(() => log.read({ ...payload, length: payload.length + 100 })).toThrow(
      expect.objectContaining({ code: 'STORED_DATA_CORRUPT', details: { reason: 'queue document log cut short' } }),
    );
    log.close();
  });
});
