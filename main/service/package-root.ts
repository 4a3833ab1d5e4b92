import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { z } from 'zod';

const PackageSchema = z.object({ name: z.literal('passerelle'), version: z.string() });

/**
 * The folder of Passerelle's package.json, found upwards from this module: the same code runs from its
 * sources (tsx, tests) and from `dist/`, at different depths.
 */
export function findPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): {
  root: string;
  version: string;
} {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'package.json');
    if (existsSync(candidate)) {
      const parsed = PackageSchema.safeParse(JSON.parse(readFileSync(candidate, 'utf8')));
      if (parsed.success) return { root: folder, version: parsed.data.version };
    }
    if (dirname(folder) === folder) throw new Error(`no Passerelle package.json above ${from}`);
  }
}
