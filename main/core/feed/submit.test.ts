import { describe, expect, it } from 'vitest';

import { sampleDocumentEntry } from '../../../interop/xds/sample-metadata.js';
import { outcomesOf } from './submit.js';

describe('outcomesOf', () => {
  const entries = ['un', 'deux'].map((word, index) => sampleDocumentEntry(Buffer.from(word), index));

  it('files every document on Success, as the platform answers a first submission and an identical resubmission alike', () => {
    expect(outcomesOf({ status: 'Success', errors: [] }, entries)).toEqual(
      entries.map((entry) => ({ kind: 'filed', entry })),
    );
  });

  it('gives the located error to its document, as its own fault, and the first error to the others', () => {
    const [a, b] = outcomesOf(
      {
        status: 'Failure',
        errors: [
          { errorCode: 'XDSRegistryMetadataError', codeContext: 'lot', severity: 'Error' },
          { errorCode: 'CDA_NON_CONFORME', codeContext: 'règle', severity: 'Error', location: entries[1]!.entryUUID },
        ],
      },
      entries,
    );
    expect(a).toMatchObject({
      kind: 'refused',
      error: { code: 'XDS_REQUEST_REFUSED', details: { errorCode: 'XDSRegistryMetadataError' } },
      ownFault: false,
    });
    expect(b).toMatchObject({
      kind: 'refused',
      error: { details: { errorCode: 'CDA_NON_CONFORME', context: 'règle' } },
      ownFault: true,
    });
  });

  it('files every document of a PartialSuccess that only warns', () => {
    const warned = outcomesOf(
      { status: 'PartialSuccess', errors: [{ errorCode: 'W', codeContext: 'avertissement', severity: 'Warning' }] },
      entries,
    );
    expect(warned.map((outcome) => outcome.kind)).toEqual(['filed', 'filed']);
  });
});
