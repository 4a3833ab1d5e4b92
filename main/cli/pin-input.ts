import { PasserelleError } from '../../api/errors/index.js';
import { both } from './say.js';
import { COMMON } from './texts/common-texts.js';

export interface PinSource {
  readonly pinStdin?: boolean;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Asks for a PIN on the terminal without echoing it. Raw mode hands us each key as typed; we keep the
 * digits in a local string only, never log them, and restore the terminal whatever happens.
 */
async function promptHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  try {
    return await new Promise<string>((resolvePin, reject) => {
      let typed = '';
      const onData = (data: Buffer): void => {
        for (const char of data.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            input.off('data', onData);
            process.stderr.write('\n');
            resolvePin(typed);
            return;
          }
          if (char === '\u0003') {
            input.off('data', onData);
            process.stderr.write('\n');
            reject(new PasserelleError('PIN_REQUIRED'));
            return;
          }
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

/**
 * The PIN for a command: from standard input with `--pin-stdin` (first line, for scripts), else typed
 * without echo on a terminal; with neither, a clear error instead of a hang.
 */
export async function readPin(source: PinSource, prompt = `${both(COMMON, (t) => t.pinPrompt)}: `): Promise<string> {
  if (source.pinStdin) {
    const text = await readAllStdin();
    return (text.split(/\r?\n/)[0] ?? '').trim();
  }
  if (process.stdin.isTTY) return promptHidden(prompt);
  throw new PasserelleError('PIN_REQUIRED');
}
