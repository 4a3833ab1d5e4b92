import type { Command } from 'commander';
import { z } from 'zod';

import type { Patient, ProfessionalIdentity, ResponseOf } from '../../api/contract/index.js';
import { PasserelleError } from '../../api/errors/index.js';
import type { Invoke } from '../core/router/invoke.js';
import type { HomeOption } from './cli-core.js';
import { readPin, type PinSource } from './pin-input.js';
import { both, say } from './say.js';
import { ECPS } from './texts/ecps-texts.js';
import { withHome, withJson, withPin } from './common-options.js';
import { PATIENT } from './texts/patient-texts.js';

/** The options of every command about the patient in front of the professional. */
export interface PatientOptions extends HomeOption, PinSource {
  /** The professional card; or `eCps`, the session `passerelle login --e-cps` opened. */
  readonly card?: string;
  readonly eCps?: boolean;
  readonly vitale: string;
  readonly beneficiary?: string;
  readonly confirmLastTry?: boolean;
  readonly json?: boolean;
}

const BeneficiarySchema = z.coerce.number().int().min(1).max(19);

/** The `--beneficiary` flag as `patient.identify` takes it. */
function beneficiaryOf(options: PatientOptions): number | undefined {
  if (options.beneficiary === undefined) return undefined;
  const parsed = BeneficiarySchema.safeParse(options.beneficiary);
  if (!parsed.success) {
    throw new PasserelleError('INVALID_INPUT', { reason: both(PATIENT, (t) => t.beneficiaryRange) });
  }
  return parsed.data;
}

/**
 * Opens the professional's session through the contract: `session.login` with the card named (its PIN read
 * once, then forgotten), or `ecps.resume` with `--e-cps`; exactly one of the two.
 */
export async function signIn(
  invoke: Invoke,
  options: Pick<PatientOptions, 'card' | 'eCps' | 'confirmLastTry' | 'pinStdin'>,
): Promise<ProfessionalIdentity> {
  if ((options.card === undefined) === !options.eCps) {
    throw new PasserelleError('INVALID_INPUT', { reason: both(ECPS, (t) => t.cardOrEcps) });
  }
  const { identity } = options.eCps
    ? await invoke('ecps.resume', {})
    : await invoke('session.login', {
        pin: await readPin(options),
        confirmLastTry: options.confirmLastTry ?? false,
        label: options.card!,
      });
  return identity;
}

/**
 * What every patient command starts with, through the contract: `session.login` with the card named (its PIN
 * read once, then forgotten), `patient.vitale` with the Vitale card named, `patient.identify` (INSi). `check`
 * sees the professional as the login answered, before INSi is asked: what her card may not do is refused there.
 */
export async function identifyPatient(
  invoke: Invoke,
  options: PatientOptions,
  check: (professional: ProfessionalIdentity) => void = () => undefined,
): Promise<ResponseOf<'patient.identify'>> {
  const beneficiary = beneficiaryOf(options);
  check(await signIn(invoke, options));
  await invoke('patient.vitale', { label: options.vitale });
  return invoke('patient.identify', beneficiary === undefined ? {} : { beneficiary });
}

/** Adds who signs in: `--card <label>` (a professional card) or `--e-cps` (the e-CPS session). */
export function withSignIn(command: Command): Command {
  return command
    .option(
      '--card <label>',
      both(PATIENT, (t) => t.card),
    )
    .option(
      '--e-cps',
      both(ECPS, (t) => t.ecpsOption),
    );
}

/** A patient command: the cards, the beneficiary, the PIN's options, the home, `--json`. */
export function patientCommand(program: Command, name: string, description: string): Command {
  const command = withSignIn(program.command(name).description(description))
    .requiredOption(
      '--vitale <label>',
      both(PATIENT, (t) => t.vitale),
    )
    .option(
      '--beneficiary <n>',
      both(PATIENT, (t) => t.beneficiary),
    );
  return withJson(withHome(withPin(command)));
}

/** The patient as INSi returned her: the INS, then her reference traits. */
export function printPatient(patient: Patient): void {
  const { ins } = patient;
  say(PATIENT, (t) => t.patient, { matricule: ins.matricule, oid: ins.oid, status: patient.status });
  process.stdout.write(
    `  ${ins.traits.birthName} ${ins.traits.firstNames.join(' ')}, ${ins.traits.sex}, ${ins.traits.birthDate}, ${ins.traits.birthPlace}\n`,
  );
}
