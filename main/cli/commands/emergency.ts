import type { Command } from 'commander';

import { PasserelleError } from '../../../api/errors/index.js';
import type { RecordStatus } from '../../../interop/hl7v3/td02.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import { openConsultation, searchRecord } from '../../core/consult/open-consultation.js';
import { action, printJson } from '../output.js';
import { patientCommand, patientLines, withPatient, type PatientOptions } from './record.js';
import { answerLines } from './search.js';

interface EmergencyOptions extends PatientOptions {
  readonly reason?: string;
  readonly centre15?: boolean;
}

const MODE_NAMES = {
  bris_de_glace: 'bris de glace / break-glass',
  centre_15: 'régulation médicale, centre 15 / medical regulation, centre 15',
} as const;

function bannerLines(mode: keyof typeof MODE_NAMES, status: RecordStatus): string[] {
  const until = status.emergencyAccess
    ? ` jusqu’à / until ${status.emergencyAccess.end.slice(0, 16).replace('T', ' ')} UTC`
    : '';
  return [
    `!! ACCÈS EN URGENCE / EMERGENCY ACCESS — ${MODE_NAMES[mode]}${until}`,
    '!! Le patient est informé de cet accès, de son motif et de votre identité / the patient is notified of this access, its reason and who you are.',
  ];
}

/**
 * `passerelle emergency`: opens the record without the patient's consent when the situation requires it
 * (break-glass), or for a regulation physician of a SAMU centre 15, and lists what became accessible. The
 * reason is required and checked before the card or the platform is used; centre 15 from a card whose
 * practice situation is not a SAMU regulation one is refused once the card is read, before anything leaves.
 */
export function registerEmergencyCommand(program: Command): void {
  patientCommand(
    program,
    'emergency',
    'Accès en urgence au DMP (bris de glace ou centre 15) / emergency access to the record',
  )
    .requiredOption(
      '--reason <text>',
      'motif de l’accès, transmis et journalisé / reason for the access, sent and journaled',
    )
    .option(
      '--centre-15',
      'accès de régulation médicale, réservé au médecin régulateur du SAMU dans sa situation de régulation / medical regulation access, for SAMU regulation physicians in their regulation situation only',
    )
    .action(
      action(async (options: EmergencyOptions) => {
        const reason = options.reason?.trim() ?? '';
        if (reason === '') throw new PasserelleError('EMERGENCY_REASON_REQUIRED');
        const mode = options.centre15 ? 'centre_15' : 'bris_de_glace';
        const home = ensureHome(resolveHome(options.home));
        // Centre 15 from a practice situation that is not a SAMU regulation one is refused before INSi is asked.
        await withPatient({ ...options, accessMode: mode }, async (handle, patient) => {
          const status = await handle.session.openEmergencyAccess(patient, { mode, reason });
          const consult = openConsultation(home, handle.session);
          try {
            const { visit: _visit, ...answer } = await searchRecord(consult.consultation, handle.session, patient, {
              newOnly: false,
              includeArchived: false,
            });
            if (options.json) return printJson({ patient, record: status, accessMode: mode, ...answer });
            for (const line of [...bannerLines(mode, status), ...patientLines(patient), ...answerLines(answer)])
              process.stdout.write(`${line}\n`);
          } finally {
            consult.close();
          }
        });
      }),
    );
}
