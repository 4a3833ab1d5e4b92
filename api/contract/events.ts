import { z } from 'zod';

import { ErrorBodySchema } from '../errors/index.js';
import { BatchErrorSchema } from './batch-methods.js';
import { CardKindSchema } from './card-methods.js';

/**
 * What the core tells the UI without being asked, as one discriminated union on `type`. Add a variant here
 * when a domain has news to push; the renderer's switch over `type` then shows where it must react.
 */
export const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('card.inserted'), reader: z.string(), cardKind: CardKindSchema }),
  z.object({ type: z.literal('card.removed'), reader: z.string(), cardKind: CardKindSchema }),
  z.object({
    type: z.literal('pin.state'),
    reader: z.string(),
    triesLeft: z.number().int().nonnegative(),
    locked: z.boolean(),
  }),
  /** The professional's session opened or ended; `card-removed` when it ended because her card left its reader. */
  z.object({
    type: z.literal('session.changed'),
    open: z.boolean(),
    reason: z.enum(['card-removed']).optional(),
  }),
  z.object({
    type: z.literal('queue.progress'),
    done: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  /** The batch was paused (by whom asked, or by what no document can get past: `reason`), or resumed. */
  z.object({ type: z.literal('queue.paused'), paused: z.boolean(), reason: BatchErrorSchema.optional() }),
  /** The platform looks down: the sending holds its documents and tries again about `until`. */
  z.object({ type: z.literal('queue.outage'), until: z.iso.datetime(), error: BatchErrorSchema }),
  /** A batch was imported (by `batch.import`, or from the folder a sending watches): what it queued, what is to fix. */
  z.object({
    type: z.literal('queue.imported'),
    queued: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    toFix: z.array(z.object({ file: z.string(), reason: BatchErrorSchema })),
  }),
  z.object({
    type: z.literal('breakglass.banner'),
    active: z.boolean(),
    until: z.iso.datetime().optional(),
  }),
  /**
   * This computer's clock against the platform's, read on the first call of each platform session: beyond the
   * tolerance (VIHF times are checked at ±5 min) the platform refuses what this computer signs.
   */
  z.object({
    type: z.literal('platform.clock'),
    skewSeconds: z.number().int(),
    toleranceSeconds: z.number().int().positive(),
    beyondTolerance: z.boolean(),
  }),
  /** The official rules being compiled after an install: `done` of `total` schematrons, the last one named. */
  z.object({
    type: z.literal('rules.progress'),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    schematron: z.string(),
  }),
  z.object({ type: z.literal('error'), error: ErrorBodySchema }),
]);
export type PasserelleEvent = z.infer<typeof EventSchema>;
export type EventType = PasserelleEvent['type'];

/** An event as it travels: numbered, so that a client that reconnects asks for what it missed. */
export const SequencedEventSchema = z.object({ seq: z.number().int().positive(), event: EventSchema });
export type SequencedEvent = z.infer<typeof SequencedEventSchema>;
