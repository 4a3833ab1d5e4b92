import type { Command } from 'commander';

import type { Reminder } from '../../../api/contract/index.js';
import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, type PatientOptions } from '../patient-session.js';
import { both, line, say } from '../say.js';
import { GP } from '../texts/gp-texts.js';

/** One reminder on one line: its status, its label in both languages, when it is due, its proof. */
function printReminder(item: Reminder): void {
  const parts = [
    `[${both(GP, (t) => t[`status_${item.status}`])}]`,
    `${item.label.fr} / ${item.label.en}`,
    item.dueDate === null ? undefined : both(GP, (t) => t.dueOn, { date: item.dueDate ?? '' }),
    item.evidence &&
      both(GP, (t) => t.provedBy, { uniqueId: item.evidence?.uniqueId ?? '', date: item.evidence?.date ?? '' }),
  ];
  line(`  ${parts.filter((p) => p !== undefined).join(' — ')}`);
}

/**
 * `passerelle reminders`: `session.login`, `patient.vitale`, `patient.identify`, then `reminders.list`, whose
 * answer `--json` prints. The e-CPS path (`--e-cps`) joins the card's where the professional's session can open
 * without a card.
 */
export function registerRemindersCommand(program: Command): void {
  patientCommand(
    program,
    'reminders',
    both(GP, (t) => t.reminders),
  ).action(
    action(async (options: PatientOptions) =>
      withCore(options, async ({ invoke }) => {
        await identifyPatient(invoke, options);
        const answer = await invoke('reminders.list', {});
        if (options.json) return printJson(answer);
        if (answer.items.length === 0) return say(GP, (t) => t.remindersNone);
        say(GP, (t) => t.remindersHeading, {
          age: answer.age,
          calendar: answer.calendar.name,
          date: answer.calendar.date,
        });
        answer.items.forEach(printReminder);
      }),
    ),
  );
}
