import { Command } from 'commander';

import { registerCommands } from './commands/index.js';
import { both } from './say.js';
import { COMMON } from './texts/common-texts.js';

/** The `passerelle` command. Each domain registers its sub-commands in `commands/`. */
export function buildProgram(): Command {
  const program = new Command('passerelle')
    .description(`Passerelle — ${both(COMMON, (t) => t.program)}`)
    .showHelpAfterError()
    .exitOverride((error) => {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      throw error;
    });
  registerCommands(program);
  return program;
}

async function main(): Promise<void> {
  // A reader that stops early (`| head`) is not a failure of the command.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('commander.')) return;
    throw error;
  }
}

await main();
