import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Owners of the queues open in this process; a claim whose owner is not here and names this process is orphaned. */
const liveOwners = new Set<string>();

/** `pid@host#token`: enough for another process on the same machine to tell whether the claimer still lives. */
export function newOwner(): string {
  const owner = `${process.pid}@${hostname()}#${randomUUID()}`;
  liveOwners.add(owner);
  return owner;
}

export function releaseOwner(owner: string): void {
  liveOwners.delete(owner);
}

/**
 * Whether the process that claimed items may still be sending them. A process that died (killed, crashed,
 * power cut) leaves its items in `sending`: they are taken back at once instead of waiting for their lease
 * to end. On another machine (a queue file on a share) nothing can be told: the lease decides.
 */
export function ownerMayBeAlive(owner: string): boolean {
  if (liveOwners.has(owner)) return true;
  const match = /^(\d+)@(.*)#[0-9a-f-]+$/.exec(owner);
  if (!match) return false;
  const pid = Number(match[1]);
  if (match[2] !== hostname()) return true;
  // This process, but none of its open queues: a queue closed in the middle of a send.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
