import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { PasserelleError } from '../../../api/errors/index.js';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM sealing of health data at rest (queue payloads, cached documents, the journal's patient
 * fields). `context` binds a sealed value to where it belongs (a row id, a column), so a value copied into
 * another row does not open there.
 */
export class SealedBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('SealedBox needs a 32-byte key');
  }

  // Payloads are documents of up to tens of MB: each is copied once into its sealed form, not once per part.
  seal(plain: Uint8Array, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const header = 1 + IV_BYTES + TAG_BYTES;
    const sealed = Buffer.allocUnsafe(header + plain.length);
    sealed[0] = VERSION;
    iv.copy(sealed, 1);
    let end = header + cipher.update(plain).copy(sealed, header);
    end += cipher.final().copy(sealed, end);
    cipher.getAuthTag().copy(sealed, 1 + IV_BYTES);
    return sealed.subarray(0, end);
  }

  open(sealed: Uint8Array, context: string): Buffer {
    const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== VERSION) {
      throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'unknown format' });
    }
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      const plain = decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES));
      const rest = decipher.final();
      return rest.length === 0 ? plain : Buffer.concat([plain, rest]);
    } catch (cause) {
      throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'authentication failed' }, { cause });
    }
  }

  sealText(text: string, context: string): Buffer {
    return this.seal(Buffer.from(text, 'utf8'), context);
  }

  openText(sealed: Uint8Array, context: string): string {
    return this.open(sealed, context).toString('utf8');
  }
}
