#!/usr/bin/env node
// The installed command runs the compiled core (npm ci builds it through the "prepare" script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'Passerelle n’est pas compilé : lancez « npm run build ».\nPasserelle is not built: run "npm run build".\n',
  );
  process.exit(70);
}
await import(entry.href);
