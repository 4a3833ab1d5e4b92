import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { findPackageRoot } from '../../main/service/package-root.js';

/** What a finished `passerelle` process left. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const ROOT = findPackageRoot().root;

/** A `passerelle …` process as a script starts it (the installed command, compiled by the tests' setup), its standard input written then closed. */
export function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  stdin = '',
  prefix: readonly string[] = [],
): { child: ChildProcess; done: Promise<CliRun> } {
  const command = [...prefix, process.execPath, join(ROOT, 'bin', 'passerelle.js'), ...args];
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env: { ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  child.stdin.end(stdin);
  return { child, done };
}

export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  stdin = '',
  prefix: readonly string[] = [],
): Promise<CliRun> {
  return startCli(args, env, stdin, prefix).done;
}

/** The ORG token's PIN for `--pin-stdin` (the emulated cast's test PIN). */
export const ORG_PIN = '1234\n';
