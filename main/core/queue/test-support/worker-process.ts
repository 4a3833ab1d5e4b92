/**
 * A queue worker in a process of its own, for the tests that share one queue file between processes (and kill
 * one of them). Usage: worker-process.ts <queue file> <home> <platform log> <send delay ms>.
 *
 * Its "platform" is a log file shared by every process: one line `documentId sha256(prepared bytes)` per
 * document each time a set is filed, appended before the answer, as a platform stores before it answers.
 */
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

import { KeyFileSource } from '../../storage/local-key.js';
import type { BatchSender, ClaimedItem, SendGroup } from '../batch-sender.js';
import { DurableQueue } from '../durable-queue.js';
import type { SendOutcome } from '../failure-class.js';
import { QueueWorker } from '../queue-worker.js';

const [path, home, log, delayText] = process.argv.slice(2);
if (!path || !home || !log)
  throw new Error('usage: worker-process.ts <queue file> <home> <platform log> [send delay ms]');
const sendDelay = Number(delayText ?? '0');

const sender: BatchSender = {
  prepare(item: ClaimedItem) {
    // Like a CDA builder: fresh random ids in every build.
    return Promise.resolve(Buffer.concat([Buffer.from(`${item.documentId} ${Math.random()} `), item.content]));
  },
  async send(group: SendGroup): Promise<ReadonlyMap<string, SendOutcome>> {
    await delay(sendDelay);
    appendFileSync(
      log,
      group.items.map((i) => `${i.documentId} ${createHash('sha256').update(i.prepared).digest('hex')}\n`).join(''),
    );
    await delay(sendDelay);
    return new Map(group.items.map((i) => [i.id, { kind: 'sent' }] as const));
  },
};

const queue = DurableQueue.open({ path, keys: new KeyFileSource(home) });
const counts = await new QueueWorker(queue, sender, { concurrency: 2, maxGroupItems: 3, pollMs: 10 }).run({
  untilIdle: true,
});
queue.close();
process.stdout.write(`${JSON.stringify(counts)}\n`);
