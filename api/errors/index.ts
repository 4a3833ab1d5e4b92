import { z } from 'zod';

import { format, type Catalogue, type FormatValues, type Language } from '../i18n/catalogue.js';

import { cardErrors } from './card-errors.js';
import { cdaErrors } from './cda-errors.js';
import { cdaValidationErrors } from './cda-validation-errors.js';
import { consultErrors } from './consult-errors.js';
import { documentErrors } from './document-errors.js';
import { ecpsErrors } from './ecps-errors.js';
import { generalErrors } from './general-errors.js';
import { messagingErrors } from './messaging-errors.js';
import { gpErrors } from './gp-errors.js';
import { platformErrors } from './platform-errors.js';
import { queueErrors } from './queue-errors.js';
import { serviceErrors } from './service-errors.js';
import { transportErrors } from './transport-errors.js';
import { xdsErrors } from './xds-errors.js';

type Messages<C extends Catalogue<object>> = C['fr'];

/** The messages of every error in one language, by code. */
type ErrorMessages = Messages<typeof generalErrors> &
  Messages<typeof cardErrors> &
  Messages<typeof platformErrors> &
  Messages<typeof documentErrors> &
  Messages<typeof serviceErrors> &
  Messages<typeof transportErrors> &
  Messages<typeof xdsErrors> &
  Messages<typeof cdaErrors> &
  Messages<typeof cdaValidationErrors> &
  Messages<typeof queueErrors> &
  Messages<typeof consultErrors> &
  Messages<typeof messagingErrors> &
  Messages<typeof ecpsErrors> &
  Messages<typeof gpErrors>;

/** One catalogue per domain, merged for one language. */
function messagesIn(language: Language): ErrorMessages {
  return {
    ...generalErrors[language],
    ...cardErrors[language],
    ...platformErrors[language],
    ...documentErrors[language],
    ...serviceErrors[language],
    ...transportErrors[language],
    ...xdsErrors[language],
    ...cdaErrors[language],
    ...cdaValidationErrors[language],
    ...queueErrors[language],
    ...consultErrors[language],
    ...messagingErrors[language],
    ...ecpsErrors[language],
    ...gpErrors[language],
  };
}

/** Every error the product can report, by code, in every language. */
export const ERRORS: Catalogue<ErrorMessages> = { fr: messagesIn('fr'), en: messagesIn('en') };

/** The one union of error codes shared by the core, the command line and the UI. */
export type ErrorCode = keyof ErrorMessages;

export const ERROR_CODES = Object.keys(ERRORS.fr) as [ErrorCode, ...ErrorCode[]];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** A single value of the details: what a message names between braces. */
export type ErrorDetailValue = string | number | boolean;

/**
 * One entry of a list an error offers to choose from: the plain-language `label` its message shows, and the
 * fields a program reads to offer the choice itself (never by parsing the message).
 */
export type ErrorDetailEntry = Readonly<{ label: string } & Record<string, ErrorDetailValue>>;

/** An error's details: single values, or a list of entries (shown in the message numbered from 1, as chosen). */
export type ErrorDetails = Readonly<Record<string, ErrorDetailValue | readonly ErrorDetailEntry[] | undefined>>;

/** The details as a message names them: a list becomes its labels numbered from 1 (`1. … ; 2. …`). */
function messageValues(details: ErrorDetails): FormatValues {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? (value as readonly ErrorDetailEntry[]).map((entry, index) => `${index + 1}. ${entry.label}`).join(' ; ')
        : (value as ErrorDetailValue | undefined),
    ]),
  );
}

export type { Language } from '../i18n/catalogue.js';

/** The message of a code in one language, with its details filled in. */
export function errorMessage(code: ErrorCode, details: ErrorDetails = {}, language: Language = 'fr'): string {
  return format(ERRORS[language][code], messageValues(details));
}

/**
 * A failure the product knows how to explain. Every boundary (card, platform, file, request) turns what went
 * wrong into one of these, so that the user always reads a specific message, in French first.
 *
 * `details` must never carry a PIN, a NIR, a name or document content: they are logged.
 */
export class PasserelleError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(errorMessage(code, details, 'en'), options);
    this.name = 'PasserelleError';
    this.code = code;
    this.details = details;
  }

  /** The message in the given language. */
  messageIn(language: Language): string {
    return errorMessage(this.code, this.details, language);
  }

  toJSON(): ErrorBody {
    return {
      code: this.code,
      message: { fr: this.messageIn('fr'), en: this.messageIn('en') },
      details: this.details,
    };
  }
}

export function isPasserelleError(value: unknown, code?: ErrorCode): value is PasserelleError {
  return value instanceof PasserelleError && (code === undefined || value.code === code);
}

/** How an error travels over the API contract (HTTP bodies, events, `--json` output). */
const ErrorDetailValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.object({ fr: z.string(), en: z.string() }),
  details: z.record(
    z.string(),
    z
      .union([
        ErrorDetailValueSchema,
        z.array(z.object({ label: z.string() }).catchall(ErrorDetailValueSchema)).readonly(),
      ])
      .optional(),
  ),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
