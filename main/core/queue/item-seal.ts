import { PasserelleError } from '../../../api/errors/index.js';
import { SealedBox } from '../storage/sealed-box.js';
import { ItemDescriptionSchema, type ItemDescription } from './queued-document.js';

/** The sealed payloads of an item: the document (in the documents' log), and the bytes prepared from it (in `payloads`). */
export type PayloadPart = 'content' | 'prepared';

/**
 * What the queue keeps of an item in the clear nowhere: its description (patient, type, author, file names)
 * and its payloads, each sealed (AES-256-GCM) to its item and column, so that a value copied into another
 * row or column does not open there.
 */
export class ItemSeal {
  private readonly box: SealedBox;

  constructor(key: Buffer) {
    this.box = new SealedBox(key);
  }

  sealDescription(id: string, description: ItemDescription): Buffer {
    return this.box.sealText(JSON.stringify(description), `queue:${id}:description`);
  }

  /**
   * The description, checked again: a row written by another version or altered by hand is STORED_DATA_CORRUPT
   * rather than reaching the platform unchecked.
   */
  openDescription(id: string, sealed: Buffer): ItemDescription {
    const json: unknown = JSON.parse(this.box.openText(sealed, `queue:${id}:description`));
    const parsed = ItemDescriptionSchema.safeParse(json);
    if (!parsed.success) throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'queue item description' });
    return parsed.data;
  }

  sealPayload(id: string, part: PayloadPart, bytes: Uint8Array): Buffer {
    return this.box.seal(bytes, `queue:${id}:${part}`);
  }

  openPayload(id: string, part: PayloadPart, sealed: Buffer): Buffer {
    return this.box.open(sealed, `queue:${id}:${part}`);
  }
}
