import { z } from 'zod';

const Base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .transform((text) => Buffer.from(text, 'base64'));

/**
 * What the payload log keeps beside a queued document: the columns its row is written with, so that a row a
 * power cut lost is written again as it was (same id, ids, dates). Its keyed fingerprints are not kept: they
 * are computed again from the document and its description, as the enqueue computed them. Nothing more in
 * clear than the row holds: document OIDs and times; the description (patient, type, author, files) sealed.
 */
const LoggedItemSchema = z.object({
  id: z.uuid(),
  documentId: z.string().min(1),
  setId: z.string().min(1),
  effectiveTime: z.iso.datetime(),
  size: z.number().int().positive(),
  description: Base64,
  readyAt: z.number().int(),
  createdAt: z.iso.datetime(),
});
export interface LoggedItem {
  readonly id: string;
  readonly documentId: string;
  readonly setId: string;
  readonly effectiveTime: string;
  /** The document's size in clear, bytes. */
  readonly size: number;
  /** Sealed (`ItemSeal.sealDescription`). */
  readonly description: Buffer;
  readonly readyAt: number;
  readonly createdAt: string;
}

export function encodeLoggedItem(item: LoggedItem): Buffer {
  return Buffer.from(JSON.stringify({ ...item, description: item.description.toString('base64') }), 'utf8');
}

/** The item a log header describes, or undefined when the header is not one this version wrote. */
export function decodeLoggedItem(header: Buffer): LoggedItem | undefined {
  let json: unknown;
  try {
    json = JSON.parse(header.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = LoggedItemSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
