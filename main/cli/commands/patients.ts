import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { Command } from 'commander';

import type { ResponseOf } from '../../../api/contract/index.js';
import type { Language } from '../../../api/i18n/index.js';
import { withHome, withJson } from '../common-options.js';
import { action, withCore, type HomeOption } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, type PatientOptions } from '../patient-session.js';
import { both, line, say } from '../say.js';
import { GP } from '../texts/gp-texts.js';

interface PatientsOptions extends HomeOption {
  readonly json?: boolean;
  readonly csv?: string;
  readonly professional?: string;
}

function printList(list: ResponseOf<'patients.list'>): void {
  for (const p of list.patients)
    line(
      `  ${p.matricule}  ${p.name || '-'}  ALD ${p.ald ? 'oui/yes' : 'non/no'}  VSM ${p.lastVsm ?? '-'}${p.vsmUpToDate ? '' : ' !'}`,
    );
  if (list.ald.share === null) say(GP, (t) => t.patientsNoAld);
  else {
    const mark = (reached: boolean | undefined, language: Language): string =>
      reached ? GP[language].reached : GP[language].notReached;
    const [half, ninety] = list.ald.thresholds;
    say(
      GP,
      (t) => t.patientsCoverage,
      (language) => ({
        with: list.ald.withRecentVsm,
        of: list.ald.patients,
        share: `${Math.round((list.ald.share ?? 0) * 100)} %`,
        half: mark(half?.reached, language),
        ninety: mark(ninety?.reached, language),
      }),
    );
  }
  say(GP, (t) => t.patientsToDo, { count: list.toDo.length });
}

/**
 * `passerelle patients` (`patients.list`, from this workstation's journal: no card, nothing sent) with `--csv`
 * for a spreadsheet, and `passerelle patients ald` (`session.login`, `patient.vitale`, `patient.identify`, then
 * `patients.ald`). The e-CPS path (`--e-cps`) joins the card's where the professional's session can open
 * without a card.
 */
export function registerPatientsCommands(program: Command): void {
  const patients = withJson(withHome(program.command('patients')))
    .description(both(GP, (t) => t.patients))
    .option(
      '--csv <file>',
      both(GP, (t) => t.patientsCsv),
    )
    .option(
      '--professional <id>',
      both(GP, (t) => t.patientsProfessional),
    )
    .action(
      action(async (options: PatientsOptions) =>
        withCore(options, async ({ invoke }) => {
          const list = await invoke(
            'patients.list',
            options.professional === undefined ? {} : { professional: options.professional },
          );
          if (options.csv !== undefined) {
            const { csv } = await invoke(
              'patients.csv',
              options.professional === undefined ? {} : { professional: options.professional },
            );
            writeFileSync(resolve(options.csv), csv, { mode: 0o600 });
            if (!options.json) say(GP, (t) => t.patientsCsvWritten, { path: options.csv });
          }
          if (options.json) return printJson(list);
          printList(list);
        }),
      ),
    );
  patientCommand(
    patients,
    'ald',
    both(GP, (t) => t.patientsAld),
  )
    .option(
      '--remove',
      both(GP, (t) => t.patientsAldRemove),
    )
    .action(
      action(async (own: PatientOptions & { remove?: boolean }) => {
        // `--json` and `--home` are the list's options too: commander gives them to `patients`, wherever written.
        const options = { ...patients.opts<PatientsOptions>(), ...own };
        await withCore(options, async ({ invoke }) => {
          await identifyPatient(invoke, options);
          const answer = await invoke('patients.ald', { ald: !(options.remove ?? false) });
          if (options.json) return printJson(answer);
          say(GP, (t) => t.patientsAldDone, { matricule: answer.matricule, ald: String(answer.ald) });
        });
      }),
    );
}
