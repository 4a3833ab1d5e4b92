import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import { LOGIN_WORD, withoutPin } from './relay-status.js';

/** What the relay is told at its start besides the PIN: the card, the platform, the engine. */
export interface EngineRelaySettings {
  /** The card's label, for messages. */
  readonly label: string;
  readonly baseUrl: string;
  readonly trustPem: readonly string[];
  /** The HTTP proxy that reaches the platform, when this network needs one. */
  readonly proxy?: string | undefined;
  readonly certificatePem: string;
  readonly enginePath: string;
  /** The card key's PKCS#11 URI, without any PIN. */
  readonly keyUri: string;
  /** The environment the relay's process starts with: the host's, given by its entry point. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** The mail servers the card's key may reach by STARTTLS through the relay (the MSSanté operator). */
  readonly tunnels?: readonly MailServer[];
}

/** A mail server the relay may tunnel to. */
export interface MailServer {
  readonly host: string;
  readonly port: number;
}

/** A running relay: where the platform's requests go as plain HTTP, and how to end it. */
export interface EngineRelay {
  readonly socketPath: string;
  /**
   * Why requests no longer go through it: it stopped on its own (a crash, a kill) or its card session ended;
   * either way, the card must be logged in again.
   */
  readonly failure: PasserelleError | undefined;
  close(): void;
}

const ENGINE_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so',
  '/usr/lib/aarch64-linux-gnu/engines-3/pkcs11.so',
  '/usr/lib64/engines-3/pkcs11.so',
  '/opt/homebrew/lib/engines-3/pkcs11.dylib',
  '/usr/local/lib/engines-3/pkcs11.dylib',
];

/**
 * Where the OpenSSL PKCS#11 engine (libp11) lives: `PASSERELLE_OPENSSL_ENGINE`, else the usual places.
 * The engine reaches the card's module through p11-kit's registry, as Debian's softhsm2 and opensc packages
 * register themselves there; a vendor module (CPS Cryptolib) needs a p11-kit `.module` file of its own.
 */
export function findOpenSslEngine(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env.PASSERELLE_OPENSSL_ENGINE;
  const found = explicit ?? ENGINE_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found || !existsSync(found)) throw new PasserelleError('OPENSSL_ENGINE_NOT_FOUND');
  return found;
}

/**
 * How the relay names the engine to OpenSSL. Node looks an engine up by id, then loads it by path: given a
 * path as its id, OpenSSL loads the library and libp11 refuses the path as its id, printing "bad engine id",
 * before Node loads it again by path. Named by its id (`pkcs11`) with its folder as OpenSSL's engine folder,
 * it loads once and says nothing; an engine filed under another name keeps its path.
 */
export function engineLookup(enginePath: string): {
  readonly id: string;
  readonly env: Readonly<Record<string, string>>;
} {
  const name = basename(enginePath, extname(enginePath));
  return name === 'pkcs11' ? { id: name, env: { OPENSSL_ENGINES: dirname(enginePath) } } : { id: enginePath, env: {} };
}

/** What libp11 prints that tells the user nothing: the id refused before the load by path. */
const ENGINE_NOISE = new Set(['bad engine id']);
/** How much of the engine's words a failure keeps. */
const MAX_REASON_CHARS = 600;

/** The last distinct lines the engine wrote on standard error, noise dropped and PIN removed. */
class EngineLines {
  private pending = '';
  private readonly lines: string[] = [];

  add(chunk: Buffer): void {
    const text = this.pending + chunk.toString('utf8');
    const end = text.lastIndexOf('\n');
    this.pending = end < 0 ? text.slice(-MAX_REASON_CHARS) : text.slice(end + 1);
    if (end >= 0) for (const line of text.slice(0, end).split('\n')) this.keep(line);
  }

  said(): string[] {
    if (this.pending) this.keep(this.pending);
    this.pending = '';
    return this.lines;
  }

  private keep(line: string): void {
    const clean = withoutPin(line).trim();
    if (!clean || ENGINE_NOISE.has(clean) || this.lines.includes(clean)) return;
    this.lines.push(clean);
    if (this.lines.length > 8) this.lines.shift();
  }
}

function reasonOf(...parts: readonly string[]): string {
  const reason = parts.filter(Boolean).join('; ');
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
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

/** The one line the relay reads on its standard input: the PIN travels there, never in argv or the environment. */
function settingsLine(settings: EngineRelaySettings, engineId: string, pin: string, holdLogin: boolean): string {
  const { baseUrl, trustPem, proxy, certificatePem, keyUri } = settings;
  const tunnels = settings.tunnels ?? [];
  const line = { baseUrl, trustPem, proxy, certificatePem, engine: engineId, keyUri, pin, tunnels, holdLogin };
  return `${JSON.stringify(line)}\n`;
}

/**
 * Starts the process that holds a card's TLS key for one card session, and hands it the PIN once. libp11
 * initialises once per process and shares the token with our own PKCS#11 sessions: in-process, a second TLS
 * context (a connection after an idle one closed, or the next login) fails with "engine routines::init
 * failed", and our logout closes the engine's sessions. One process per card session keeps both apart; the
 * session ends it. The engine logs in to the card when the relay starts, so a key it cannot reach is said at
 * login, and a relay that stopped cannot start again without the PIN: the card is logged in again.
 *
 * With `loginAfter`, the process starts and takes the PIN at once, but logs in only once that promise is
 * fulfilled (another relay of the same card logging in), and ends if it is rejected.
 */
export function startEngineRelay(
  settings: EngineRelaySettings,
  pin: string,
  loginAfter?: Promise<unknown>,
): Promise<EngineRelay> {
  const engine = engineLookup(settings.enginePath);
  // Inside Electron, process.execPath is the application: ELECTRON_RUN_AS_NODE makes it a plain Node.
  const child = spawn(process.execPath, childCommand(), {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...settings.environment, ...engine.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  // Written here, where no closure is made: none can keep the PIN alive once the line has left.
  child.stdin.write(settingsLine(settings, engine.id, pin, loginAfter !== undefined));
  // The PIN already left: what waits is only the word to log in, or the end when the other login failed.
  loginAfter?.then(
    () => child.stdin.write(`${LOGIN_WORD}\n`),
    () => child.stdin.end(),
  );
  return followRelay(child, settings.label);
}

/** The relay as its watcher sees it: the failure is set by the watcher. */
type RunningRelay = Omit<EngineRelay, 'failure'> & { failure: PasserelleError | undefined };

/** Waits for the relay's answer, then watches it: a relay that stops on its own is remembered as the failure. */
function followRelay(child: ChildProcess, label: string): Promise<EngineRelay> {
  const engineLines = new EngineLines();
  // The engine's lines (and Node's, on a crash) are the user's only through a typed failure, cleaned.
  child.stderr!.on('data', (chunk: Buffer) => engineLines.add(chunk));
  // A relay that ended is reported by its exit below, not by a write to its closed input.
  child.stdin!.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    let out = '';
    let refusal: string | undefined;
    let relay: RunningRelay | undefined;
    let closing = false;
    const ended = (code: number | null, signal: NodeJS.Signals | null): string =>
      refusal === undefined
        ? reasonOf(...engineLines.said(), signal ? `stopped by ${signal}` : `exit code ${String(code)}`)
        : reasonOf(refusal, ...engineLines.said());
    child.once('error', (error) => {
      if (!relay) reject(new PasserelleError('CARD_TLS_LINK_FAILED', { label, reason: withoutPin(error.message) }));
      child.kill();
    });
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      if (!relay) reject(new PasserelleError('CARD_TLS_LINK_FAILED', { label, reason: ended(code, signal) }));
      else if (!closing)
        relay.failure = new PasserelleError('CARD_TLS_LINK_ENDED', { label, reason: ended(code, signal) });
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (relay || refusal !== undefined) return;
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end < 0) return;
      let answer: unknown;
      try {
        answer = JSON.parse(out.slice(0, end));
      } catch {
        answer = undefined;
      }
      const ready = ReadySchema.safeParse(answer);
      if (!ready.success) {
        refusal = 'unreadable answer from the TLS process';
        child.kill();
        return;
      }
      if ('error' in ready.data) {
        // The relay exits at once: its failure is said once its standard error was read to the end.
        refusal = withoutPin(ready.data.error);
        return;
      }
      const started: RunningRelay = {
        socketPath: ready.data.socketPath,
        failure: undefined,
        close: () => {
          closing = true;
          started.failure ??= new PasserelleError('NOT_LOGGED_IN', { label });
          child.stdin!.end();
        },
      };
      relay = started;
      // The relay must not keep a finished command alive.
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr])
        (stream as unknown as { unref?: () => void }).unref?.();
      resolve(relay);
    });
  });
}
