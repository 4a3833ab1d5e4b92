import { PasserelleError } from '../../../api/errors/index.js';
import { documentEntryFromCda, readCda } from '../../../interop/cda/index.js';
import type { VisibilityCode } from '../../../interop/value-sets/confidentiality-codes.js';
import type { DocumentChecker } from '../feed/document-check.js';
import { checkDocumentPatient } from '../feed/patient-document.js';
import { prepare, type PreparedDocument, type PrepareInput, type PrepareRules } from '../feed/prepare.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, sourceOfKind } from '../feed/source-file.js';
import { digestOf, filedBytes, xdsAuthor, type SubmittedDocument } from '../feed/submission.js';
import { submit } from '../feed/submit.js';
import { insReference, type PatientIdentity } from '../patient/patient-identity.js';
import type { BatchSender, ClaimedItem, SendGroup } from '../queue/batch-sender.js';
import type { SendOutcome } from '../queue/failure-class.js';
import { patientIdentityOf, type QueuedDocument, type Visibility } from '../queue/queued-document.js';
import type { ProfessionalIdentity } from '../session/credentials.js';
import type { DmpSession } from '../session/dmp-session.js';
import { findPhysician, type EstablishmentSettings } from './establishment-settings.js';

export interface FeedBatchSenderOptions {
  /** A session in indirect mode: the establishment's ORG token, the secretary as its local user. */
  readonly session: DmpSession;
  readonly settings: EstablishmentSettings;
  /** The same checks as a single upload: ours always, the official ANS rules when configured. */
  readonly checker: DocumentChecker;
  readonly maxDocumentBytes?: number;
}

const MEDECIN = { code: '10', label: 'Médecin' } as const;

/**
 * An ISO 8601 date (`2026-11-20`) or date-time with its offset (`2026-11-22T08:30:00+01:00`), as a manifest
 * states the care, written as an HL7 TS (`20261120`, `20261122083000+0100`): a day stays a day.
 */
export function isoToTs(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(value);
  if (!match)
    throw new PasserelleError('INVALID_INPUT', { reason: 'an ISO 8601 date or date-time with its offset is expected' });
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  if (hour === undefined) return `${year}${month}${day}`;
  const offset = zone === 'Z' ? '+0000' : zone!.replace(':', '');
  return `${year}${month}${day}${hour}${minute}${second}${fraction}${offset}`;
}

/** The DMP visibility codes (confidentiality beside `N`) of a queued document's flags. */
export function visibilityCodes(visibility: Visibility): VisibilityCode[] {
  return [
    ...(visibility.maskedFromProfessionals ? (['MASQUE_PS'] as const) : []),
    ...(visibility.hiddenFromPatient ? (['INVISIBLE_PATIENT'] as const) : []),
    ...(visibility.hiddenFromLegalRepresentatives ? (['INVISIBLE_REPRESENTANTS_LEGAUX'] as const) : []),
  ];
}

/**
 * The physician a queued document names, as the CDA's author and legal authenticator: his national id from the
 * manifest, his names from the manifest or else from the establishment's settings, his profession and specialty
 * from the settings (Médecin when he is not declared), practising at the sending site (`structure`).
 */
export function physicianOf(
  document: QueuedDocument,
  settings: EstablishmentSettings,
  structure: ProfessionalIdentity['structure'],
): ProfessionalIdentity {
  const declared = findPhysician(settings, document.authorId);
  const names = document.authorName ?? (declared && { familyName: declared.lastName, givenName: declared.firstName });
  if (!names) throw new PasserelleError('AUTHOR_NAME_UNKNOWN', { authorId: document.authorId });
  return {
    nationalId: document.authorId,
    lastName: names.familyName,
    firstName: names.givenName,
    profession: declared?.profession ?? MEDECIN,
    ...(declared?.specialty ? { specialty: declared.specialty } : {}),
    structure,
  };
}

/**
 * The queue's sender over the feed pipeline (`prepare` and `submit`, as a single upload), in indirect mode
 * (issue: hospital batches).
 *
 * `prepare` builds the exact bytes once: a PDF or a text wrapped in a CDA level 1 for the manifest's qualified
 * patient with the item's fixed uniqueId, setId and effectiveTime, the physician as author and legal
 * authenticator, the stay as the encounter (a PDF's base64 written straight into the bytes, never into a text
 * of the whole CDA); a hospital CDA as it is. Either way the CDA is parsed once, its patient checked against the
 * manifest's INS and traits, its uniqueId against the queued one, then the size and the rules, before the queue
 * keeps the bytes.
 *
 * `send` files a group (one patient, one stay) as ONE submission set under ONE signature of the establishment's
 * ORG key, the secretary as the set's author (the submitter), each document's visibility from its flags, and
 * maps the registry's answer per document. The patient is checked once more on the very bytes that leave: on
 * the reading `prepare` made when their SHA-256 (which the signature needs anyway) is the one it computed,
 * else (they were prepared by another process, before a restart) on the bytes parsed again.
 *
 * Identity: the patient is the manifest's (a qualified INS with its traits, from the establishment's identity
 * server). INSi is NOT called per item: the import checks the INS key, its authority and the traits against
 * the matricule; `prepare` and `send` check the document's header against them; and the platform checks, on
 * every submission, that the traits are the INS's reference traits (INS_NON_QUALIFIE, listed "to fix").
 * An INSi call would check the same traits against the same national registry a second time, doubling the
 * round trips of a batch, and could not catch the one error left — a document filed under the wrong, but
 * coherent, identity — which only the establishment's identity vigilance at the source can.
 */
export class FeedBatchSender implements BatchSender {
  /** Submission sets sent (each one ORG signature), for the tests and the benchmarks. */
  submissions = 0;
  private readonly rules: PrepareRules;
  /**
   * What `prepare` read and derived, by the very buffer it returned: the queue hands that buffer to the `send`
   * that follows in this process; a buffer read back from the queue file is another object, and is read again.
   */
  private readonly prepared = new WeakMap<Buffer, PreparedDocument>();

  constructor(private readonly options: FeedBatchSenderOptions) {
    this.rules = {
      checker: options.checker,
      maxDocumentBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    };
  }

  async prepare(item: ClaimedItem): Promise<Buffer> {
    const { document } = item;
    const patient = patientIdentityOf(document);
    const prepared = await prepare(
      {
        patient,
        // Errors name the document by its uniqueId: the queue's reference for it.
        source: sourceOfKind(document.kind, item.documentId, item.content),
        ...(document.kind === 'cda' ? {} : { wrap: this.wrapping(item) }),
        visibility: visibilityCodes(document.visibility),
        uniqueId: item.documentId,
      },
      this.rules,
    );
    const bytes = filedBytes(prepared.content);
    // Kept without the streamed content, which would hold the PDF: the bytes are the key itself.
    this.prepared.set(bytes, { ...prepared, content: bytes });
    return bytes;
  }

  async send(group: SendGroup): Promise<ReadonlyMap<string, SendOutcome>> {
    const [first] = group.items;
    if (!first) return new Map();
    const patient = patientIdentityOf(first.document);
    const reference = insReference(patient);
    if (group.items.some((item) => insReference(patientIdentityOf(item.document)) !== reference))
      throw new PasserelleError('BATCH_PATIENT_MIXED');
    const outcomes = new Map<string, SendOutcome>();
    const ready: { readonly id: string; readonly document: SubmittedDocument }[] = [];
    for (const item of group.items) {
      try {
        ready.push({ id: item.id, document: this.leaving(item, patient) });
      } catch (error) {
        outcomes.set(item.id, { kind: 'failed', error, ownFault: true });
      }
    }
    if (ready.length === 0) return outcomes;
    const { credentials } = this.options.session.context;
    this.submissions += 1;
    const submission = await submit(
      this.options.session,
      patient,
      ready.map(({ document }) => document),
      {
        // The submitter: the secretary, under her structure-internal national id at the sending site.
        submitter: xdsAuthor({
          ...credentials.identity,
          nationalId: `3${this.options.settings.siteFiness}/${credentials.actor}`,
        }),
        journal: {
          action: 'document.uploaded',
          details: (entry) => ({ author: entry.authors[0]?.person?.id ?? '', batch: 'true' }),
        },
      },
    );
    submission.outcomes.forEach((outcome, index) => {
      outcomes.set(
        ready[index]!.id,
        outcome.kind === 'filed'
          ? { kind: 'sent', reference: outcome.entry.uniqueId }
          : { kind: 'failed', error: outcome.error, ...(outcome.ownFault ? { ownFault: true } : {}) },
      );
    });
    return outcomes;
  }

  /**
   * An item's bytes as they leave, with its patient checked on them, whatever happened since `prepare`: on the
   * reading `prepare` made of these very bytes (same SHA-256), or on the bytes parsed again.
   */
  private leaving(item: SendGroup['items'][number], patient: PatientIdentity): SubmittedDocument {
    const bytes = item.prepared;
    const sha256 = digestOf('sha256', bytes);
    const known = this.prepared.get(bytes);
    // A reading serves the one send that follows: any other send of these bytes reads them again, under entries of its own.
    this.prepared.delete(bytes);
    if (known?.sha256.equals(sha256)) {
      checkDocumentPatient(known.header, patient);
      return known;
    }
    const { header } = readCda(bytes.toString('utf8'));
    checkDocumentPatient(header, patient);
    const entry = documentEntryFromCda(header, {
      content: bytes,
      visibility: visibilityCodes(item.document.visibility),
    });
    return { entry, content: bytes, sha256 };
  }

  private wrapping(item: ClaimedItem): NonNullable<PrepareInput['wrap']> {
    const { document } = item;
    const structure = this.options.session.context.credentials.identity.structure;
    return {
      author: physicianOf(document, this.options.settings, structure),
      options: {
        typeCode: document.typeCode,
        ...(document.title === undefined ? {} : { title: document.title }),
        now: item.effectiveTime,
        id: { root: item.documentId },
        setId: { root: item.setId },
        encounter: {
          start: isoToTs(document.service.start),
          ...(document.service.end === undefined ? {} : { end: isoToTs(document.service.end) }),
        },
      },
    };
  }
}
