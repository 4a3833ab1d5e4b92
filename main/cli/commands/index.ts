import type { Command } from 'commander';

import { registerBatchCommands } from './batch.js';
import { registerCardsCommand } from './cards.js';
import { registerDemoCommand } from './demo.js';
import { registerEmergencyCommand } from './emergency.js';
import { registerGetCommand } from './get.js';
import { registerMockPlatformCommand } from './mock-platform.js';
import { registerRecordCommands } from './record.js';
import { registerRulesCommands } from './rules.js';
import { registerSearchCommand } from './search.js';
import { registerServiceCommand } from './service.js';
import { registerUploadCommand } from './upload.js';
import { registerValidateCommand } from './validate.js';

/**
 * Every sub-command of `passerelle`, one module per domain. Add a line here when a domain gains commands.
 */
export function registerCommands(program: Command): void {
  registerCardsCommand(program);
  registerRecordCommands(program);
  registerEmergencyCommand(program);
  registerUploadCommand(program);
  registerBatchCommands(program);
  registerValidateCommand(program);
  registerRulesCommands(program);
  registerSearchCommand(program);
  registerGetCommand(program);
  registerServiceCommand(program);
  registerMockPlatformCommand(program);
  registerDemoCommand(program);
}
