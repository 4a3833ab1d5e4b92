/**
 * An import in a process of its own, for the test that kills it while it queues. Usage: enqueue-process.ts
 * <queue file> <home>. Queues 200 kB documents without end and writes one line `documentId sha256(bytes)` to
 * stdout each time an enqueue has returned: what the import was told is queued.
 */
import { createHash, randomBytes } from 'node:crypto';

import { KeyFileSource } from '../../storage/local-key.js';
import { DurableQueue } from '../durable-queue.js';
import { ZEPHIRINE, itemFor } from './queue-fixtures.js';

const [path, home] = process.argv.slice(2);
if (!path || !home) throw new Error('usage: enqueue-process.ts <queue file> <home>');

const queue = DurableQueue.open({ path, keys: new KeyFileSource(home) });
for (let i = 0; ; i += 1) {
  const input = { ...itemFor(ZEPHIRINE, `killed-${i}`), content: randomBytes(200 * 1024) };
  const result = queue.enqueue(input);
  if (result.status !== 'queued') throw new Error(`enqueue ${i}: ${result.status}`);
  process.stdout.write(`${input.documentId} ${createHash('sha256').update(input.content).digest('hex')}\n`);
  // Lets the line reach the test before the next enqueue.
  await new Promise((resolve) => setImmediate(resolve));
}
