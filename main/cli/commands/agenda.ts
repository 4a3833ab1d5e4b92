import type { Command } from 'commander';

import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, type PatientOptions } from '../patient-session.js';
import { both, say } from '../say.js';
import { GP } from '../texts/gp-texts.js';

interface ShareOptions extends PatientOptions {
  readonly start: string;
  readonly end: string;
  readonly reason: string;
}

/**
 * `passerelle agenda share`: `session.login`, `patient.vitale`, `patient.identify`, then `agenda.share`, whose
 * answer `--json` prints. The e-CPS path (`--e-cps`) joins the card's where the professional's session can open
 * without a card.
 */
export function registerAgendaCommands(program: Command): void {
  const agenda = program.command('agenda').description(both(GP, (t) => t.agenda));
  patientCommand(
    agenda,
    'share',
    both(GP, (t) => t.agendaShare),
  )
    .requiredOption(
      '--start <iso>',
      both(GP, (t) => t.agendaStart),
    )
    .requiredOption(
      '--end <iso>',
      both(GP, (t) => t.agendaEnd),
    )
    .requiredOption(
      '--reason <text>',
      both(GP, (t) => t.agendaReason),
    )
    .action(
      action(async (options: ShareOptions) =>
        withCore(options, async ({ invoke }) => {
          await identifyPatient(invoke, options);
          const answer = await invoke('agenda.share', {
            start: options.start,
            end: options.end,
            reason: options.reason,
          });
          if (options.json) return printJson(answer);
          say(GP, (t) => t.agendaShared, { ...answer.appointment });
        }),
      ),
    );
}
