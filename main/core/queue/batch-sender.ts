import type { SendOutcome } from './failure-class.js';
import type { QueuedDocument } from './queued-document.js';

/** One claimed item, opened: its fixed ids, its description, its bytes, and the prepared document if any. */
export interface ClaimedItem {
  readonly id: string;
  /** The document's uniqueId (the CDA id), fixed when it was queued and the same on every attempt. */
  readonly documentId: string;
  /** The CDA setId, fixed when queued. */
  readonly setId: string;
  /** The document's effectiveTime, fixed when queued, so that a rebuilt document would date the same. */
  readonly effectiveTime: Date;
  readonly document: QueuedDocument;
  /** The source file's bytes (a PDF, a text, or the CDA as the hospital's software wrote it). */
  readonly content: Buffer;
  /** What `prepare` returned on an earlier attempt, kept sealed in the queue; absent on the first attempt. */
  readonly prepared?: Buffer;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** Items claimed together: same patient, same encounter; at most the configured group size. */
export interface ClaimedGroup {
  readonly claimId: string;
  readonly items: readonly ClaimedItem[];
}

/** A group whose items are all prepared: what `send` receives. */
export interface SendGroup {
  readonly claimId: string;
  readonly items: readonly (ClaimedItem & { readonly prepared: Buffer })[];
}

/**
 * The upload itself, injected into the worker so that the queue is tested with fakes and wired to the feed
 * pipeline (main/core/feed) in the application.
 *
 * `prepare` builds the exact bytes that will be filed (the CDA: a PDF wrapped for the patient with the item's
 * documentId, setId and effectiveTime, or the hospital's CDA as it is). The queue stores them sealed BEFORE the
 * first send and hands them back on every later attempt: a CDA builder writes fresh random ids in its body,
 * and a document rebuilt after a crash would differ from the one the platform may already hold, which it
 * refuses (XDSNonIdenticalHash) instead of acknowledging. A `prepare` that throws fails that item alone.
 *
 * `send` files the group, ideally as one submission set (one signature), and returns an outcome per item id; an
 * item without an outcome is resent later. When `send` throws, every item of the group shares the error.
 */
export interface BatchSender {
  prepare(item: ClaimedItem): Promise<Buffer>;
  send(group: SendGroup): Promise<ReadonlyMap<string, SendOutcome>>;
}
