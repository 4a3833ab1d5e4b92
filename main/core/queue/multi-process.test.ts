import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import {
  OCTAVE,
  ZEPHIRINE,
  countedInTable,
  itemFor,
  queueHome,
  type QueueHome,
} from './test-support/queue-fixtures.js';

const script = join(import.meta.dirname, 'test-support', 'worker-process.ts');

function worker(home: QueueHome, log: string, sendDelayMs: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, home.path, home.home, log, String(sendDelayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The platform's log: documentId → the hashes of every copy it was sent. */
function filed(log: string): Map<string, Set<string>> {
  const copies = new Map<string, Set<string>>();
  if (!existsSync(log)) return copies;
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const [id, hash] = line.split(' ');
    if (!copies.has(id!)) copies.set(id!, new Set());
    copies.get(id!)!.add(hash!);
  }
  return copies;
}

function fill(home: QueueHome, count: number): string[] {
  const queue = home.open();
  const ids = Array.from({ length: count }, (_, i) => {
    const input = itemFor(i % 3 === 0 ? ZEPHIRINE : OCTAVE, `mp-${i}-${Math.random()}`);
    queue.enqueue(input);
    return input.documentId;
  });
  queue.close();
  return ids;
}

describe('one queue file, several processes', () => {
  it('lets two worker processes share a batch without sending any document twice', async () => {
    const home = queueHome();
    const ids = fill(home, 40);
    const log = join(home.home, 'platform.log');
    const children = [worker(home, log, 5), worker(home, log, 5)];
    await Promise.all(children.map((child) => once(child, 'exit')));
    expect(children.map((c) => c.exitCode)).toEqual([0, 0]);
    const copies = filed(log);
    expect([...copies.keys()].sort()).toEqual([...ids].sort());
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(40);
    const queue = home.open();
    expect(queue.counts()).toMatchObject({ sent: 40, total: 40 });
    expect(queue.integrityCheck()).toEqual(['ok']);
    queue.close();
  }, 60_000);

  it('resends after a SIGKILL the very bytes it sent before, and finishes the batch', async () => {
    const home = queueHome();
    const ids = fill(home, 30);
    const log = join(home.home, 'platform.log');
    const victim = worker(home, log, 40);
    // Killed while sending: some sets filed, some in flight, some not started.
    // Watched from the start of the process (tsx's start-up takes seconds on a busy machine) to its sixth set.
    const until = Date.now() + 30_000;
    while (Date.now() < until && filed(log).size < 6) await delay(10);
    victim.kill('SIGKILL');
    await once(victim, 'exit');
    expect(victim.signalCode).toBe('SIGKILL');
    const before = filed(log).size;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(30);
    // Killed between any two statements: the counts by state moved with the items or not at all.
    const killed = home.open();
    expect(killed.counts()).toEqual(countedInTable(home.path));
    expect(killed.counts().sent).toBeLessThan(30);
    killed.close();

    const survivor = worker(home, log, 0);
    await once(survivor, 'exit');
    expect(survivor.exitCode).toBe(0);
    const copies = filed(log);
    expect([...copies.keys()].sort()).toEqual([...ids].sort());
    // A document sent twice (in flight at the kill) was the same document both times: the platform keeps one.
    for (const [id, hashes] of copies) expect(hashes.size, id).toBe(1);
    const resent = readFileSync(log, 'utf8').trim().split('\n').length - 30;
    expect(resent).toBeGreaterThan(0);
    const queue = home.open();
    expect(queue.counts()).toMatchObject({ sent: 30, sending: 0, total: 30 });
    expect(queue.counts()).toEqual(countedInTable(home.path));
    const interrupted = queue.list().filter((item) => queue.attempts(item.id).some((a) => a.outcome === 'interrupted'));
    expect(interrupted.length).toBeGreaterThanOrEqual(resent);
    expect(queue.integrityCheck()).toEqual(['ok']);
    queue.close();
  }, 120_000);
});
