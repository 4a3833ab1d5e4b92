import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One file of a kit and the SHA-256 of its bytes, its path relative to the kit with `/` separators. */
export interface FileChecksum {
  readonly path: string;
  readonly sha256: string;
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** The checksums of the files below `dir` that `keep` selects (given their relative path), sorted by path. */
export function checksumList(dir: string, keep: (path: string) => boolean = () => true): FileChecksum[] {
  return walk(dir)
    .map((file) => relative(dir, file).split(sep).join('/'))
    .filter(keep)
    .sort()
    .map((path) => ({
      path,
      sha256: createHash('sha256')
        .update(readFileSync(join(dir, path)))
        .digest('hex'),
    }));
}

/** The list in the format of `sha256sum`, so that `sha256sum -c` checks a kit against it. */
export function formatChecksums(list: readonly FileChecksum[]): string {
  return list.map((c) => `${c.sha256}  ${c.path}\n`).join('');
}

/** The files the compiled rules are made from: every schematron (any may be included) and the CDA schema. */
export function isRulesSource(path: string): boolean {
  return (
    (path.startsWith('schematrons/') && path.endsWith('.sch')) ||
    (path.startsWith('infrastructure/') && path.endsWith('.xsd'))
  );
}
