import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { preparedOnce, type PlatformDatabase, type PlatformStatement } from './database.js';

/** Bytes to keep, with their SHA-256 (already computed by whoever received them). */
export interface ContentToKeep {
  readonly sha256: Buffer;
  readonly data: Buffer;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The repository's bytes, content-addressed: kept once per distinct content under its SHA-256 in hex, in the
 * platform's database. Metadata versions of a document and identical resubmissions share the bytes; nothing
 * is ever rewritten. Bytes are kept inside the transaction that writes the metadata naming them, so that a
 * power cut loses both or neither, with one wait for the disk.
 */
export class ContentStore {
  private readonly insert: PlatformStatement;
  private readonly select: PlatformStatement;

  constructor(private readonly db: PlatformDatabase) {
    const prepare = preparedOnce(db);
    this.insert = prepare('INSERT INTO document_content (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING');
    this.select = prepare('SELECT bytes FROM document_content WHERE sha256 = ?');
  }

  /** Keeps each content under its name and returns the names; to run inside the caller's transaction. */
  keep(contents: readonly ContentToKeep[]): string[] {
    return contents.map(({ sha256, data }) => {
      const name = sha256.toString('hex');
      this.insert.run(name, data);
      return name;
    });
  }

  /** A stored content's bytes; a RangeError for a name that is not a SHA-256, an Error for one never kept. */
  read(sha256Hex: string): Buffer {
    if (!SHA256_HEX.test(sha256Hex)) throw new RangeError('not a SHA-256 content name');
    const row = this.select.get(sha256Hex) as { bytes: Buffer } | undefined;
    if (!row) throw new Error('no content under this name');
    return row.bytes;
  }

  /**
   * Takes in the files of a store kept in a folder (one file per content, named by its SHA-256, as the platform
   * kept them before): all in one transaction, then the folder removed, so that a crash midway leaves the
   * files to be taken in again at the next start. Leftovers of an interrupted write (`<name>.<random>.part`)
   * are dropped. Returns how many contents this call took in.
   */
  adoptFolder(directory: string): number {
    if (!existsSync(directory)) return 0;
    const names = readdirSync(directory).filter((name) => SHA256_HEX.test(name));
    let taken = 0;
    this.db.transaction(() => {
      for (const name of names) {
        const bytes = bytesOf(join(directory, name));
        // Gone: another platform opening the same folder took it in and committed before removing it.
        if (bytes === undefined) continue;
        this.insert.run(name, bytes);
        taken += 1;
      }
    })();
    rmSync(directory, { recursive: true, force: true });
    return taken;
  }
}

/** A file's bytes, or undefined when it no longer exists. */
function bytesOf(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
