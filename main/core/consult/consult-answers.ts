import {
  SearchAnswerSchema,
  type CdaHeaderView,
  type RenderAnswer,
  type RequestOf,
  type ResponseOf,
  type RetrieveAnswer,
  type SearchAnswer,
} from '../../../api/contract/index.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import type { DmpSession } from '../session/dmp-session.js';
import type { PrefetchedVisit } from '../session/patient-prefetch.js';
import { groupDocuments, listDocuments, summarize } from './document-list.js';
import type { RecordConsultation, VisitOutcome } from './record-consultation.js';
import { renderDocument } from './render/cda-render.js';

/** Days a consulted record stays cached after its last consultation, unless settings say otherwise. */
export const DEFAULT_CONSULT_CACHE_DAYS = 7;

const DMP_VISIBILITY: readonly string[] = ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'];

/**
 * The search answer of the contract: the visit, filtered, grouped, with the platform calls it cost. `ahead` is
 * the visit asked as the Vitale card was read, when there is one (undefined inside: nothing was searched then).
 */
export async function searchRecord(
  consultation: RecordConsultation,
  session: DmpSession,
  patient: PatientIdentity,
  request: RequestOf<'document.search'>,
  ahead?: Promise<PrefetchedVisit | undefined>,
): Promise<SearchAnswer & { readonly visit: VisitOutcome }> {
  const prefetched = await ahead;
  const before = session.roundTrips;
  const visit = prefetched?.outcome ?? (await consultation.visit(patient));
  const { groupBy, ...filter } = request;
  const documents = listDocuments(visit.documents, visit.previousVisit, filter);
  return {
    mode: visit.mode,
    previousVisit: visit.previousVisit ?? null,
    windowFrom: visit.windowFrom,
    // Parsed with the contract's schema: the answer is exactly what the contract describes (mutable copies).
    documents: SearchAnswerSchema.shape.documents.parse(documents),
    groups:
      groupBy === undefined
        ? []
        : groupDocuments(documents, groupBy).map((group) => ({ ...group, uniqueIds: [...group.uniqueIds] })),
    roundTrips: prefetched ? prefetched.roundTrips : session.roundTrips - before,
    visit,
  };
}

export async function retrieveDocument(
  consultation: RecordConsultation,
  patient: PatientIdentity,
  uniqueId: string,
): Promise<RetrieveAnswer> {
  const got = await consultation.content(patient, uniqueId);
  return {
    uniqueId,
    mimeType: got.mimeType,
    size: got.content.byteLength,
    contentBase64: got.content.toString('base64'),
    fromCache: got.fromCache,
  };
}

/** The versions a document replaced, newest first, as the list shows documents (none of them is new). */
export async function documentHistory(
  consultation: RecordConsultation,
  patient: PatientIdentity,
  uniqueId: string,
): Promise<ResponseOf<'document.history'>> {
  const versions = await consultation.history(patient, uniqueId);
  const summaries = versions.map((entry) => summarize({ entry, foundAt: new Date(0).toISOString() }, undefined));
  return { versions: SearchAnswerSchema.shape.documents.parse(summaries) };
}

export async function renderForView(
  consultation: RecordConsultation,
  patient: PatientIdentity,
  uniqueId: string,
): Promise<RenderAnswer> {
  const got = await consultation.content(patient, uniqueId);
  const visibility = got.entry.confidentialityCodes.map((c) => c.code).filter((code) => DMP_VISIBILITY.includes(code));
  const rendered = renderDocument(got.content, got.mimeType, { uniqueId, visibility });
  const header = (view: CdaHeaderView | undefined) => (view === undefined ? {} : { header: view });
  switch (rendered.kind) {
    case 'html':
      return {
        kind: 'html',
        uniqueId,
        html: rendered.html,
        ...(rendered.cda && {
          cda: {
            header: rendered.cda.header,
            body: rendered.cda.body,
            sections: rendered.cda.sections.map((section) =>
              section.kind === 'html'
                ? { ...section }
                : { kind: 'pdf' as const, title: section.title, contentBase64: section.content.toString('base64') },
            ),
          },
        }),
      };
    case 'pdf':
      return { kind: 'pdf', uniqueId, contentBase64: rendered.content.toString('base64'), ...header(rendered.header) };
    case 'file':
      return {
        kind: 'file',
        uniqueId,
        mimeType: rendered.mimeType,
        contentBase64: rendered.content.toString('base64'),
        ...header(rendered.header),
      };
  }
}
