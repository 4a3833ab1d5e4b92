import { createHash, createHmac, hkdfSync } from 'node:crypto';

import type { ItemSource, QueuedDocument } from './queued-document.js';

/**
 * Keyed fingerprints that let the queue find equal things without storing them in clear. Keyed (HMAC with a
 * key derived from the user's data key) because the inputs include a NIR, and plain hashes of a NIR could be
 * found by trying every NIR.
 */
export class Fingerprints {
  private readonly key: Buffer;

  constructor(dataKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'passerelle/queue/fingerprints', 32));
  }

  /**
   * The idempotence key: the document's bytes, the patient's INS and the document type. The same file for the
   * same patient as the same type is the same filing, whatever else a corrected manifest line changes (traits,
   * author, dates, visibility): it is queued once. The same bytes filed for another patient, or as another
   * type, is another filing, and is not silently dropped.
   */
  idempotency(content: Uint8Array, document: QueuedDocument): Buffer {
    const digest = createHash('sha256').update(content).digest('hex');
    return this.mac('idempotency', digest, document.patient.matricule, document.patient.oid, document.typeCode);
  }

  /**
   * The grouping key: documents for the same patient and the same encounter (same author, same start and end
   * of care) may travel in one submission set.
   */
  group(document: QueuedDocument): Buffer {
    return this.mac(
      'group',
      document.patient.matricule,
      document.patient.oid,
      document.authorId,
      document.service.start,
      document.service.end ?? '',
    );
  }

  /** Where an item came from: a later import of the same file (or manifest line) supersedes its "to fix" entry. */
  source(source: ItemSource): Buffer {
    return this.mac('source', source.path ?? `${source.manifest ?? ''}#${source.line ?? ''}#${source.file}`);
  }

  private mac(purpose: string, ...parts: readonly string[]): Buffer {
    const hmac = createHmac('sha256', this.key).update(purpose);
    for (const part of parts) hmac.update('\u0000').update(part, 'utf8');
    return hmac.digest();
  }
}
