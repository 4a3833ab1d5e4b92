/** MTOM/XOP for SOAP 1.2: streamed encoding of requests, streaming decoding of what arrives. */
export * from './encode.js';
export * from './decode.js';
export type { DecodedAttachment, DecodedMtom } from './xop-parts.js';
export { parseContentType, type ContentType } from './content-type.js';
