import { describe, expect, it } from 'vitest';

import { isPasserelleError } from '../../api/errors/index.js';
import type { QueryResponse, StoredQueryInput } from './messages.js';
import { buildProvideAndRegisterRequest, parseProvideAndRegisterRequest } from './provide-and-register.js';
import { registryError, registryFailure } from './registry-errors.js';
import { buildRegistryResponse, parseRegistryResponse } from './registry-response.js';
import {
  buildRetrieveRequest,
  buildRetrieveResponse,
  parseRetrieveRequest,
  parseRetrieveResponse,
} from './retrieve.js';
import { withReplacement } from './replacement.js';
import { sampleSubmission } from './sample-metadata.js';
import {
  buildStoredQueryRequest,
  buildStoredQueryResponse,
  parseStoredQueryRequest,
  parseStoredQueryResponse,
} from './stored-query.js';
import {
  buildUpdateDocumentSetRequest,
  parseUpdateDocumentSetRequest,
  statusUpdate,
  visibilityUpdate,
} from './update-document-set.js';

const contents = [new TextEncoder().encode('<ClinicalDocument/>'), new TextEncoder().encode('<other/>')];

/** Matches a thrown PasserelleError by its code. */
const failure = (code: string): unknown => expect.objectContaining({ name: 'PasserelleError', code });

describe('ITI-41 provide and register', () => {
  it('reads back exactly the metadata and document references it wrote', () => {
    const metadata = sampleSubmission(contents);
    const documents = metadata.documentEntries.map((e, i) => ({ id: e.entryUUID, contentId: `doc${i}@passerelle` }));
    const xml = buildProvideAndRegisterRequest({ metadata, documents });
    expect(parseProvideAndRegisterRequest(xml)).toEqual({ metadata, documents });
  });

  it('escapes titles with markup characters instead of breaking the XML', () => {
    const metadata = sampleSubmission(contents.slice(0, 1));
    metadata.documentEntries[0]!.title = 'Bilan <urgent> & "suite"';
    const documents = [{ id: metadata.documentEntries[0]!.entryUUID, contentId: 'd@x' }];
    const parsed = parseProvideAndRegisterRequest(buildProvideAndRegisterRequest({ metadata, documents }));
    expect(parsed.metadata.documentEntries[0]!.title).toBe('Bilan <urgent> & "suite"');
  });

  it('refuses a document entry without its document', () => {
    const metadata = sampleSubmission(contents);
    const documents = [{ id: metadata.documentEntries[0]!.entryUUID, contentId: 'a@b' }];
    expect(() => buildProvideAndRegisterRequest({ metadata, documents })).toThrow(failure('XDS_MESSAGE_INVALID'));
  });

  it('refuses a document sent inline instead of as an MTOM part', () => {
    const metadata = sampleSubmission(contents.slice(0, 1));
    const id = metadata.documentEntries[0]!.entryUUID;
    const xml = buildProvideAndRegisterRequest({ metadata, documents: [{ id, contentId: 'a@b' }] }).replace(
      /<xdsb:Document id="([^"]+)"><xop:Include[^>]*\/><\/xdsb:Document>/,
      '<xdsb:Document id="$1">PENsaW5pY2FsRG9jdW1lbnQvPg==</xdsb:Document>',
    );
    expect(() => parseProvideAndRegisterRequest(xml)).toThrow(failure('XDS_MESSAGE_INVALID'));
  });

  it('names the faulty field, never its value, when the metadata is wrong', () => {
    const metadata = sampleSubmission(contents.slice(0, 1));
    metadata.documentEntries[0]!.hash = 'NOT-A-HASH';
    try {
      buildProvideAndRegisterRequest({
        metadata,
        documents: [{ id: metadata.documentEntries[0]!.entryUUID, contentId: 'a@b' }],
      });
      expect.unreachable();
    } catch (error) {
      expect(isPasserelleError(error, 'XDS_METADATA_INVALID')).toBe(true);
      expect(JSON.stringify((error as { details: unknown }).details)).toContain('hash');
      expect(JSON.stringify((error as { details: unknown }).details)).not.toContain('NOT-A-HASH');
    }
  });

  it('names the faulty document reference, never its value, when an xdsb:Document is wrong', () => {
    const metadata = sampleSubmission(contents.slice(0, 1));
    const id = metadata.documentEntries[0]!.entryUUID;
    const xml = buildProvideAndRegisterRequest({ metadata, documents: [{ id, contentId: 'a@b' }] }).replace(
      'href="cid:a@b"',
      'href="cid:a%20b"',
    );
    try {
      parseProvideAndRegisterRequest(xml);
      expect.unreachable();
    } catch (error) {
      expect(isPasserelleError(error, 'XDS_METADATA_INVALID')).toBe(true);
      expect((error as { details: { field: string } }).details.field).toBe(
        'ProvideAndRegisterDocumentSetRequest.documents.0.contentId',
      );
      expect(JSON.stringify((error as { details: unknown }).details)).not.toContain('a b');
    }
  });

  it('refuses a message that is not an ITI-41 request and one with an entity declaration', () => {
    expect(() => parseProvideAndRegisterRequest('<a/>')).toThrow(failure('XDS_MESSAGE_INVALID'));
    expect(() => parseProvideAndRegisterRequest('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(
      failure('XML_FORBIDDEN_CONSTRUCT'),
    );
  });
});

describe('RegistryResponse', () => {
  it('carries the IHE error code and the French text for the user', () => {
    const response = {
      status: 'Failure' as const,
      errors: [
        {
          errorCode: 'XDSDuplicateUniqueIdInRegistry',
          codeContext: 'Un autre document porte déjà cet identifiant unique.',
          severity: 'Error' as const,
          location: '1.2.250.1.999.1.1.2.1',
        },
        {
          errorCode: 'XDSRegistryMetadataError',
          codeContext: 'Titre trop long, tronqué.',
          severity: 'Warning' as const,
        },
      ],
    };
    expect(parseRegistryResponse(buildRegistryResponse(response))).toEqual(response);
  });

  it('writes a success without an error list', () => {
    const xml = buildRegistryResponse({ status: 'Success', errors: [] });
    expect(xml).not.toContain('RegistryErrorList');
    expect(parseRegistryResponse(xml)).toEqual({ status: 'Success', errors: [] });
  });

  it('refuses an unknown status', () => {
    const xml = '<rs:RegistryResponse xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" status="urn:x"/>';
    expect(() => parseRegistryResponse(xml)).toThrow(failure('XDS_METADATA_INVALID'));
  });
});

describe('ITI-18 stored queries', () => {
  const patientId = { id: '277076322082910', assigningAuthority: '1.2.250.1.213.1.4.10', idType: 'NH' };
  const queries: StoredQueryInput[] = [
    {
      kind: 'FindDocuments',
      patientId,
      statuses: ['Approved', 'Archived'],
      classCodes: [{ code: '10', codeSystem: '1.2.250.1.213.1.1.4.1', displayName: '' }],
      typeCodes: [{ code: '11490-0', codeSystem: '2.16.840.1.113883.6.1', displayName: '' }],
      confidentialityCodes: [{ code: 'MASQUE_PS', codeSystem: '1.2.250.1.213.1.1.4.13', displayName: '' }],
      creationTimeFrom: '20220305',
      creationTimeTo: '20240306',
      serviceStartTimeFrom: '2022',
      serviceStopTimeTo: '20240306120000',
    },
    {
      kind: 'FindSubmissionSets',
      patientId,
      statuses: ['Approved'],
      submissionTimeFrom: '20240101',
      returnType: 'ObjectRef',
    },
    { kind: 'GetDocuments', entryUUIDs: ['urn:uuid:0b6e0e4a-1d0c-4a8e-9b0a-2f5d3c7e1a11'] },
    { kind: 'GetDocuments', uniqueIds: ['1.2.250.1.999.1.1.2.1', "weird'id"] },
    { kind: 'GetAssociations', uuids: ['urn:uuid:0b6e0e4a-1d0c-4a8e-9b0a-2f5d3c7e1a11'] },
    { kind: 'GetDocumentsAndAssociations', uniqueIds: ['1.2.250.1.999.1.1.2.1'] },
  ];

  it.each(queries.map((q) => [q.kind, q] as const))('reads back a %s request as it was built', (_kind, query) => {
    const parsed = parseStoredQueryRequest(buildStoredQueryRequest(query));
    expect(parsed).toEqual({ returnType: 'LeafClass', ...query });
  });

  it('writes the patient and the statuses as the DMP does', () => {
    const xml = buildStoredQueryRequest(queries[0]!);
    expect(xml).toContain('urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d');
    expect(xml).toContain("'277076322082910^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH'");
    expect(xml).toContain(
      "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved','urn:asip:ci-sis:2010:StatusType:Archived')",
    );
    expect(xml).toContain('<rim:Value>20220305</rim:Value>');
  });

  it('refuses GetDocuments with both kinds of ids, and an unknown query id', () => {
    expect(() => buildStoredQueryRequest({ kind: 'GetDocuments', entryUUIDs: ['a'], uniqueIds: ['b'] })).toThrow(
      failure('XDS_METADATA_INVALID'),
    );
    const xml = buildStoredQueryRequest(queries[2]!).replace(
      '5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
      '00000000-0000-0000-0000-000000000000',
    );
    expect(() => parseStoredQueryRequest(xml)).toThrow(failure('XDS_MESSAGE_INVALID'));
  });

  it('refuses an unquoted parameter value', () => {
    const xml = buildStoredQueryRequest(queries[2]!).replace(/\('urn:uuid:[^']+'\)/, '(urn:uuid:x)');
    expect(() => parseStoredQueryRequest(xml)).toThrow(failure('XDS_MESSAGE_INVALID'));
  });

  it('reads back a response with documents, the submission set and associations', () => {
    const metadata = sampleSubmission(contents);
    const response: QueryResponse = {
      status: 'Success',
      errors: [],
      submissionSets: [metadata.submissionSet],
      documentEntries: metadata.documentEntries.map((e, i) => ({
        ...e,
        logicalId: e.entryUUID as `urn:uuid:${string}`,
        version: String(i + 1),
        repositoryUniqueId: '1.2.250.1.213.4.1.1.2',
      })),
      associations: metadata.associations,
      objectRefs: [],
    };
    expect(parseStoredQueryResponse(buildStoredQueryResponse(response))).toEqual(response);
  });

  it('reads back an ObjectRef response', () => {
    const response: QueryResponse = {
      status: 'Success',
      errors: [],
      submissionSets: [],
      documentEntries: [],
      associations: [],
      objectRefs: ['urn:uuid:0b6e0e4a-1d0c-4a8e-9b0a-2f5d3c7e1a11'],
    };
    expect(parseStoredQueryResponse(buildStoredQueryResponse(response))).toEqual(response);
  });
});

describe('ITI-43 retrieve', () => {
  const reference = { repositoryUniqueId: '1.2.250.1.213.4.1.1.2', documentUniqueId: '1.2.250.1.999.1.1.2.1' };

  it('reads back a request and a response as they were built', () => {
    const request = { documents: [reference, { ...reference, documentUniqueId: '1.2.250.1.999.1.1.2.2' }] };
    expect(parseRetrieveRequest(buildRetrieveRequest(request))).toEqual(request);
    const response = {
      status: 'Success' as const,
      errors: [],
      documents: [{ ...reference, mimeType: 'text/xml', contentId: 'doc1@mock' }],
    };
    expect(parseRetrieveResponse(buildRetrieveResponse(response))).toEqual(response);
  });
});

describe('ITI-57 update document set', () => {
  const metadata = sampleSubmission(contents.slice(0, 1));
  const stored = {
    ...metadata.documentEntries[0]!,
    logicalId: 'urn:uuid:0b6e0e4a-1d0c-4a8e-9b0a-2f5d3c7e1a11' as const,
    version: '2',
  };

  it('masks a document for professionals as a new version that points at the previous one', () => {
    const update = visibilityUpdate(metadata.submissionSet, stored, { MASQUE_PS: true });
    const [entry] = update.documentEntries;
    expect(entry!.logicalId).toBe(stored.logicalId);
    expect(entry!.entryUUID).not.toBe(stored.entryUUID);
    expect(entry!.confidentialityCodes.map((c) => c.code)).toEqual(['N', 'MASQUE_PS']);
    expect(update.associations[0]).toMatchObject({
      type: 'HasMember',
      previousVersion: '2',
      submissionSetStatus: 'Original',
    });
    expect(parseUpdateDocumentSetRequest(buildUpdateDocumentSetRequest(update))).toEqual(update);
  });

  it('shows a hidden document to the patient again by removing only that flag', () => {
    const hidden = visibilityUpdate(metadata.submissionSet, stored, { INVISIBLE_PATIENT: true, MASQUE_PS: true });
    const shown = visibilityUpdate(
      metadata.submissionSet,
      { ...hidden.documentEntries[0]!, version: '3' },
      { INVISIBLE_PATIENT: false },
    );
    expect(shown.documentEntries[0]!.confidentialityCodes.map((c) => c.code)).toEqual(['N', 'MASQUE_PS']);
  });

  it('refuses a visibility update of an entry that has no registry version', () => {
    expect(() => visibilityUpdate(metadata.submissionSet, metadata.documentEntries[0]!, { MASQUE_PS: true })).toThrow(
      failure('XDS_METADATA_INVALID'),
    );
  });

  it('deletes and unarchives through status changes with the DMP status URNs', () => {
    const deletion = statusUpdate(metadata.submissionSet, stored.entryUUID, 'Approved', 'Deleted');
    const xml = buildUpdateDocumentSetRequest(deletion);
    expect(xml).toContain('urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus');
    expect(xml).toContain('<rim:Value>urn:asip:ci-sis:2010:StatusType:Deleted</rim:Value>');
    expect(parseUpdateDocumentSetRequest(xml)).toEqual(deletion);
    const unarchive = statusUpdate(metadata.submissionSet, stored.entryUUID, 'Archived', 'Approved');
    expect(parseUpdateDocumentSetRequest(buildUpdateDocumentSetRequest(unarchive))).toEqual(unarchive);
  });
});

describe('registry errors', () => {
  it('fill the French text of an IHE code, and let a precise one replace it', () => {
    expect(registryError('XDSNonIdenticalHash').codeContext).toContain('empreinte');
    expect(registryError('XDSUnknownPatientId', { codeContext: 'Dossier fermé.', location: 'x' })).toEqual({
      errorCode: 'XDSUnknownPatientId',
      codeContext: 'Dossier fermé.',
      severity: 'Error',
      location: 'x',
    });
  });

  it('turn a refusal read from the wire into a typed error with the code and text, and a success into none', () => {
    const refused = parseRegistryResponse(
      buildRegistryResponse({ status: 'Failure', errors: [registryError('XDSDuplicateUniqueIdInRegistry')] }),
    );
    const error = registryFailure(refused);
    expect(error).toEqual(failure('XDS_REQUEST_REFUSED'));
    expect(error?.messageIn('fr')).toContain('Un autre document porte déjà cet identifiant unique.');
    expect(error?.messageIn('fr')).toContain('XDSDuplicateUniqueIdInRegistry');
    expect(registryFailure({ status: 'Success', errors: [] })).toBeUndefined();
    const warned = {
      status: 'PartialSuccess' as const,
      errors: [registryError('XDSTooManyResults', { severity: 'Warning' })],
    };
    expect(registryFailure(warned)).toBeUndefined();
  });
});

describe('replacement (RPLC)', () => {
  it('links the new version to the replaced entry and reads back from ITI-41', () => {
    const base = sampleSubmission(contents.slice(0, 1));
    const entry = base.documentEntries[0]!;
    const replaced = 'urn:uuid:0b6e0e4a-1d0c-4a8e-9b0a-2f5d3c7e1a11';
    const metadata = withReplacement(base, entry.entryUUID, replaced);
    expect(metadata.associations.at(-1)).toMatchObject({
      type: 'RPLC',
      sourceObject: entry.entryUUID,
      targetObject: replaced,
    });
    const documents = [{ id: entry.entryUUID, contentId: 'a@b' }];
    const xml = buildProvideAndRegisterRequest({ metadata, documents });
    expect(xml).toContain('associationType="urn:ihe:iti:2007:AssociationType:RPLC"');
    expect(parseProvideAndRegisterRequest(xml).metadata).toEqual(metadata);
  });

  it('refuses to replace from a document that is not in the submission', () => {
    const base = sampleSubmission(contents.slice(0, 1));
    expect(() =>
      withReplacement(base, 'urn:uuid:0b6e0e4a-1d0c-4a8e-9b0a-2f5d3c7e1a11', base.documentEntries[0]!.entryUUID),
    ).toThrow(failure('XDS_METADATA_INVALID'));
  });
});

describe('author coded values', () => {
  it('refuses a specialty whose display holds an HL7 delimiter rather than shift its fields', () => {
    const metadata = sampleSubmission(contents.slice(0, 1));
    const author = metadata.documentEntries[0]!.authors[0]!;
    metadata.documentEntries[0]!.authors = [
      { ...author, specialties: [{ code: 'G15_10', codeSystem: '1.2.250.1.213.1.1.4.5', displayName: 'A^B' }] },
    ];
    const documents = [{ id: metadata.documentEntries[0]!.entryUUID, contentId: 'a@b' }];
    expect(() => buildProvideAndRegisterRequest({ metadata, documents })).toThrow(failure('XDS_METADATA_INVALID'));
  });
});
