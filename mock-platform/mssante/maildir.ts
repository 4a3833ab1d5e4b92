import { randomUUID } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

/** Who owns the mail files: the IMAP server reads them under this user (never root: Dovecot refuses it). */
export interface MailOwner {
  readonly uid: number;
  readonly gid: number;
}

/** The user that owns the mail when the mock runs as root: `nobody`, present on every Unix. */
const NOBODY: MailOwner = { uid: 65534, gid: 65534 };

/** The mail files' owner: the current user, or `nobody` under root. */
export function mailOwner(): MailOwner {
  const uid = process.getuid?.() ?? 0;
  return uid === 0 ? NOBODY : { uid, gid: process.getgid?.() ?? 0 };
}

/**
 * The professionals' mailboxes as Maildir folders (`<root>/<address>/Maildir/{tmp,new,cur}`), which the IMAP
 * server serves: a message is written under `tmp/` then renamed into `new/`, so that a reader never sees half
 * of it (the Maildir delivery protocol). Addresses without a folder (the patients', read on the portal) are
 * not written.
 */
export class Maildirs {
  private readonly homes = new Map<string, string>();

  constructor(
    private readonly root: string,
    addresses: readonly string[],
    private readonly owner: MailOwner = mailOwner(),
  ) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    this.own(root);
    if (this.owner.uid !== (process.getuid?.() ?? this.owner.uid)) openPathTo(root);
    for (const address of addresses) this.homes.set(address.toLowerCase(), join(root, address.toLowerCase()));
    this.create();
  }

  /** The folder whose `Maildir/` holds the address's mail (the IMAP user's home). */
  home(address: string): string | undefined {
    return this.homes.get(address.toLowerCase());
  }

  /** Delivers the bytes to the address's Maildir; false when the address has none. */
  deliver(address: string, raw: Buffer): boolean {
    const home = this.home(address);
    if (!home) return false;
    const name = `${Date.now()}.${randomUUID()}.mssante`;
    const temporary = join(home, 'Maildir', 'tmp', name);
    writeFileSync(temporary, raw, { mode: 0o600 });
    this.own(temporary);
    renameSync(temporary, join(home, 'Maildir', 'new', name));
    return true;
  }

  /** Empties every mailbox (the platform's reseed). */
  clear(): void {
    for (const home of this.homes.values()) rmSync(home, { recursive: true, force: true });
    this.create();
  }

  private create(): void {
    for (const home of this.homes.values()) {
      for (const folder of ['', 'Maildir', 'Maildir/tmp', 'Maildir/new', 'Maildir/cur']) {
        mkdirSync(join(home, folder), { recursive: true, mode: 0o700 });
        this.own(join(home, folder));
      }
    }
  }

  private own(path: string): void {
    if ((process.getuid?.() ?? -1) === 0) chownSync(path, this.owner.uid, this.owner.gid);
  }
}

/**
 * Lets another user walk down to `path` (search permission on every folder above it, nothing else): under root
 * the IMAP server reads the mail as `nobody`, and the mock's data folder is usually a private temporary one.
 */
function openPathTo(path: string): void {
  const { root } = parse(path);
  for (let folder = dirname(path); folder !== root; folder = dirname(folder)) {
    const mode = statSync(folder).mode;
    if ((mode & 0o001) === 0) chmodSync(folder, (mode & 0o7777) | 0o011);
  }
}
