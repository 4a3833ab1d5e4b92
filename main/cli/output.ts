import { isPasserelleError, PasserelleError } from '../../api/errors/index.js';

/** Exit codes of the command line: scripts tell a refusal from a crash. */
export const EXIT = { ok: 0, error: 1, usage: 2, internal: 70 } as const;

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Reports a failure on stderr in French then English, with `--json` as a machine-readable body on stdout,
 * and sets the exit code. Unknown failures are reported as INTERNAL without leaking their text, which could
 * carry personal data; set PASSERELLE_DEBUG=1 to see the stack.
 */
export function reportError(error: unknown, json = false): void {
  const known = isPasserelleError(error) ? error : new PasserelleError('INTERNAL', {}, { cause: error });
  if (json) printJson({ error: known.toJSON() });
  process.stderr.write(`Erreur : ${known.messageIn('fr')}\nError: ${known.messageIn('en')}\n`);
  if (!isPasserelleError(error) && process.env.PASSERELLE_DEBUG === '1') console.error(error);
  process.exitCode = known.code === 'INTERNAL' ? EXIT.internal : EXIT.error;
}

/** Wraps a command's action so that every failure is reported the same way. */
export function action<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      const last = args[args.length - 2] as { json?: boolean } | undefined;
      reportError(error, Boolean(last && typeof last === 'object' && last.json));
    }
  };
}
