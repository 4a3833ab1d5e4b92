import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

/** A `passerelle service` process, and the launch URL it printed. */
export interface ServiceProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly launchUrl: URL;
}

/**
 * Starts `passerelle service` on any free port for `home`, with the environment's platform and environment
 * settings emptied (the defaults: the bundled mock), and waits for the launch URL it prints.
 */
export async function spawnService(home: string): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [PASSERELLE_BIN, 'service', '--port', '0', '--home', home], {
    env: { ...process.env, PASSERELLE_PLATFORM_URL: '', PASSERELLE_ENVIRONMENT: '' },
  });
  child.stdin.end();
  let output = '';
  const launchUrl = await new Promise<URL>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
      if (found) resolve(new URL(found[0]));
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
  });
  return { child, launchUrl };
}
