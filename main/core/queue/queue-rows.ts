import { z } from 'zod';

import { ErrorCodeSchema } from '../../../api/errors/index.js';
import type { StoredError } from './failure-class.js';
import { ATTEMPT_OUTCOMES } from './outcome-decision.js';
import { QUEUE_STATES } from './queue-schema.js';

/**
 * The rows the queue reads from its file, one schema each, in one place: every query reads through one of them
 * (`QueueDatabase`), so that its columns and their types are written once, beside the tables of
 * `queue-schema.ts`. Sealed columns are blobs here; `ItemSeal` opens them.
 */

const State = z.enum(QUEUE_STATES);
const Blob = z.instanceof(Buffer);
/** An error's code and its details as JSON, in clear (details never carry personal data). */
const ErrorColumns = { error_code: z.string().nullable(), error_details: z.string().nullable() };

/** An item as listed: what `item`, `list` and `iterate` show, its description still sealed. */
export const ItemRow = z.object({
  seq: z.number(),
  id: z.string(),
  state: State,
  document_id: z.string().nullable(),
  set_id: z.string().nullable(),
  description: Blob,
  attempts: z.number(),
  ready_at: z.number().nullable(),
  reference: z.string().nullable(),
  ...ErrorColumns,
  created_at: z.string(),
  updated_at: z.string(),
});
export type ItemRow = z.infer<typeof ItemRow>;
/** The columns of {@link ItemRow}, for its SELECTs. */
export const ITEM_COLUMNS = Object.keys(ItemRow.shape).join(', ');

/** An item of one state: a look-up before a change. */
export const ItemStateRow = z.object({ id: z.string(), state: State, attempts: z.number() });

/** The first item a claim takes, and what decides whether others join it. */
export const ClaimLeadRow = z.object({
  id: z.string(),
  state: State,
  size: z.number(),
  attempts: z.number(),
  solo: z.number(),
  group_key: Blob.nullable(),
});

/** An item that may join a claim's group. */
export const ClaimMemberRow = ClaimLeadRow.omit({ solo: true, group_key: true });
export type ClaimMemberRow = z.infer<typeof ClaimMemberRow>;

/** A claimed item with its sealed description and payloads: what the sender receives, once opened. */
export const ClaimedRow = z.object({
  id: z.string(),
  // Set for every queued item; checked item by item when the claim is opened, so that one bad row fails alone.
  document_id: z.string().nullable(),
  set_id: z.string().nullable(),
  effective_time: z.string().nullable(),
  description: Blob,
  attempts: z.number(),
  // The document is in the payload log (where `content_log` names) or, in a file of an earlier version, in `payloads`.
  content: Blob.nullable(),
  content_log: z.string().nullable(),
  content_offset: z.number().nullable(),
  content_length: z.number().nullable(),
  prepared: Blob.nullable(),
});
export type ClaimedRow = z.infer<typeof ClaimedRow>;

/** An item held by a claim, with the size of the group its attempt was made in: what an outcome decides on. */
export const HeldRow = z.object({
  id: z.string(),
  document_id: z.string(),
  created_at: z.string(),
  failures: z.number(),
  attempts: z.number(),
  group_size: z.number(),
});

/** How far a segment of the payload log has been read by a recovery (or closed by its writer). */
export const CheckedRow = z.object({ checked: z.number() });

/** A "to fix" entry, to tell whether the same problem is reported again. */
export const ToFixRow = z.object({ id: z.string(), description: Blob, ...ErrorColumns });

/** A failed item that `retryFailed` may put back. */
export const FailedRow = z.object({ id: z.string(), idempotency_key: Blob.nullable(), attempts: z.number() });

export const IdRow = z.object({ id: z.string() });
export const OwnerRow = z.object({ claim_owner: z.string() });
/** The next time an item becomes due, null when none will. */
export const NextReadyRow = z.object({ at: z.number().nullable() });
export const StateCountRow = z.object({ state: State, n: z.number() });

/** One attempt of an item. */
export const AttemptRow = z.object({
  number: z.number(),
  claim_id: z.string(),
  group_size: z.number(),
  started_at: z.string(),
  ended_at: z.string().nullable(),
  outcome: z.enum(ATTEMPT_OUTCOMES).nullable(),
  ...ErrorColumns,
  retry_at: z.string().nullable(),
});
/** The columns of {@link AttemptRow}, for its SELECT. */
export const ATTEMPT_COLUMNS = Object.keys(AttemptRow.shape).join(', ');

/** The value of the control table's `paused` key. */
export const PauseRow = z.object({ value: z.string() });

const StoredDetails = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** The pause as the control table keeps it (JSON): since when, and why when a reason was given. */
export const PausedValue = z.object({
  at: z.string(),
  reason: z.object({ code: ErrorCodeSchema, details: StoredDetails }).optional(),
});

/**
 * An error as its columns hold it. A code this version does not know (a newer one wrote it) still reads as an
 * error, INTERNAL, and details that do not read as empty.
 */
export function storedErrorOf(code: string | null, details: string | null): StoredError | undefined {
  if (code === null) return undefined;
  const parsedCode = ErrorCodeSchema.safeParse(code);
  return { code: parsedCode.success ? parsedCode.data : 'INTERNAL', details: parsedDetails(details) };
}

function parsedDetails(details: string | null): StoredError['details'] {
  if (details === null) return {};
  try {
    const parsed = StoredDetails.safeParse(JSON.parse(details));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
