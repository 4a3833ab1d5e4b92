import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The X server and the keyboard the PIN test drives: packages `xvfb` and `xdotool` (scripts/ensure-system.sh). */
const XVFB = '/usr/bin/Xvfb';
const XDOTOOL = '/usr/bin/xdotool';

/** How long a dialog may take to appear: Chromium's start and the TLS handshake that asks for the PIN. */
const DIALOG_WAIT_MS = 20_000;
const POLL_MS = 100;

export interface VirtualDisplay {
  /** `:N`, for the DISPLAY of the programs shown on it. */
  readonly display: string;
  close(): Promise<void>;
}

/** What a dialog window receives: text typed, then a key. */
export interface DialogInput {
  readonly text?: string;
  readonly key: 'Return' | 'Escape';
}

function missing(path: string, pkg: string): Error {
  return new Error(`${path} is missing: run scripts/ensure-system.sh (Debian package ${pkg}).`);
}

/**
 * An X server of its own, in memory, on a display number it chooses itself (`-displayfd`): a browser shown on
 * it has its real windows and dialogs, which a headless browser does not show and no test could answer.
 */
export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  if (!existsSync(XVFB)) throw missing(XVFB, 'xvfb');
  if (!existsSync(XDOTOOL)) throw missing(XDOTOOL, 'xdotool');
  const server = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const display = await new Promise<string>((resolve, reject) => {
    let said = '';
    let errors = '';
    server.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    (server.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('\n')) resolve(`:${said.trim()}`);
    });
    server.once('exit', (code) => reject(new Error(`Xvfb stopped before it was ready (${code}): ${errors.trim()}`)));
  });
  return {
    display,
    close: async () => {
      server.kill();
      await exited;
    },
  };
}

/** The id of the visible window titled exactly `title`, once there is one. */
async function windowTitled(display: string, title: string): Promise<string> {
  const deadline = Date.now() + DIALOG_WAIT_MS;
  for (;;) {
    try {
      const { stdout } = await run(XDOTOOL, ['search', '--onlyvisible', '--name', `^${title}$`], {
        env: { DISPLAY: display },
      });
      const id = stdout.trim().split('\n')[0];
      if (id) return id;
    } catch {
      // xdotool exits with 1 while no window matches.
    }
    if (Date.now() > deadline) throw new Error(`No window titled "${title}" appeared on ${display}.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Answers the dialog titled `title` as a person at the keyboard would: once the dialog holds the keyboard
 * (the application gives it the focus when it is ready to read), types the text and presses the key, through
 * the X server's own input (XTEST), which the application cannot tell from a keyboard.
 */
export async function answerDialog(display: string, title: string, input: DialogInput): Promise<void> {
  const env = { DISPLAY: display };
  const id = await windowTitled(display, title);
  const deadline = Date.now() + DIALOG_WAIT_MS;
  while ((await run(XDOTOOL, ['getwindowfocus'], { env })).stdout.trim() !== id) {
    if (Date.now() > deadline) throw new Error(`The window "${title}" never took the keyboard.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  if (input.text) await run(XDOTOOL, ['type', '--delay', '30', input.text], { env });
  await run(XDOTOOL, ['key', input.key], { env });
}
