import type { Command } from 'commander';

import type { ResponseOf } from '../../../api/contract/index.js';
import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, printPatient, type PatientOptions } from '../patient-session.js';
import { both, line, warn } from '../say.js';
import { COMMON } from '../texts/common-texts.js';
import { PATIENT } from '../texts/patient-texts.js';

type RecordAnswer = ResponseOf<'record.status'>;

/** The patient, then her record's status, the professional's authorization and the médecin traitant flag. */
export function printRecord(answer: RecordAnswer): void {
  const { record } = answer.record;
  const state =
    record.status === 'ACTIF'
      ? both(PATIENT, (t) => t.active)
      : record.status === 'FERME'
        ? both(PATIENT, (t) => t.closed, { date: record.closedAt, reason: record.reasonText || record.reasonCode })
        : both(PATIENT, (t) => t.none);
  printPatient(answer.patient);
  line(`  ${both(PATIENT, (t) => t.record)}: ${state}`);
  line(`  ${both(PATIENT, (t) => t.authorization)}: ${answer.record.authorization}`);
  line(
    `  ${both(PATIENT, (t) => t.medecinTraitant)}: ${both(COMMON, (t) => (answer.record.medecinTraitant ? t.yes : t.no))}`,
  );
  if (answer.clock?.warning) warn(PATIENT, (t) => t.clockSkew, { seconds: answer.clock.skewSeconds });
}

/**
 * `passerelle status` (TD0.2: `session.login`, `patient.vitale`, `patient.identify`, `record.status`) and
 * `passerelle consent` (TD0.3: the same, then `record.consent`). `--json` prints the last method's response.
 */
export function registerRecordCommands(program: Command): void {
  patientCommand(
    program,
    'status',
    both(PATIENT, (t) => t.status),
  ).action(
    action(async (options: PatientOptions) =>
      withCore(options, async ({ invoke }) => {
        await identifyPatient(invoke, options);
        const answer = await invoke('record.status', {});
        if (options.json) return printJson(answer);
        printRecord(answer);
      }),
    ),
  );

  patientCommand(
    program,
    'consent',
    both(PATIENT, (t) => t.consent),
  )
    .option(
      '--medecin-traitant',
      both(PATIENT, (t) => t.consentMedecinTraitant),
    )
    .option(
      '--remove',
      both(PATIENT, (t) => t.consentRemove),
    )
    .action(
      action(async (options: PatientOptions & { medecinTraitant?: boolean; remove?: boolean }) =>
        withCore(options, async ({ invoke }) => {
          await identifyPatient(invoke, options);
          // Running this command is the professional's statement that the patient agreed.
          const answer = await invoke('record.consent', {
            patientAgreed: true,
            medecinTraitant: options.medecinTraitant ?? false,
            remove: options.remove ?? false,
          });
          if (options.json) return printJson(answer);
          printRecord(answer);
        }),
      ),
    );
}
