import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

import yauzl from 'yauzl';
import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import { checksumList, formatChecksums, missingFromKit } from '../../../interop/cda-validation/index.js';

/** What `passerelle rules install` keeps beside the kit it installed. */
const InstalledSchema = z.object({
  version: z.string(),
  installedAt: z.iso.datetime(),
  files: z.number().int().nonnegative(),
});
export type InstalledKit = z.infer<typeof InstalledSchema> & {
  /** The installed kit's folder, in the home. */
  readonly folder: string;
};

/** Where a home keeps its installed rules: the kit, what was recorded of it, its checksums. */
export interface RulesPlaces {
  /** The home's rules folder (`<home>/rules`). */
  readonly root: string;
}

const kitFolder = (places: RulesPlaces): string => join(places.root, 'kit');
const recordFile = (places: RulesPlaces): string => join(places.root, 'installed.json');
/** The checksums of every installed file, in `sha256sum` format (`sha256sum -c` checks the kit with it). */
export const CHECKSUMS_FILE = 'checksums.sha256';

/** The kit installed in this home, or undefined when none is (or its record is unreadable). */
export function installedKit(places: RulesPlaces): InstalledKit | undefined {
  const folder = kitFolder(places);
  if (!existsSync(folder)) return undefined;
  try {
    const record = InstalledSchema.parse(JSON.parse(readFileSync(recordFile(places), 'utf8')));
    return { ...record, folder };
  } catch {
    return undefined;
  }
}

/** The folder below `dir` that holds the kit: `dir` itself, or the one folder an archive wraps it in. */
function kitRoot(dir: string): string {
  if (existsSync(join(dir, 'schematrons')) || existsSync(join(dir, 'infrastructure'))) return dir;
  const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  return folders.length === 1 && folders[0] ? join(dir, folders[0].name) : dir;
}

/**
 * The kit's version as ANS names it: the kit's folder (`TestContenuCDA-3-0`, `TestContenuCDA-3-0-main` from a
 * GitHub archive), then the first characters of the digest of its checksums, which tells two releases apart.
 */
function kitVersion(rootName: string, checksums: string, source: string): string {
  const named = [rootName, basename(source).replace(/\.zip$/i, '')].find((n) => /testcontenucda/i.test(n));
  const digest = createHash('sha256').update(checksums).digest('hex').slice(0, 12);
  return `${named?.replace(/-main$/, '') ?? 'TestContenuCDA'} (${digest})`;
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(path);
    else chmodSync(path, 0o644);
  }
}

/** Extracts a ZIP archive into `into`, refusing any entry that would land outside it. */
async function extractZip(zip: string, into: string): Promise<void> {
  const archive = await new Promise<yauzl.ZipFile>((ok, fail) =>
    yauzl.open(zip, { lazyEntries: true, decodeStrings: true }, (error, file) => (error ? fail(error) : ok(file))),
  );
  const root = resolve(into) + sep;
  await new Promise<void>((ok, fail) => {
    archive.on('error', fail);
    archive.on('end', () => ok());
    archive.on('entry', (entry: yauzl.Entry) => {
      const target = resolve(into, entry.fileName);
      if (!target.startsWith(root)) {
        fail(new Error(`the entry ${entry.fileName} lies outside the archive's folder`));
        return;
      }
      if (entry.fileName.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        archive.readEntry();
        return;
      }
      mkdirSync(dirname(target), { recursive: true });
      archive.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        pipeline(stream, createWriteStream(target)).then(() => archive.readEntry(), fail);
      });
    });
    archive.readEntry();
  });
  archive.close();
}

/**
 * Installs ANS's TestContenuCDA kit from a folder or its ZIP archive into the home: checks that every file the
 * validator needs is there (CDA_RULES_KIT_INCOMPLETE names what is missing), copies the kit, records its
 * version and the checksums of its files, then puts it in place of the kit installed before, if any. The
 * rules are compiled afterwards ({@link RulesDesk.install}).
 */
export async function installKit(from: string, places: RulesPlaces, now: () => Date): Promise<InstalledKit> {
  const source = resolve(from);
  if (!existsSync(source))
    throw new PasserelleError('CDA_RULES_SOURCE_UNREADABLE', { source, reason: 'no such file or folder' });
  mkdirSync(places.root, { recursive: true });
  const staging = join(places.root, `.incoming-${randomBytes(6).toString('hex')}`);
  let rootName: string;
  try {
    if (statSync(source).isDirectory()) {
      const root = kitRoot(source);
      const missing = missingFromKit(root);
      if (missing.length > 0)
        throw new PasserelleError('CDA_RULES_KIT_INCOMPLETE', { source, missing: missing.join(', ') });
      rootName = basename(root);
      cpSync(root, staging, { recursive: true });
      // A kit read from a read-only place (a mounted disk, a package) is copied writable, so it can be replaced.
      makeWritable(staging);
    } else {
      const unpacked = `${staging}-zip`;
      try {
        await extractZip(source, unpacked);
      } catch (cause) {
        rmSync(unpacked, { recursive: true, force: true });
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new PasserelleError('CDA_RULES_SOURCE_UNREADABLE', { source, reason }, { cause });
      }
      const root = kitRoot(unpacked);
      const missing = missingFromKit(root);
      if (missing.length > 0) {
        rmSync(unpacked, { recursive: true, force: true });
        throw new PasserelleError('CDA_RULES_KIT_INCOMPLETE', { source, missing: missing.join(', ') });
      }
      rootName = basename(root);
      renameSync(root, staging);
      rmSync(unpacked, { recursive: true, force: true });
    }
    const list = checksumList(staging);
    const checksums = formatChecksums(list);
    const record = {
      version: kitVersion(rootName, checksums, source),
      installedAt: now().toISOString(),
      files: list.length,
    };
    // The checksums describe the kit's files: written beside the kit, not in it.
    writeFileSync(join(places.root, CHECKSUMS_FILE), checksums);
    const previous = `${kitFolder(places)}.previous-${randomBytes(6).toString('hex')}`;
    if (existsSync(kitFolder(places))) renameSync(kitFolder(places), previous);
    renameSync(staging, kitFolder(places));
    writeFileSync(recordFile(places), `${JSON.stringify(record, null, 2)}\n`);
    rmSync(previous, { recursive: true, force: true });
    return { ...record, folder: kitFolder(places) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
