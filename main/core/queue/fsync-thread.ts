import { fsyncSync } from 'node:fs';
import { getSystemErrorName } from 'node:util';
import { Worker } from 'node:worker_threads';

/** Slots of the shared control array. */
const REQUESTED = 0;
const FD = 1;
const DONE = 2;
const ERRNO = 3;
/** How long the caller waits for the thread before syncing the file itself (fsync twice is harmless). */
const PATIENCE_MS = 2_000;

// Plain JavaScript, evaluated by the worker: it waits for a request, syncs the file, says so, and waits again.
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
const { fsyncSync } = require('node:fs');
const control = new Int32Array(workerData);
let seen = 0;
for (;;) {
  Atomics.wait(control, ${REQUESTED}, seen);
  seen = Atomics.load(control, ${REQUESTED});
  let errno = 0;
  try {
    fsyncSync(Atomics.load(control, ${FD}));
  } catch (error) {
    errno = typeof error.errno === 'number' ? error.errno : -5;
  }
  Atomics.store(control, ${ERRNO}, errno);
  Atomics.store(control, ${DONE}, seen);
  Atomics.notify(control, ${DONE});
}
`;

/** A sync asked of the thread: `wait` returns once the file is on disk, or throws the system's refusal. */
export interface PendingSync {
  wait(): void;
}

/**
 * Waits for the disk on a thread of its own, so that the caller's thread goes on with work that does not need
 * the file durable yet (the enqueue hashes the document and writes its row, uncommitted, meanwhile) and then
 * waits only for what is left. The queue's API stays synchronous: the caller blocks on a shared counter
 * (`Atomics.wait`), not on the event loop. One thread per process, started on first use, never keeping the
 * process alive; if it does not answer, the caller syncs the file itself.
 */
export class FsyncThread {
  private static shared: FsyncThread | undefined;
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  private requested = 0;
  /** Set once the thread failed to answer: every later sync runs on the caller's thread. */
  private unresponsive = false;

  private constructor() {
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: this.control.buffer });
    worker.unref();
  }

  static get(): FsyncThread {
    FsyncThread.shared ??= new FsyncThread();
    return FsyncThread.shared;
  }

  /** Starts syncing `fd`; the caller must `wait` before it closes or truncates the file. */
  start(fd: number): PendingSync {
    if (this.unresponsive) {
      fsyncSync(fd);
      return { wait: () => undefined };
    }
    this.requested += 1;
    const request = this.requested;
    Atomics.store(this.control, FD, fd);
    Atomics.store(this.control, REQUESTED, request);
    Atomics.notify(this.control, REQUESTED);
    let settled = false;
    return {
      wait: () => {
        if (settled) return;
        settled = true;
        this.waitFor(request, fd);
      },
    };
  }

  private waitFor(request: number, fd: number): void {
    for (;;) {
      const done = Atomics.load(this.control, DONE);
      if (done >= request) break;
      if (Atomics.wait(this.control, DONE, done, PATIENCE_MS) === 'timed-out') {
        // The thread is gone or the disk is that slow: sync here, which is correct either way.
        this.unresponsive = true;
        fsyncSync(fd);
        return;
      }
    }
    const errno = Atomics.load(this.control, ERRNO);
    if (errno !== 0) {
      const code = getSystemErrorName(errno);
      throw Object.assign(new Error(`fsync: ${code}`), { code, errno });
    }
  }
}
