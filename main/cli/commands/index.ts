import type { Command } from 'commander';

import { registerServiceCommand } from './service.js';

/**
 * Every sub-command of `passerelle`, one module per domain. Add a line here when a domain gains commands.
 */
export function registerCommands(program: Command): void {
  registerServiceCommand(program);
}
