/** HL7 CDA R2 documents under the French CI-SIS profiles: header model, builders, reader, checks, XDS entry. */
export * from './cda-model.js';
export * from './body-model.js';
export { formatTs, tsToUtcDtm, TsSchema, type Ts } from './timestamps.js';
export {
  buildUnstructuredCda,
  buildUnstructuredCdaBytes,
  UnstructuredCdaInputSchema,
  XDS_SD_TEMPLATE,
  type UnstructuredCdaInput,
} from './build-unstructured.js';
export { buildVsm, VSM_TEMPLATE, VsmInputSchema, type VsmInput } from './build-vsm.js';
export {
  ADMISSION_MODES,
  buildLdlSes,
  DISCHARGE_MODES,
  DOCUMENT_STATUSES,
  LDL_SES_TEMPLATE,
  LdlSesInputSchema,
  type LdlSesInput,
} from './build-ldl-ses.js';
export { readCda, readCdaHeader, type ReadCda } from './read-header.js';
export { CDA_RULES, checkCdaStructure, type CdaFinding, type CdaRuleId } from './check-structure.js';
export { checkCdaFiling, type FilingFinding } from './check-filing.js';
export { documentEntryFromCda, xdsUniqueId, type DocumentEntryOptions } from './xds-entry.js';
export { readVsm, type VsmBody } from './read-vsm.js';
