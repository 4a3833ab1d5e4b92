import type { Command } from 'commander';

import { both } from './say.js';
import { COMMON } from './texts/common-texts.js';

/** Adds `--home <dir>`: the workstation's home folder, where the environment's is not wanted. */
export function withHome(command: Command): Command {
  return command.option(
    '--home <dir>',
    both(COMMON, (t) => t.home),
  );
}

/** Adds `--json`: the contract method's response, printed as it is. */
export function withJson(command: Command): Command {
  return command.option(
    '--json',
    both(COMMON, (t) => t.json),
  );
}

/** Adds the PIN's options: `--pin-stdin` (read from standard input) and `--confirm-last-try`. */
export function withPin(command: Command): Command {
  return command
    .option(
      '--pin-stdin',
      both(COMMON, (t) => t.pinStdin),
    )
    .option(
      '--confirm-last-try',
      both(COMMON, (t) => t.confirmLastTry),
    );
}
