import { endedCardSession, type StoredError } from './failure-class.js';
import type { QueueDatabase } from './queue-database.js';
import { PausedValue, PauseRow } from './queue-rows.js';
import type { PauseState } from './queue-types.js';

/**
 * The batch's pause, kept in the file (the control table's `paused` key) so that every process sharing it
 * honours it: a claim reads it inside its own transaction, and an outcome that halts the batch writes it in
 * the transaction that records the outcome.
 */
export class PauseControl {
  constructor(
    private readonly db: QueueDatabase,
    private readonly now: () => Date,
  ) {}

  /** The pause as the file has it now; inside the caller's transaction when there is one. */
  state(): PauseState {
    const row = this.db.one("SELECT value FROM control WHERE key = 'paused'", PauseRow);
    if (row === undefined) return { paused: false };
    const parsed = PausedValue.safeParse(JSON.parse(row.value));
    // A pause whose reason does not read is a pause all the same.
    if (!parsed.success) return { paused: true };
    return {
      paused: true,
      since: new Date(parsed.data.at),
      ...(parsed.data.reason ? { reason: parsed.data.reason } : {}),
    };
  }

  /** Records a pause inside the caller's transaction. */
  set(reason: StoredError | undefined, at: Date): void {
    this.db.run(
      "INSERT INTO control (key, value) VALUES ('paused', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      JSON.stringify({ at: at.toISOString(), ...(reason ? { reason } : {}) }),
    );
  }

  pause(reason?: StoredError): void {
    this.db.write(() => this.set(reason, this.now()));
  }

  resume(): void {
    this.db.write(() => this.clear());
  }

  /**
   * Lifts the pause whose reason is that the session of the card or token `label` ended, read and cleared in
   * one transaction so that a pause set meanwhile by another process, for another reason, stays. Returns
   * whether it lifted it.
   */
  resumeAfterLogin(label: string): boolean {
    return this.db.write(() => {
      const { reason } = this.state();
      if (!reason || !endedCardSession(reason, label)) return false;
      this.clear();
      return true;
    });
  }

  private clear(): void {
    this.db.run("DELETE FROM control WHERE key = 'paused'");
  }
}
