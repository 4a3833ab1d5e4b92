import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';

export interface EngineRelaySettings {
  readonly baseUrl: string;
  readonly trustPem: readonly string[];
  readonly certificatePem: string;
  readonly enginePath: string;
  readonly identifier: string;
}

export interface EngineRelay {
  readonly socketPath: string;
  close(): void;
}

const ReadySchema = z.union([z.object({ socketPath: z.string() }), z.object({ error: z.string() })]);

/**
 * The child's script: compiled JavaScript beside this file (the installed application); when this file runs
 * from its source (tests, development), the package's compiled copy, which starts in a fraction of the time
 * a TypeScript loader takes, and the source under tsx only before anything was compiled.
 */
function childCommand(): string[] {
  const beside = fileURLToPath(new URL('./engine-tls-child.js', import.meta.url));
  if (existsSync(beside)) return [beside];
  const built = fileURLToPath(new URL('../../../dist/main/core/platform/engine-tls-child.js', import.meta.url));
  if (existsSync(built)) return [built];
  return ['--import', 'tsx', fileURLToPath(new URL('./engine-tls-child.ts', import.meta.url))];
}

/**
 * Starts the process that holds a card's TLS key for one card session. libp11 initialises once per process
 * and shares the token with our own PKCS#11 sessions: in-process, a second TLS context (a connection after
 * an idle one closed, or the next login) fails with "engine routines::init failed", and our logout closes
 * the engine's sessions. One process per card session keeps both apart; it ends with the session.
 */
export function startEngineRelay(settings: EngineRelaySettings): Promise<EngineRelay> {
  // Inside Electron, process.execPath is the application: ELECTRON_RUN_AS_NODE makes it a plain Node.
  const child: ChildProcess = spawn(process.execPath, childCommand(), {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (reason: string): void => {
      child.kill();
      reject(new PasserelleError('PLATFORM_TLS_REFUSED', { url: settings.baseUrl, reason }));
    };
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code) => fail(`TLS process ended (${String(code)})`));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end < 0) return;
      child.removeAllListeners('exit');
      const ready = ReadySchema.safeParse(JSON.parse(out.slice(0, end)));
      if (!ready.success) return fail('unreadable answer from the TLS process');
      if ('error' in ready.data) return fail(ready.data.error);
      const { socketPath } = ready.data;
      // The relay must not keep a finished command alive.
      child.unref();
      (child.stdin as unknown as { unref?: () => void }).unref?.();
      (child.stdout as unknown as { unref?: () => void }).unref?.();
      resolve({ socketPath, close: () => child.stdin!.end() });
    });
    child.stdin!.write(`${JSON.stringify(settings)}\n`);
  });
}
