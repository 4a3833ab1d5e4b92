import { PasserelleError } from '../../../api/errors/index.js';
import { registryFailure, type Author, type DocumentEntry, type RegistryResponse } from '../../../interop/xds/index.js';
import type { JournalAction } from '../journal/journal.js';
import { insReference, type PatientIdentity } from '../patient/patient-identity.js';
import type { DmpSession } from '../session/dmp-session.js';
import { provideSetRequest, type SubmittedDocument } from './submission.js';

export interface SubmitOptions {
  /**
   * Who submits, the set's author (in indirect mode the establishment's user under the site's structure); by
   * default the first document's first author, as a professional filing her own document.
   */
  readonly submitter?: Author;
  /** The document that the set's one document replaces (RPLC). */
  readonly replaces?: DocumentEntry;
  /** Filed during a minor's secret connection: the VIHF carries it. */
  readonly secretConnection?: boolean;
  /** What the journal records of each document filed: the action, and what it adds to its uniqueId and type. */
  readonly journal: {
    readonly action: Extract<JournalAction, 'document.uploaded' | 'document.replaced'>;
    details?(entry: DocumentEntry): Readonly<Record<string, string>>;
  };
}

/** What became of one document of a submission set. */
export type FilingOutcome =
  | { readonly kind: 'filed'; readonly entry: DocumentEntry }
  | {
      readonly kind: 'refused';
      readonly error: PasserelleError;
      /** The platform's error names this document's entry: the refusal is known to be its own. */
      readonly ownFault: boolean;
    };

export interface Submission {
  /** The registry's answer, whose status and warnings the user is shown. */
  readonly answer: RegistryResponse;
  /** Each document's outcome, in the order the documents were given. */
  readonly outcomes: readonly FilingOutcome[];
}

/**
 * Files prepared documents of ONE patient as ONE submission set, the same way for an upload (a set of one) and
 * a batch's stay: ONE XAdES signature by the session's document signer (the card, or the establishment's ORG
 * key), ITI-41 as MTOM, the registry's answer mapped per document, and a journal entry for each document filed.
 * Nothing is read or checked again here: {@link prepare} did it.
 */
export async function submit(
  session: DmpSession,
  patient: PatientIdentity,
  documents: readonly SubmittedDocument[],
  options: SubmitOptions,
): Promise<Submission> {
  const { credentials, software, journal, now } = session.context;
  const request = await provideSetRequest(documents, {
    signer: credentials.documentSigner,
    software,
    now: now(),
    ...(options.submitter ? { authors: [options.submitter] } : {}),
    ...(options.replaces ? { replaces: options.replaces } : {}),
  });
  const answer = await session.provideAndRegister(
    patient,
    request.bodyXml,
    request.attachments,
    options.secretConnection ? { secretConnection: true } : {},
  );
  const outcomes = outcomesOf(
    answer,
    documents.map(({ entry }) => entry),
  );
  journal.recordAll(
    outcomes.flatMap((outcome) =>
      outcome.kind === 'filed'
        ? [
            {
              actor: credentials.actor,
              action: options.journal.action,
              patient: insReference(patient),
              details: {
                uniqueId: outcome.entry.uniqueId,
                typeCode: outcome.entry.typeCode.code,
                ...options.journal.details?.(outcome.entry),
              },
            },
          ]
        : [],
    ),
  );
  return { answer, outcomes };
}

/**
 * The per-document outcomes of an ITI-41 answer for one submission set. Success — including the platform's
 * answer to an identical resubmission — files every document. A refusal is the whole set's (the registry commits
 * a set in one transaction): documents the errors locate get their own error, the others the first one.
 */
export function outcomesOf(answer: RegistryResponse, entries: readonly DocumentEntry[]): FilingOutcome[] {
  const failure = registryFailure(answer);
  return entries.map((entry) => {
    if (!failure) return { kind: 'filed', entry };
    const own = answer.errors.find((e) => e.severity === 'Error' && e.location === entry.entryUUID);
    return own
      ? {
          kind: 'refused',
          error: new PasserelleError('XDS_REQUEST_REFUSED', { errorCode: own.errorCode, context: own.codeContext }),
          ownFault: true,
        }
      : { kind: 'refused', error: failure, ownFault: false };
  });
}
