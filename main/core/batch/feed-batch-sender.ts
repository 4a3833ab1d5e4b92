import { PasserelleError } from '../../../api/errors/index.js';
import { documentEntryFromCda, readCdaHeader, type CdaHeader } from '../../../interop/cda/index.js';
import type { VisibilityCode } from '../../../interop/value-sets/confidentiality-codes.js';
import type { DocumentEntry } from '../../../interop/xds/index.js';
import type { DocumentChecker } from '../feed/document-check.js';
import { checkDocumentPatient, wrapForPatient } from '../feed/patient-document.js';
import { DocumentRulesError } from '../feed/rules-failure.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../feed/source-file.js';
import { provideSetRequest, xdsAuthor } from '../feed/submission.js';
import { insReference, type PatientIdentity } from '../patient/patient-identity.js';
import type { BatchSender, ClaimedItem, SendGroup } from '../queue/batch-sender.js';
import { outcomesOfRegistryResponse, type SendOutcome } from '../queue/failure-class.js';
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

const uniqueIdOf = (header: CdaHeader): string =>
  header.document.id.extension ? `${header.document.id.root}^${header.document.id.extension}` : header.document.id.root;

/**
 * The queue's sender over the feed pipeline, in indirect mode (issue: hospital batches).
 *
 * `prepare` builds the exact bytes once: a PDF or a text wrapped in a CDA level 1 for the manifest's qualified
 * patient with the item's fixed uniqueId, setId and effectiveTime, the physician as author and legal
 * authenticator, the stay as the encounter; a hospital CDA as it is. Either way the header is read back and its
 * patient checked against the manifest's INS and traits, then the size and the rules, before the queue keeps
 * the bytes.
 *
 * `send` files a group (one patient, one stay) as ONE submission set under ONE signature of the establishment's
 * ORG key, the secretary as the set's author (the submitter), each document's visibility from its flags, and
 * maps the registry's answer per document. The patient is checked once more on the very bytes that leave.
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
  private readonly maxDocumentBytes: number;

  constructor(private readonly options: FeedBatchSenderOptions) {
    this.maxDocumentBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  }

  async prepare(item: ClaimedItem): Promise<Buffer> {
    const patient = patientIdentityOf(item.document);
    const xml = item.document.kind === 'cda' ? item.content.toString('utf8') : this.wrap(item, patient);
    const header = readCdaHeader(xml);
    checkDocumentPatient(header, patient);
    if (uniqueIdOf(header) !== item.documentId)
      throw new PasserelleError('STORED_DATA_CORRUPT', { reason: 'the document id differs from the queued one' });
    // A hospital CDA leaves as the bytes queued, never re-encoded from its text.
    const bytes = item.document.kind === 'cda' ? item.content : Buffer.from(xml, 'utf8');
    if (bytes.byteLength > this.maxDocumentBytes) {
      throw new PasserelleError('DOCUMENT_TOO_LARGE', {
        file: item.documentId,
        size: bytes.byteLength,
        limit: this.maxDocumentBytes,
      });
    }
    const check = await this.options.checker.check(xml);
    if (!check.valid) throw new DocumentRulesError(check);
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
    const ready: { readonly id: string; readonly entry: DocumentEntry; readonly content: Buffer }[] = [];
    for (const item of group.items) {
      try {
        // The bytes that leave are read once more: their patient must be this one, whatever happened since.
        const header = readCdaHeader(item.prepared.toString('utf8'));
        checkDocumentPatient(header, patient);
        const entry = documentEntryFromCda(header, {
          content: item.prepared,
          visibility: visibilityCodes(item.document.visibility),
        });
        ready.push({ id: item.id, entry, content: item.prepared });
      } catch (error) {
        outcomes.set(item.id, { kind: 'failed', error, ownFault: true });
      }
    }
    if (ready.length === 0) return outcomes;
    const { session } = this.options;
    const { credentials, software, journal, now } = session.context;
    // The submitter: the secretary, under her structure-internal national id at the sending site.
    const submitter = xdsAuthor({
      ...credentials.identity,
      nationalId: `3${this.options.settings.siteFiness}/${credentials.actor}`,
    });
    const request = await provideSetRequest(
      ready.map(({ entry, content }) => ({ entry, content })),
      { signer: credentials.documentSigner, software, now: now(), authors: [submitter] },
    );
    this.submissions += 1;
    const answer = await session.provideAndRegister(patient, request.bodyXml, request.attachments);
    const answered = outcomesOfRegistryResponse(
      answer,
      ready.map(({ id, entry }) => ({ itemId: id, entryUUID: entry.entryUUID, uniqueId: entry.uniqueId })),
    );
    for (const { id, entry } of ready) {
      const outcome = answered.get(id)!;
      outcomes.set(id, outcome);
      if (outcome.kind !== 'sent') continue;
      journal.record({
        actor: credentials.actor,
        action: 'document.uploaded',
        patient: reference,
        details: {
          uniqueId: entry.uniqueId,
          typeCode: entry.typeCode.code,
          author: entry.authors[0]?.person?.id ?? '',
          batch: 'true',
        },
      });
    }
    return outcomes;
  }

  private wrap(item: ClaimedItem, patient: PatientIdentity): string {
    const { document } = item;
    const structure = this.options.session.context.credentials.identity.structure;
    const body =
      document.kind === 'pdf'
        ? { kind: 'pdf' as const, content: new Uint8Array(item.content) }
        : { kind: 'text' as const, text: item.content.toString('utf8') };
    return wrapForPatient(body, patient, physicianOf(document, this.options.settings, structure), {
      typeCode: document.typeCode,
      ...(document.title === undefined ? {} : { title: document.title }),
      now: item.effectiveTime,
      id: { root: item.documentId },
      setId: { root: item.setId },
      encounter: {
        start: isoToTs(document.service.start),
        ...(document.service.end === undefined ? {} : { end: isoToTs(document.service.end) }),
      },
    });
  }
}
