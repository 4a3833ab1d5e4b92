import type { DocumentCheck, DocumentResult } from '../../../api/contract/index.js';
import { PasserelleError } from '../../../api/errors/index.js';
import type { Ii } from '../../../interop/cda/index.js';
import type { VisibilityCode } from '../../../interop/value-sets/index.js';
import {
  applyVisibility,
  buildUpdateDocumentSetRequest,
  registryFailure,
  statusUpdate,
  visibilityUpdate,
  type AvailabilityStatus,
  type DocumentEntry,
  type RegistryResponse,
  type VisibilityChange,
} from '../../../interop/xds/index.js';
import { isMinor } from '../patient/patient-age.js';
import { insReference, type PatientIdentity } from '../patient/patient-identity.js';
import type { DmpSession } from '../session/dmp-session.js';
import type { DocumentChecker } from './document-check.js';
import { requireQualified } from './patient-document.js';
import { prepare, type PrepareInput } from './prepare.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, type DocumentSource } from './source-file.js';
import { submissionSetFor, xdsAuthor } from './submission.js';
import { submit } from './submit.js';

export interface UploadOptions {
  /** Required for a PDF or a text; a CDA states its own type. */
  readonly typeCode?: string;
  readonly title?: string;
  /** The day of care (`YYYY-MM-DD`) a PDF or a text reports on; by default the day it is filed. */
  readonly careDate?: string;
  /** The encounter's last day (`YYYY-MM-DD`), from `careDate` on. */
  readonly careEndDate?: string;
  readonly hideFromPatient?: boolean;
  /** Masked from other professionals (MASQUE_PS) as soon as it is filed. */
  readonly maskFromProfessionals?: boolean;
  /** The uniqueId of the document this one replaces (RPLC). */
  readonly replaces?: string;
  /**
   * A minor's secret connection: the VIHF says so and the document is filed invisible to her legal
   * representatives; refused before anything leaves for a patient of 18 or more.
   */
  readonly secretMinor?: boolean;
}

export interface UploadOutcome {
  readonly document: DocumentResult;
  readonly check: DocumentCheck;
}

/**
 * A document as the registry holds it after our last change, and the CDA version facts a replacement needs
 * (known for documents filed here; a document found by search has only its metadata).
 */
interface KnownDocument {
  readonly entry: DocumentEntry;
  readonly setId?: Ii;
  readonly versionNumber?: number;
}

const VISIBILITY_CODES: readonly string[] = ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'];

/** The platform's parameters that bear on feeding (its parameter file for integrated software, param-lps). */
export interface FeedParameters {
  /**
   * `cumul-invisible_patient-masque_ps`: whether a document may be masked from professionals and hidden from
   * the patient at once (EX_2.1-1050). Passerelle does not read the parameter file yet: the stricter answer.
   */
  readonly maskedAndInvisible: boolean;
}

export const DEFAULT_FEED_PARAMETERS: FeedParameters = { maskedAndInvisible: false };

/**
 * Refuses, before anything leaves, flags that mask a document from professionals and hide it from the patient
 * at once, unless the platform's parameter allows it (EX_2.1-1050).
 */
export function checkVisibilityFlags(flags: readonly string[], parameters: FeedParameters): void {
  if (!parameters.maskedAndInvisible && flags.includes('MASQUE_PS') && flags.includes('INVISIBLE_PATIENT'))
    throw new PasserelleError('DOCUMENT_MASKED_AND_INVISIBLE');
}

/** The flags a filing asks for, from the two questions of the form. */
export function filingFlags(options: UploadOptions): VisibilityCode[] {
  return [
    ...(options.maskFromProfessionals ? (['MASQUE_PS'] as const) : []),
    ...(options.hideFromPatient ? (['INVISIBLE_PATIENT'] as const) : []),
    ...(options.secretMinor ? (['INVISIBLE_REPRESENTANTS_LEGAUX'] as const) : []),
  ];
}

const MESSAGES = {
  filed: { fr: 'Document déposé dans le DMP du patient.', en: 'Document filed in the patient’s record.' },
  replaced: {
    fr: 'Nouvelle version déposée ; l’ancienne est remplacée.',
    en: 'New version filed; the old one is replaced.',
  },
  visibility: { fr: 'Visibilité du document mise à jour.', en: 'Document visibility updated.' },
  Archived: { fr: 'Document archivé.', en: 'Document archived.' },
  Approved: { fr: 'Document de nouveau actif.', en: 'Document active again.' },
  Deleted: { fr: 'Document supprimé du DMP.', en: 'Document deleted from the record.' },
} as const;

/**
 * Feeding one patient's record through a professional session: every document is checked before anything
 * leaves (qualified identity, the patient's traits, size, the rules), filed with ITI-41, and changed with
 * ITI-57. Life-cycle changes name documents this feed filed or a search of the record found (`learn`); it
 * follows their metadata versions as the registry assigns them (a first version is its own logicalId).
 */
export class DocumentFeed {
  private readonly known = new Map<string, KnownDocument>();

  constructor(
    private readonly session: DmpSession,
    private readonly checker: DocumentChecker,
    private readonly maxDocumentBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
    private readonly parameters: FeedParameters = DEFAULT_FEED_PARAMETERS,
  ) {}

  /** Checks a CDA document's text with the rules of this installation; nothing is sent. */
  validate(xml: string): Promise<DocumentCheck> {
    return this.checker.check(xml);
  }

  /**
   * Files a document in the patient's record: prepared (built, read once, checked) then submitted as a set of
   * one; typed errors say why when it is refused, here or by the platform.
   */
  async upload(patient: PatientIdentity, source: DocumentSource, options: UploadOptions = {}): Promise<UploadOutcome> {
    // Identity vigilance first, before even the document to replace is looked up.
    requireQualified(patient);
    if (options.secretMinor && !isMinor(patient.ins.traits.birthDate, this.session.context.now()))
      throw new PasserelleError('SECRET_CONNECTION_ADULT');
    const visibility = filingFlags(options);
    checkVisibilityFlags(visibility, this.parameters);
    const replaced = options.replaces === undefined ? undefined : this.document(options.replaces);
    const prepared = await prepare(
      {
        patient,
        source,
        ...(source.kind === 'cda' ? {} : this.wrapping(options, replaced)),
        visibility,
      },
      { checker: this.checker, maxDocumentBytes: this.maxDocumentBytes },
    );
    const { answer, outcomes } = await submit(this.session, patient, [prepared], {
      ...(replaced ? { replaces: replaced.entry } : {}),
      ...(options.secretMinor ? { secretConnection: true } : {}),
      journal: replaced
        ? { action: 'document.replaced', details: () => ({ replaces: replaced.entry.uniqueId }) }
        : { action: 'document.uploaded' },
    });
    const outcome = outcomes[0]!;
    if (outcome.kind === 'refused') throw outcome.error;

    if (replaced) this.known.delete(replaced.entry.uniqueId);
    const { header, entry } = prepared;
    const filed: KnownDocument = {
      entry: { ...entry, logicalId: entry.entryUUID, version: '1', availabilityStatus: 'Approved' },
      setId: header.document.setId,
      versionNumber: header.document.versionNumber,
    };
    this.known.set(filed.entry.uniqueId, filed);
    return {
      document: result(filed.entry, answer, replaced ? MESSAGES.replaced : MESSAGES.filed),
      check: prepared.check,
    };
  }

  /** Sets or clears DMP visibility flags (mask from professionals, hide from the patient or her representatives). */
  async changeVisibility(
    patient: PatientIdentity,
    uniqueId: string,
    change: VisibilityChange,
  ): Promise<DocumentResult> {
    const known = this.document(uniqueId);
    checkVisibilityFlags(
      applyVisibility(known.entry.confidentialityCodes, change).map((code) => code.code),
      this.parameters,
    );
    const { credentials, software, journal, now } = this.session.context;
    const set = submissionSetFor(known.entry.patientId, [xdsAuthor(credentials.identity)], software, now());
    const metadata = visibilityUpdate(set, known.entry, change);
    const answer = await this.session.updateDocumentSet(patient, buildUpdateDocumentSetRequest(metadata));
    refuseOnFailure(answer);
    const next = metadata.documentEntries[0]!;
    const entry = { ...next, version: String(Number(known.entry.version) + 1) };
    this.known.set(uniqueId, { ...known, entry });
    journal.record({
      actor: credentials.actor,
      action: 'document.visibility',
      patient: insReference(patient),
      details: { uniqueId, ...flags(change) },
    });
    return result(entry, answer, MESSAGES.visibility);
  }

  /** Archives, unarchives or deletes a document (ITI-57 availability status). */
  async changeStatus(
    patient: PatientIdentity,
    uniqueId: string,
    newStatus: 'Approved' | 'Archived' | 'Deleted',
  ): Promise<DocumentResult> {
    const known = this.document(uniqueId);
    const { credentials, software, journal, now } = this.session.context;
    const set = submissionSetFor(known.entry.patientId, [xdsAuthor(credentials.identity)], software, now());
    const metadata = statusUpdate(set, known.entry.entryUUID, known.entry.availabilityStatus, newStatus);
    const answer = await this.session.updateDocumentSet(patient, buildUpdateDocumentSetRequest(metadata));
    refuseOnFailure(answer);
    const entry = { ...known.entry, availabilityStatus: newStatus as AvailabilityStatus };
    if (newStatus === 'Deleted') this.known.delete(uniqueId);
    else this.known.set(uniqueId, { ...known, entry });
    journal.record({
      actor: credentials.actor,
      action: 'document.status',
      patient: insReference(patient),
      details: { uniqueId, status: newStatus },
    });
    return result(entry, answer, MESSAGES[newStatus]);
  }

  /**
   * Documents found by a search of the record become known too, so that a professional can mask, hide,
   * archive or delete a document she found; what this feed changed itself stays as it recorded it.
   */
  learn(entries: readonly DocumentEntry[]): void {
    for (const entry of entries) {
      const known = this.known.get(entry.uniqueId);
      if (!known || Number(entry.version ?? 0) > Number(known.entry.version ?? 0))
        this.known.set(entry.uniqueId, { ...known, entry });
    }
  }

  private document(uniqueId: string): KnownDocument {
    const known = this.known.get(uniqueId);
    if (!known) throw new PasserelleError('DOCUMENT_UNKNOWN', { uniqueId });
    return known;
  }

  /**
   * How a PDF or a text is wrapped for this professional: her as author, the type the user chose, and for a
   * replacement the replaced document's set and next version. Without a type there is nothing to wrap.
   */
  private wrapping(options: UploadOptions, replaced: KnownDocument | undefined): Pick<PrepareInput, 'wrap'> {
    if (options.typeCode === undefined) return {};
    const now = this.session.context.now();
    return {
      wrap: {
        author: this.session.context.credentials.identity,
        options: {
          typeCode: options.typeCode,
          now,
          ...(options.title === undefined ? {} : { title: options.title }),
          ...(options.careDate === undefined
            ? {}
            : { encounter: encounterOf(options.careDate, options.careEndDate, now) }),
          ...(replaced ? replacementVersion(replaced) : {}),
        },
      },
    };
  }
}

/**
 * A day of care as the CDA writes a day (`YYYYMMDD`), refused when it comes after today: a letter about March
 * is dated in March, never in a day that has not come.
 */
export function careDay(careDate: string, now: Date): string {
  if (careDate > now.toISOString().slice(0, 10)) throw new PasserelleError('CARE_DATE_IN_FUTURE', { careDate });
  return careDate.replaceAll('-', '');
}

/** The encounter of a filing: its first day, and its last when given, never before the first nor after today. */
export function encounterOf(
  careDate: string,
  careEndDate: string | undefined,
  now: Date,
): { start: string; end?: string } {
  const start = careDay(careDate, now);
  if (careEndDate === undefined) return { start };
  if (careEndDate < careDate) throw new PasserelleError('CARE_END_BEFORE_START', { careDate, careEndDate });
  return { start, end: careDay(careEndDate, now) };
}

/** The CDA set and next version of a replacement; a document only found by search must be replaced by a CDA of its own. */
function replacementVersion(replaced: KnownDocument): { setId: Ii; versionNumber: number } {
  if (replaced.setId === undefined || replaced.versionNumber === undefined)
    throw new PasserelleError('DOCUMENT_UNKNOWN', { uniqueId: replaced.entry.uniqueId });
  return { setId: replaced.setId, versionNumber: replaced.versionNumber + 1 };
}

/** The platform's refusal as a typed error (its code and French text kept for the support desk). */
function refuseOnFailure(answer: RegistryResponse): void {
  const failure = registryFailure(answer);
  if (failure) throw failure;
}

function flags(change: VisibilityChange): Record<string, string> {
  return Object.fromEntries(Object.entries(change).map(([flag, on]) => [flag, String(on)]));
}

function result(
  entry: DocumentEntry,
  answer: RegistryResponse,
  message: { readonly fr: string; readonly en: string },
): DocumentResult {
  return {
    uniqueId: entry.uniqueId,
    title: entry.title,
    typeCode: { code: entry.typeCode.code, displayName: entry.typeCode.displayName },
    status: entry.availabilityStatus,
    visibility: entry.confidentialityCodes.map((c) => c.code).filter((code) => VISIBILITY_CODES.includes(code)),
    platformCode: answer.status,
    message: { ...message },
    warnings: answer.errors
      .filter((e) => e.severity === 'Warning')
      .map((e) => ({ code: e.errorCode, text: e.codeContext })),
  };
}
