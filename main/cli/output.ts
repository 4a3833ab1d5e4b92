import { isPasserelleError, PasserelleError } from '../../api/errors/index.js';
import { format } from '../../api/i18n/index.js';
import { COMMON } from './texts/common-texts.js';

/** Exit codes of the command line: scripts tell a refusal from a crash. */
export const EXIT = { ok: 0, error: 1, usage: 2, internal: 70 } as const;

/** A contract method's response, as `--json` prints it: the very JSON the local API answers. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** An error's message in French then English, on standard error; `id` names the item it is about. */
export function printErrorText(message: { readonly fr: string; readonly en: string }, id?: string): void {
  const said = (language: 'fr' | 'en'): string => {
    const texts = COMMON[language];
    return format(id === undefined ? texts.error : texts.errorFor, { message: message[language], id });
  };
  process.stderr.write(`${said('fr')}\n${said('en')}\n`);
}

/**
 * Reports a failure on stderr in French then English, with `--json` as a machine-readable body on stdout,
 * and sets the exit code. Unknown failures are reported as INTERNAL without leaking their text, which could
 * carry personal data; `debug` (PASSERELLE_DEBUG=1) shows the stack.
 */
export function reportError(error: unknown, options: { readonly json: boolean; readonly debug: boolean }): void {
  const known = isPasserelleError(error) ? error : new PasserelleError('INTERNAL', {}, { cause: error });
  if (options.json) printJson({ error: known.toJSON() });
  printErrorText({ fr: known.messageIn('fr'), en: known.messageIn('en') });
  // The window asks with a checkbox; here, the flag is the explicit confirmation.
  if (known.code === 'PIN_LAST_TRY_CONFIRMATION_REQUIRED')
    process.stderr.write(`${COMMON.fr.lastTryHint}\n${COMMON.en.lastTryHint}\n`);
  if (!isPasserelleError(error) && options.debug) console.error(error);
  process.exitCode = known.code === 'INTERNAL' ? EXIT.internal : EXIT.error;
}
