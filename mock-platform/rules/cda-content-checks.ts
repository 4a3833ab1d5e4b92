import { errorMessage, isPasserelleError } from '../../api/errors/index.js';
import { checkStructureOf, parseForChecks } from '../../interop/cda/check-structure.js';
import { tsToUtcDtm, type CdaHeader } from '../../interop/cda/index.js';
import { readHeaderOf } from '../../interop/cda/read-header.js';
import type { CdaValidator } from '../../interop/cda-validation/index.js';
import type { DocumentEntry } from '../../interop/xds/index.js';
import type { PatientRecord } from '../store/patient-store.js';
import type { ContentFinding, DocumentContentChecks } from './content-checks.js';
import { hasReferenceTraits } from './document-access.js';

const HL7_CONFIDENTIALITY = '2.16.840.1.113883.5.25';
/** The official rules can find hundreds of things in one document; an answer names the first ones. */
const MAX_OFFICIAL_FINDINGS = 20;

/** Characters kept of a long base64 body in the text the checks read: a whole number of 4-character groups. */
const KEPT_BODY_CHARACTERS = 64;
const TEXT_END = Buffer.from('</text>', 'latin1');
/** The start tag of a text element that declares its content base64 (`representation="B64"`). */
const BASE64_TEXT_TAG = /^<(?:[\w.-]+:)?text\s[^<>]*\brepresentation\s*=\s*["']B64["'][^<>]*>$/;

/** 1 for base64's characters and the white space allowed between them, 0 for every other byte. */
const BASE64_RUN_BYTE = (() => {
  const table = new Uint8Array(256);
  for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n')
    table[character.charCodeAt(0)] = 1;
  return table;
})();

/** For two bytes `a | b << 8`, 1 when both are base64's characters or white space (as `BASE64_RUN_BYTE` says). */
const BASE64_RUN_PAIR = (() => {
  const table = new Uint8Array(65536);
  for (let pair = 0; pair < 65536; pair += 1)
    table[pair] = BASE64_RUN_BYTE[pair & 0xff]! & BASE64_RUN_BYTE[pair >>> 8]!;
  return table;
})();

/**
 * True when `bytes[start, end)` holds only base64's characters and white space. Read in the bytes themselves
 * rather than by a regular expression over a decoded string: no copy of a body that may be 25 MB. Four bytes are
 * read at once, through a view of 32-bit words where the run is aligned for one, each word's two halves looked up
 * in a table of byte pairs (either byte order, since a pair is allowed exactly when both its bytes are): about
 * four times faster than byte by byte, for the same verdict.
 */
function isBase64Run(bytes: Buffer, start: number, end: number): boolean {
  let i = start;
  for (; i < end && (bytes.byteOffset + i) % 4 !== 0; i += 1) if (BASE64_RUN_BYTE[bytes[i]!] === 0) return false;
  const words = Math.max(0, (end - i) >>> 2);
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
  for (let w = 0; w < words; w += 1) {
    const word = view[w]!;
    if ((BASE64_RUN_PAIR[word & 0xffff]! & BASE64_RUN_PAIR[word >>> 16]!) === 0) return false;
  }
  for (i += words * 4; i < end; i += 1) if (BASE64_RUN_BYTE[bytes[i]!] === 0) return false;
  return true;
}

/**
 * The text the checks read: the document received, with the run of base64 characters that ends its last text
 * element declared base64 (a level 1 CDA's body) cut down to its first characters. Such a run holds no markup, no reference and
 * nothing the rules read (they read elements and attributes, and that the body has text), so the checks find
 * exactly what they find on the whole text; a 25 MB PDF-in-CDA is then neither decoded whole nor parsed. Any
 * other byte in the run, and nothing is cut.
 */
export function checkedCdaText(bytes: Buffer): string {
  const end = bytes.lastIndexOf(TEXT_END);
  // Base64 holds no '<': the last one before the end tag opens the element the body would be the text of.
  const tag = bytes.lastIndexOf('<', end - 1);
  const start = bytes.indexOf('>', tag) + 1;
  if (
    end < 0 ||
    tag < 0 ||
    start <= tag ||
    end - start <= KEPT_BODY_CHARACTERS ||
    !BASE64_TEXT_TAG.test(bytes.toString('latin1', tag, start)) ||
    !isBase64Run(bytes, start, end)
  ) {
    return bytes.toString('utf8');
  }
  return bytes.toString('utf8', 0, start + KEPT_BODY_CHARACTERS) + bytes.toString('utf8', end);
}

/** Two DTMs agree when one is the other at a coarser precision (a date against a date and time). */
function sameTime(a: string, b: string): boolean {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length) === b.slice(0, length);
}

/**
 * Where the header says something else than the metadata or the national identity: the patient (INS and
 * traits), the document's id (the uniqueId, `root^extension` as IHE writes an id with an extension), its
 * type, an author in common, its date, the service dates, the confidentiality level.
 */
function disagreements(header: CdaHeader, entry: DocumentEntry, patient: PatientRecord): string[] {
  const found: string[] = [];
  const { document } = header;
  const traits = header.patient;
  if (traits.ins.matricule !== patient.matricule || traits.ins.oid !== entry.patientId.assigningAuthority)
    found.push("l'INS du patient (recordTarget)");
  const cdaTraits = {
    familyName: traits.birthName,
    givenName: traits.firstNames[0] ?? '',
    birthDate: traits.birthDate,
    sex: traits.sex,
  };
  if (!hasReferenceTraits(cdaTraits, patient)) found.push("les traits d'identité du patient (recordTarget)");
  const uniqueId = document.id.extension ? `${document.id.root}^${document.id.extension}` : document.id.root;
  if (uniqueId !== entry.uniqueId) found.push("l'identifiant du document (id) et le uniqueId");
  if (document.typeCode.code !== entry.typeCode.code || document.typeCode.codeSystem !== entry.typeCode.codeSystem)
    found.push('le type du document (code) et le typeCode');
  if (!entry.authors.some((author) => header.authors.some((cda) => cda.id === author.person.id)))
    found.push("les auteurs (author) et l'authorPerson");
  if (!sameTime(tsToUtcDtm(document.effectiveTime), entry.creationTime))
    found.push('la date du document (effectiveTime) et le creationTime');
  const service = header.serviceEvent ?? header.encounter;
  if (service.start && entry.serviceStartTime && !sameTime(tsToUtcDtm(service.start), entry.serviceStartTime))
    found.push('le début de la prise en charge et le serviceStartTime');
  if (service.end && entry.serviceStopTime && !sameTime(tsToUtcDtm(service.end), entry.serviceStopTime))
    found.push('la fin de la prise en charge et le serviceStopTime');
  const level = entry.confidentialityCodes.find((c) => c.codeSystem === HL7_CONFIDENTIALITY)?.code;
  if (level !== document.confidentiality) found.push('le niveau de confidentialité (confidentialityCode)');
  return found;
}

/** What the official rules found: errors refuse, warnings ride along, information is left out. */
async function officialFindings(rules: CdaValidator, xml: string): Promise<ContentFinding[]> {
  const result = await rules.validate(xml);
  return result.findings
    .filter((finding) => finding.severity !== 'info')
    .sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'))
    .slice(0, MAX_OFFICIAL_FINDINGS)
    .map((finding) => ({
      code: 'CDA_NON_CONFORME',
      severity: finding.severity === 'error' ? 'Error' : 'Warning',
      reason: `${finding.step === 'xsd' ? 'schéma CDA' : (finding.schematron ?? 'schématron')} ${finding.location} : ${finding.message}`,
    }));
}

/**
 * The repository's content checks over interop's CDA modules: the document must be a CDA (text/xml) that passes
 * our structural rules (`checkStructureOf`: root, typeId, CI-SIS template, required header elements, INS and
 * its key, traits, codes, body), whose header `readHeaderOf` reads from the same parse, and whose header agrees
 * with the metadata and the patient's reference identity. With `officialRules` (interop/cda-validation over the ANS
 * kit), it must then pass the CDA schema and the CI-SIS schematrons as well.
 */
export function cdaContentChecks(officialRules?: CdaValidator): DocumentContentChecks {
  return {
    async check(content, entry, patient): Promise<ContentFinding[]> {
      if (entry.mimeType !== 'text/xml') {
        return [
          {
            code: 'CDA_NON_CONFORME',
            severity: 'Error',
            reason: `le DMP attend un document CDA (text/xml), pas ${entry.mimeType}`,
          },
        ];
      }
      const xml = checkedCdaText(await content.read());
      // Parsed once for both: the structural rules and the header read the same ClinicalDocument.
      const parsed = parseForChecks(xml);
      const structure: ContentFinding[] = ('finding' in parsed ? [parsed.finding] : checkStructureOf(parsed.cd)).map(
        (finding) => ({
          code: 'CDA_NON_CONFORME',
          severity: finding.severity === 'error' ? 'Error' : 'Warning',
          reason: `${finding.location} : ${finding.message.fr}`,
        }),
      );
      if ('finding' in parsed || structure.some((finding) => finding.severity === 'Error')) return structure;
      let header: CdaHeader;
      try {
        header = readHeaderOf(parsed.cd);
      } catch (error) {
        if (!isPasserelleError(error)) throw error;
        return [
          ...structure,
          { code: 'CDA_NON_CONFORME', severity: 'Error', reason: errorMessage(error.code, error.details) },
        ];
      }
      const disagreeing = disagreements(header, entry, patient);
      if (disagreeing.length > 0) {
        return [
          ...structure,
          {
            code: 'CDA_ENTETE_INCOHERENTE',
            severity: 'Error',
            reason: `l'en-tête et les métadonnées diffèrent sur ${disagreeing.join(', ')}`,
          },
        ];
      }
      return officialRules ? [...structure, ...(await officialFindings(officialRules, xml))] : structure;
    },
  };
}
