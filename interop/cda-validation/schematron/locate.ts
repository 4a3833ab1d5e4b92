import { existsSync, readdirSync } from 'node:fs';
import { join, parse, relative, sep } from 'node:path';

/**
 * The file at `path`, or when it does not exist the file whose path matches it without regard to letter
 * case. Some ANS schematrons were written on Windows and include `Sections/…` where the folder is
 * `sections/`: the ANS tool silently drops those rules on Linux, we find them as Windows does.
 * Only the steps below `root` are matched loosely.
 */
export function locateIgnoringCase(path: string, root: string): string | undefined {
  if (existsSync(path)) return path;
  const rel = relative(root, path);
  if (rel.startsWith('..') || parse(rel).root !== '') return undefined;
  let current = root;
  for (const step of rel.split(sep)) {
    const exact = join(current, step);
    if (existsSync(exact)) {
      current = exact;
      continue;
    }
    const wanted = step.toLowerCase();
    let entries: string[];
    try {
      entries = readdirSync(current);
    } catch {
      return undefined;
    }
    const match = entries.find((e) => e.toLowerCase() === wanted);
    if (match === undefined) return undefined;
    current = join(current, match);
  }
  return current;
}
