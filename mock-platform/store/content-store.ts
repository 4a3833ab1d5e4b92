import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { DecodedAttachment } from '../../interop/mtom/index.js';

/**
 * The repository's bytes, content-addressed: one file per distinct content, named by its SHA-256 in hex.
 * Metadata versions of a document and identical resubmissions share the file; nothing is ever rewritten.
 */
export class ContentStore {
  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  }

  /**
   * Takes a received attachment in under its SHA-256 name and returns that name. The file is flushed to disk
   * before it is renamed (and the folder after), so that metadata committed afterwards never names bytes a
   * power cut lost.
   */
  async adopt(attachment: DecodedAttachment): Promise<string> {
    const [name] = await this.adoptAll([attachment]);
    return name!;
  }

  /**
   * Takes several attachments in at once, as `adopt` does each: their files written and flushed side by side,
   * renamed, then the folder flushed once for all of them (one wait for the disk rather than one per file).
   */
  async adoptAll(attachments: readonly DecodedAttachment[]): Promise<string[]> {
    const renamed = await Promise.all(attachments.map((attachment) => this.takeIn(attachment)));
    if (renamed.includes(true)) await this.flush(this.directory);
    return attachments.map((attachment) => attachment.sha256.toString('hex'));
  }

  /** One attachment's bytes under their name, flushed; true when it was renamed in (not already there). */
  private async takeIn(attachment: DecodedAttachment): Promise<boolean> {
    const target = join(this.directory, attachment.sha256.toString('hex'));
    if (existsSync(target)) {
      if (attachment.path) await rm(attachment.path, { force: true });
      return false;
    }
    // A name of its own for bytes held in memory: the same document sent twice at once writes two files, and
    // whichever is renamed last replaces identical bytes.
    const source = attachment.path ?? `${target}.${randomBytes(8).toString('hex')}.part`;
    if (attachment.path) await this.flush(source);
    else await writeFlushed(source, attachment.data ?? Buffer.alloc(0));
    await rename(source, target);
    return true;
  }

  /** A stored content's bytes. */
  read(sha256Hex: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256Hex));
  }

  pathOf(sha256Hex: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new RangeError('not a SHA-256 content name');
    return join(this.directory, sha256Hex);
  }

  private async flush(path: string): Promise<void> {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** Bytes kept in memory, written and flushed through one handle. */
export async function writeFlushed(path: string, data: Buffer): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
