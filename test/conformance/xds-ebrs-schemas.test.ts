import { describe, expect, it } from 'vitest';

import type { StoredQueryInput } from '../../interop/xds/messages.js';

import { buildProvideAndRegisterRequest } from '../../interop/xds/provide-and-register.js';
import { buildRegistryResponse } from '../../interop/xds/registry-response.js';
import { buildRetrieveResponse } from '../../interop/xds/retrieve.js';
import { sampleSubmission } from '../../interop/xds/sample-metadata.js';
import { buildStoredQueryRequest, buildStoredQueryResponse } from '../../interop/xds/stored-query.js';
import {
  buildUpdateDocumentSetRequest,
  statusUpdate,
  visibilityUpdate,
} from '../../interop/xds/update-document-set.js';
import { XML_NS } from '../../interop/xml/namespaces.js';
import { ebrsPart, ebrsProblems } from '../support/ebrs.js';

const patientId = { id: '277076322082910', assigningAuthority: '1.2.250.1.213.1.4.10', idType: 'NH' };
const contents = [new TextEncoder().encode('<ClinicalDocument/>'), new TextEncoder().encode('%PDF-1.4')];
const metadata = sampleSubmission(contents);
const stored = {
  ...metadata.documentEntries[0]!,
  logicalId: metadata.documentEntries[0]!.entryUUID as `urn:uuid:${string}`,
  version: '1',
  repositoryUniqueId: '1.2.250.1.213.4.1.1.2',
};

describe('every XDS body we build validates against the OASIS ebRS 3.0 schemas', () => {
  it('the SubmitObjectsRequest of an ITI-41 request with two documents', () => {
    const documents = metadata.documentEntries.map((e, i) => ({ id: e.entryUUID, contentId: `d${i}@passerelle` }));
    const xml = buildProvideAndRegisterRequest({ metadata, documents });
    expect(ebrsProblems(ebrsPart(xml, XML_NS.lcm, 'SubmitObjectsRequest'), 'lcm')).toEqual([]);
  });

  it('ITI-57 requests: a visibility change and a status change', () => {
    expect(
      ebrsProblems(
        buildUpdateDocumentSetRequest(visibilityUpdate(metadata.submissionSet, stored, { MASQUE_PS: true })),
        'lcm',
      ),
    ).toEqual([]);
    expect(
      ebrsProblems(
        buildUpdateDocumentSetRequest(statusUpdate(metadata.submissionSet, stored.entryUUID, 'Approved', 'Archived')),
        'lcm',
      ),
    ).toEqual([]);
  });

  it('registry responses, with and without errors', () => {
    expect(ebrsProblems(buildRegistryResponse({ status: 'Success', errors: [] }), 'rs')).toEqual([]);
    const failure = buildRegistryResponse({
      status: 'Failure',
      errors: [
        {
          errorCode: 'XDSRepositoryMetadataError',
          codeContext: 'Le hash ne correspond pas au document.',
          severity: 'Error',
        },
      ],
    });
    expect(ebrsProblems(failure, 'rs')).toEqual([]);
  });

  const queries: [string, StoredQueryInput][] = [
    [
      'FindDocuments',
      {
        kind: 'FindDocuments',
        patientId,
        statuses: ['Approved'],
        creationTimeFrom: '20220101',
        typeCodes: [{ code: '11490-0', codeSystem: '2.16.840.1.113883.6.1', displayName: '' }],
      },
    ],
    [
      'FindSubmissionSets',
      { kind: 'FindSubmissionSets', patientId, statuses: ['Approved'], submissionTimeFrom: '20240101' },
    ],
    ['GetDocuments', { kind: 'GetDocuments', uniqueIds: ['1.2.3'] }],
    ['GetAssociations', { kind: 'GetAssociations', uuids: [stored.entryUUID] }],
    ['GetDocumentsAndAssociations', { kind: 'GetDocumentsAndAssociations', entryUUIDs: [stored.entryUUID] }],
  ];
  it.each(queries)('the %s request', (_name, query) => {
    expect(ebrsProblems(buildStoredQueryRequest(query), 'query')).toEqual([]);
  });

  it('a query response with a submission set, entries and associations, and an ObjectRef one', () => {
    const full = buildStoredQueryResponse({
      status: 'Success',
      errors: [],
      submissionSets: [metadata.submissionSet],
      documentEntries: [stored],
      associations: metadata.associations,
      objectRefs: [],
    });
    expect(ebrsProblems(full, 'query')).toEqual([]);
    const refs = buildStoredQueryResponse({
      status: 'PartialSuccess',
      errors: [{ errorCode: 'XDSResultNotSinglePatient', codeContext: 'Plusieurs patients', severity: 'Warning' }],
      submissionSets: [],
      documentEntries: [],
      associations: [],
      objectRefs: [stored.entryUUID],
    });
    expect(ebrsProblems(refs, 'query')).toEqual([]);
  });

  it('the RegistryResponse inside an ITI-43 response', () => {
    const xml = buildRetrieveResponse({
      status: 'Success',
      errors: [],
      documents: [{ repositoryUniqueId: '1.2.3', documentUniqueId: '1.2.3.4', mimeType: 'text/xml', contentId: 'a@b' }],
    });
    expect(ebrsProblems(ebrsPart(xml, XML_NS.rs, 'RegistryResponse'), 'rs')).toEqual([]);
  });

  it('the schema check is not a rubber stamp: a DocumentEntry slot without a value list is refused', () => {
    const xml = buildUpdateDocumentSetRequest(visibilityUpdate(metadata.submissionSet, stored, { MASQUE_PS: true }));
    const broken = xml.replace(/<rim:ValueList><rim:Value>[^<]*<\/rim:Value><\/rim:ValueList>/, '');
    expect(ebrsProblems(broken, 'lcm')).not.toEqual([]);
  });
});
