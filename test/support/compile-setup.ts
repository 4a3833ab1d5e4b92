import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Vitest global setup: the command-line scenarios run the compiled command (`bin/passerelle.js`), as it is
 * installed, which starts in a second where running the sources through a TypeScript loader takes several.
 * `npm test` compiles before the tests; a bare `vitest run` compiles here, incrementally.
 */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-b'], { stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`The sources do not compile, so the command line cannot be tested:\n${output.slice(0, 4000)}`);
  }
}
