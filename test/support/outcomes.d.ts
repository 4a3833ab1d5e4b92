export { failure } from '../../api/errors/test-support/outcomes.js';
/** The smallest readable PDF: one empty A4 page. */
export declare const ONE_PAGE_PDF: Buffer<ArrayBuffer>;
