import { DOCUMENT_TYPES, PATIENT_DOCUMENT_TYPES } from '../value-sets/type-codes.js';
import { PROFESSIONS } from '../value-sets/professions.js';

/**
 * The habilitation matrix: which profession (TRE_G15 code) may read which document type on the DMP. The rule
 * in force is the "matrice d'habilitations" annexed to the arrêté of 26 October 2023 "fixant les règles de
 * gestion des droits d'accès au dossier médical partagé des professionnels mentionnés à l'article L. 1111-15
 * et au III de l'article L. 1111-17 du code de la santé publique" (JORF of 29 October 2023).
 *
 * The annex itself was not at hand. What the public summaries of it say, and how this table follows them:
 * - Physicians read every document but the residence certificate (information-dentaire.fr, "Publication des
 *   règles d'accès aux DMP des professionnels de santé"; abak.ec, "Professionnels de santé : quel accès
 *   possible au dossier médical partagé ?"): ATTEST-RESID. Published.
 * - Pharmacists and nurses are "slightly more restricted", the other health professions read "most
 *   documents" (same sources). The cells those summaries name, each a row below: dentists may not read EHPAD
 *   residents' care plans (80788-3 Projet personnalisé d'accompagnement), telemedicine requests (75496-0), social
 *   or medico-social discharge letters (83981-1), psychological reports (83901-9) or psychiatric summaries
 *   (68599-0) (information-dentaire.fr), nor advance directives (EXPPAT_3, a patient's own document that no
 *   professional files); a podiatrist may not read a delivery report (15508-5) (france-assos-sante.org, "Mon
 *   espace santé : parlons confidentialité"). Every other cell of those professions is our reading: allowed.
 * - A podiatrist (80) may not read a hospital stay report (34112-3): the project's seed scenario, our reading.
 *   The podiatrists' order says its members have "a large access" to the record (onpp.fr, "Accès au dossier
 *   médical partagé", 2023) without listing the cells, so this one cell is the one to check first against the
 *   annex.
 * - Specialties: no cell of the summaries depends on one, so the table is keyed by profession only.
 * - A type outside the table (the submission set's signature, E1762, among others) is read by nobody, and a
 *   profession outside TRE_G15 reads nothing.
 */

export interface MatrixRow {
  /** The typeCode (JDV_J07) this row is about. */
  readonly typeCode: string;
  /** TRE_G15 professions that may not read it; every other profession of TRE_G15 may. */
  readonly deniedTo: readonly string[];
}

const PHYSICIAN = '10';
const DENTIST = '40';
const PODIATRIST = '80';

/** Rows that deny something; every other type of DOCUMENT_TYPES is read by every profession (our reading). */
const RESTRICTED: readonly MatrixRow[] = [
  { typeCode: '34112-3', deniedTo: [PODIATRIST] },
  { typeCode: '15508-5', deniedTo: [PODIATRIST] },
  { typeCode: '80788-3', deniedTo: [DENTIST] },
  { typeCode: '75496-0', deniedTo: [DENTIST] },
  { typeCode: '83981-1', deniedTo: [DENTIST] },
  { typeCode: '83901-9', deniedTo: [DENTIST] },
  { typeCode: '68599-0', deniedTo: [DENTIST] },
  { typeCode: 'ATTEST-RESID', deniedTo: [PHYSICIAN] },
  { typeCode: 'EXPPAT_3', deniedTo: [DENTIST] },
];

/** The whole matrix, one row per document type the platform accepts, the patient's own types included. */
export const ACCESS_MATRIX: readonly MatrixRow[] = [...DOCUMENT_TYPES, ...PATIENT_DOCUMENT_TYPES].map(
  (type) => RESTRICTED.find((row) => row.typeCode === type.code) ?? { typeCode: type.code, deniedTo: [] },
);

const PROFESSION_CODES: ReadonlySet<string> = new Set(PROFESSIONS.concepts.map((c) => c.code));

/** Whether a professional of `profession` (TRE_G15) may read a document of `typeCode`. */
export function mayRead(profession: string, typeCode: string): boolean {
  if (!PROFESSION_CODES.has(profession)) return false;
  const row = ACCESS_MATRIX.find((candidate) => candidate.typeCode === typeCode);
  return row !== undefined && !row.deniedTo.includes(profession);
}
