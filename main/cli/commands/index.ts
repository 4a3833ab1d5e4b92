import type { Command } from 'commander';

import { registerAgendaCommands } from './agenda.js';
import { registerBatchCommands } from './batch.js';
import { registerCardsCommand } from './cards.js';
import { registerDemoCommand } from './demo.js';
import { registerEmergencyCommand } from './emergency.js';
import { registerGetCommand } from './get.js';
import { registerMessageCommands } from './message.js';
import { registerLoginCommands } from './login.js';
import { registerMockPlatformCommand } from './mock-platform.js';
import { registerRecordCommands } from './record.js';
import { registerPatientsCommands } from './patients.js';
import { registerRemindersCommand } from './reminders.js';
import { registerRulesCommands } from './rules.js';
import { registerSearchCommand } from './search.js';
import { registerServiceCommand } from './service.js';
import { registerSettingsCommands } from './settings.js';
import { registerUploadCommand } from './upload.js';
import { registerValidateCommand } from './validate.js';
import { registerVsmCommands } from './vsm.js';

/**
 * Every sub-command of `passerelle`, one module per domain. Add a line here when a domain gains commands.
 */
export function registerCommands(program: Command): void {
  registerCardsCommand(program);
  registerLoginCommands(program);
  registerRecordCommands(program);
  registerEmergencyCommand(program);
  registerUploadCommand(program);
  registerBatchCommands(program);
  registerValidateCommand(program);
  registerRulesCommands(program);
  registerSearchCommand(program);
  registerGetCommand(program);
  registerMessageCommands(program);
  registerVsmCommands(program);
  registerRemindersCommand(program);
  registerAgendaCommands(program);
  registerPatientsCommands(program);
  registerServiceCommand(program);
  registerMockPlatformCommand(program);
  registerDemoCommand(program);
  registerSettingsCommands(program);
}
