import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The command as npm installs it: it runs the compiled core. */
export const PASSERELLE_BIN = fileURLToPath(new URL('../../bin/passerelle.js', import.meta.url));

/** What a run of the command line gave back. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the installed command (compiled by the tests' setup), as a script would, `stdin` (a PIN) on its standard input. */
export function runPasserelle(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  stdin = '',
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PASSERELLE_BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
