import type { Command } from 'commander';
import { z } from 'zod';

import { PasserelleError } from '../../../api/errors/index.js';
import type { RecordStatus } from '../../../interop/hl7v3/td02.js';
import type { AccessMode } from '../../../interop/vihf/index.js';
import { relayAtLogin } from '../../core/cards/card-tls-relay.js';
import { chooseBeneficiary, openDmpSession, type DmpSessionHandle } from '../../core/cards/open-dmp-session.js';
import { ensureHome, resolveHome } from '../../core/config/home.js';
import type { PatientIdentity } from '../../core/patient/patient-identity.js';
import { findPackageRoot } from '../../service/package-root.js';
import { action, printJson } from '../output.js';
import { readPin } from '../pin-input.js';
import { openCards } from './cards.js';

export interface PatientOptions {
  readonly card: string;
  readonly vitale: string;
  readonly beneficiary?: string;
  readonly home?: string;
  readonly pinStdin?: boolean;
  readonly confirmLastTry?: boolean;
  readonly json?: boolean;
  /** The access mode the command will ask for (emergency): checked against the card's practice situation. */
  readonly accessMode?: AccessMode;
}

const BeneficiarySchema = z.coerce.number().int().min(1).max(19);

/**
 * Card login, Vitale read, chosen beneficiary, INSi: what every patient command starts with. An `accessMode`
 * the card's practice situation does not allow is refused after the login, before INSi or the platform is asked.
 */
export async function withPatient<T>(
  options: PatientOptions,
  run: (handle: DmpSessionHandle, patient: PatientIdentity) => Promise<T>,
): Promise<T> {
  let choice: number | undefined;
  if (options.beneficiary !== undefined) {
    const parsed = BeneficiarySchema.safeParse(options.beneficiary);
    if (!parsed.success)
      throw new PasserelleError('INVALID_INPUT', {
        reason: '--beneficiary: un numéro de 1 à 19 / a number from 1 to 19',
      });
    choice = parsed.data;
  }
  const home = ensureHome(resolveHome(options.home));
  const cards = openCards(options);
  try {
    const vitale = await cards.service.readVitale(options.vitale);
    const beneficiary = chooseBeneficiary(vitale, choice);
    const card = await cards.service.login(options.card, await readPin(options), {
      confirmLastTry: options.confirmLastTry ?? false,
      onAuthenticated: relayAtLogin(home),
    });
    const handle = openDmpSession(home, card, findPackageRoot().version);
    try {
      if (options.accessMode) handle.session.checkAccessMode(options.accessMode);
      const patient = await handle.session.identify(beneficiary);
      return await run(handle, patient);
    } finally {
      handle.close();
      card.logout();
    }
  } finally {
    cards.close();
  }
}

function describeRecord(status: RecordStatus): string[] {
  const record =
    status.record.status === 'ACTIF'
      ? 'actif / active'
      : status.record.status === 'FERME'
        ? `fermé le ${status.record.closedAt} (${status.record.reasonText || status.record.reasonCode}) / closed`
        : "inexistant : le patient s'est opposé / none: the patient opposed it";
  return [
    `  Dossier / record:            ${record}`,
    `  Autorisation / authorization: ${status.authorization}`,
    `  Médecin traitant DMP:         ${status.medecinTraitant ? 'oui / yes' : 'non / no'}`,
  ];
}

export function patientLines(patient: PatientIdentity): string[] {
  const { ins } = patient;
  return [
    `Patient : INS ${ins.matricule} (${ins.oid}) — identité ${patient.status} / identity ${patient.status}`,
    `  ${ins.traits.birthName} ${ins.traits.firstNames.join(' ')}, ${ins.traits.sex}, ${ins.traits.birthDate}, ${ins.traits.birthPlace}`,
  ];
}

export function patientCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .requiredOption('--card <label>', 'carte du professionnel / professional card')
    .requiredOption('--vitale <label>', 'carte Vitale du patient / patient Vitale card')
    .option('--beneficiary <n>', 'bénéficiaire de la carte (1, 2, …) / beneficiary on the card')
    .option('--pin-stdin', 'lit le PIN sur l’entrée standard / read the PIN from standard input')
    .option('--confirm-last-try', 'accepte de présenter le dernier essai / allow presenting the last try')
    .option('--home <dir>', 'dossier de données / data folder (PASSERELLE_HOME)')
    .option('--json', 'sortie JSON / JSON output');
}

/** `passerelle status` (TD0.2) and `passerelle consent` (TD0.3). */
export function registerRecordCommands(program: Command): void {
  patientCommand(
    program,
    'status',
    'Identifie le patient (INSi) et lit l’état de son DMP (TD0.2) / identify the patient and read the record status',
  ).action(
    action(async (options: PatientOptions) =>
      withPatient(options, async ({ session }, patient) => {
        const status = await session.recordStatus(patient);
        if (options.json) return printJson({ patient, record: status, clock: session.clock ?? null });
        for (const line of [...patientLines(patient), ...describeRecord(status)]) process.stdout.write(`${line}\n`);
        if (session.clock?.warning)
          process.stderr.write(
            `Attention : l'horloge du poste s'écarte de ${session.clock.skewSeconds} s de celle de la plateforme / clock skew warning\n`,
          );
      }),
    ),
  );

  patientCommand(program, 'consent', "Déclare l'accord du patient (TD0.3) / declare the patient's consent")
    .option('--medecin-traitant', 'se déclarer médecin traitant DMP / declare oneself the DMP attending physician')
    .option('--remove', "retire l'autorisation / remove the authorization")
    .action(
      action(async (options: PatientOptions & { medecinTraitant?: boolean; remove?: boolean }) =>
        withPatient(options, async ({ session }, patient) => {
          const medecinTraitant = options.medecinTraitant ?? false;
          // Running this command is the professional's statement that the patient agreed.
          const authorization = options.remove
            ? await session.removeConsent(patient, { medecinTraitant })
            : await session.declareConsent(patient, { patientAgreed: true, medecinTraitant });
          const status = await session.recordStatus(patient);
          if (options.json) return printJson({ patient, authorization, record: status });
          for (const line of [...patientLines(patient), ...describeRecord(status)]) process.stdout.write(`${line}\n`);
        }),
      ),
    );
}
