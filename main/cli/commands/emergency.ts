import type { Command } from 'commander';

import type { EmergencyAccess, EmergencyMode } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import { format } from '../../../api/i18n/index.js';
import { action, withCore } from '../cli-core.js';
import { printJson } from '../output.js';
import { identifyPatient, patientCommand, printPatient, type PatientOptions } from '../patient-session.js';
import { both, say } from '../say.js';
import { PATIENT } from '../texts/patient-texts.js';
import { printSearch } from './search.js';

interface EmergencyOptions extends PatientOptions {
  readonly reason?: string;
  readonly centre15?: boolean;
}

/** The red banner, as the window shows it: the mode, its end, and that the patient is told. */
function printBanner(mode: EmergencyMode, access: EmergencyAccess | undefined): void {
  say(
    PATIENT,
    (t) => t.banner,
    (language) => {
      const texts = PATIENT[language];
      const end = access?.end.slice(0, 16).replace('T', ' ');
      return {
        mode: mode === 'centre_15' ? texts.centre15 : texts.breakGlass,
        until: end === undefined ? '' : format(texts.bannerUntil, { end }),
      };
    },
  );
  say(PATIENT, (t) => t.bannerNotice);
}

/**
 * `passerelle emergency`: opens the record without the patient's consent when the situation requires it
 * (break-glass), or for a regulation physician of a SAMU centre 15, and lists what became accessible:
 * `session.login`, `patient.vitale`, `patient.identify`, `record.emergency`, then `document.search`, whose
 * response (which names the emergency access it went under) `--json` prints. The reason is required and checked
 * before the card or the platform is used; centre 15 from a card whose practice situation is not a SAMU
 * regulation one is refused once the login says so, before INSi is asked.
 */
export function registerEmergencyCommand(program: Command): void {
  patientCommand(
    program,
    'emergency',
    both(PATIENT, (t) => t.emergency),
  )
    .requiredOption(
      '--reason <text>',
      both(PATIENT, (t) => t.emergencyReason),
    )
    .option(
      '--centre-15',
      both(PATIENT, (t) => t.emergencyCentre15),
    )
    .action(
      action(async (options: EmergencyOptions) => {
        const reason = options.reason?.trim() ?? '';
        if (reason === '') throw new PasserelleError('EMERGENCY_REASON_REQUIRED');
        const mode: EmergencyMode = options.centre15 ? 'centre_15' : 'bris_de_glace';
        await withCore(options, async ({ invoke }) => {
          const { patient } = await identifyPatient(invoke, options, (professional) => {
            if (mode === 'centre_15' && !professional.medicalRegulation)
              throw new PasserelleError('CENTRE_15_REGULATION_ONLY');
          });
          const opened = await invoke('record.emergency', { reason, mode });
          const answer = await invoke('document.search', {});
          if (options.json) return printJson(answer);
          printBanner(mode, opened.record.emergencyAccess);
          printPatient(patient);
          printSearch(answer);
        });
      }),
    );
}
