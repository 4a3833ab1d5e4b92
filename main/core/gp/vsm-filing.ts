import type { ResponseOf, VsmContent } from '../../../api/contract/index.js';
import { buildVsm, readCdaHeader } from '../../../interop/cda/index.js';
import type { DocumentEntry } from '../../../interop/xds/index.js';
import type { RecordConsultation } from '../consult/record-consultation.js';
import { patientHeader } from '../feed/patient-document.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import type { ProfessionalIdentity } from '../session/credentials.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import { checkVsmContent, vsmInput, type CompleteVsmContent } from './vsm-content.js';

/** The document type of a VSM 2023.01 (TRE_A05), and the LOINC one earlier syntheses were filed under. */
export const VSM_TYPE_CODES: readonly string[] = ['SYNTH', '60591-5'];

const DEFAULT_TITLE = 'Synthèse médicale';

/** The syntheses of the record in force, newest first (by creation time). */
export function syntheses(entries: readonly DocumentEntry[]): DocumentEntry[] {
  return entries
    .filter((e) => VSM_TYPE_CODES.includes(e.typeCode.code) && e.availabilityStatus === 'Approved')
    .sort((a, b) => b.creationTime.localeCompare(a.creationTime));
}

/** The latest synthesis in force that this professional wrote: the one a new synthesis of hers replaces. */
function ownLatest(entries: readonly DocumentEntry[], nationalId: string): DocumentEntry | undefined {
  return syntheses(entries).find((e) => e.authors.some((a) => a.person.id === nationalId));
}

/** The CDA version facts of the synthesis replaced: its set, and the next version number. */
async function nextVersion(
  consultation: RecordConsultation,
  patient: PatientIdentity,
  replaced: DocumentEntry,
): Promise<{ setId: { root: string; extension?: string }; versionNumber: number }> {
  const { content } = await consultation.content(patient, replaced.uniqueId);
  const { document } = readCdaHeader(content.toString('utf8'));
  return { setId: document.setId, versionNumber: document.versionNumber + 1 };
}

/** The VSM of this content under the header of the cards and INSi (a new CDA set, or the next version of one). */
export function vsmXml(
  checked: CompleteVsmContent,
  patient: PatientIdentity,
  author: ProfessionalIdentity,
  now: Date,
  version: Partial<Awaited<ReturnType<typeof nextVersion>>> = {},
): string {
  return buildVsm(
    vsmInput(checked, patientHeader(patient, author, { title: checked.title ?? DEFAULT_TITLE, now, ...version })),
  );
}

/**
 * Files the current patient's medical synthesis: the content checked (the three sections, the codes against
 * the model's value sets) before anything else, the record visited to find the synthesis this professional
 * filed last (it is replaced, RPLC, keeping its CDA set with the next version), the VSM built under the
 * header of the cards and INSi, then checked with the installation's rules and filed by the one upload path.
 */
export async function fileVsm(
  professional: ProfessionalSession,
  content: VsmContent,
  now: () => Date,
): Promise<ResponseOf<'vsm.file'>> {
  const checked = checkVsmContent(content);
  const { consultation, session, patient } = professional.consultation();
  const author = session.context.credentials.identity;
  const visit = await consultation.visit(patient);
  const entries = visit.documents.map((d) => d.entry);
  professional.learn(entries);
  const replaced = ownLatest(entries, author.nationalId);
  const version = replaced ? await nextVersion(consultation, patient, replaced) : {};
  const xml = vsmXml(checked, patient, author, now(), version);
  const { feed } = await professional.feed();
  const filed = await feed.upload(
    patient,
    { kind: 'cda', file: 'synthèse médicale (VSM)', xml, bytes: Buffer.from(xml, 'utf8') },
    replaced ? { replaces: replaced.uniqueId } : {},
  );
  return { ...filed, replaced: replaced?.uniqueId ?? null };
}
