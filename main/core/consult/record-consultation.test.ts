import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PasserelleError } from '../../../api/errors/index.js';
import { openSqlite } from '../../../interop/sqlite/sqlite.js';
import type { Association, DocumentEntry, QueryResponse, StoredQueryInput } from '../../../interop/xds/index.js';
import { newUrnUuid } from '../../../interop/xds/model.js';
import { sampleDocumentEntry } from '../../../interop/xds/sample-metadata.js';
import type { PatientIdentity } from '../patient/patient-identity.js';
import { ZEPHIRINE } from '../queue/test-support/queue-fixtures.js';
import { SealedBox } from '../storage/sealed-box.js';
import { ConsultCache } from './consult-cache.js';
import { RecordConsultation, replacedVersionOf, type ConsultPlatform } from './record-consultation.js';

const PATIENT: PatientIdentity = { ins: { ...ZEPHIRINE, history: [] }, status: 'QUAL' };
const KEY = Buffer.alloc(32, 5);

/** Three versions of a letter, each replacing the one before (RPLC from the new version to the old). */
const first = sampleDocumentEntry(Buffer.from('v1'), 0, { availabilityStatus: 'Deprecated' });
const second = sampleDocumentEntry(Buffer.from('v2'), 1, { availabilityStatus: 'Deprecated' });
const third = sampleDocumentEntry(Buffer.from('v3'), 2);
/** The third version's later metadata version (a mask set after filing): same uniqueId, new entryUUID. */
const thirdMasked = { ...third, entryUUID: newUrnUuid(), logicalId: third.entryUUID, version: '2' };
const rplc = (from: DocumentEntry, to: DocumentEntry): Association => ({
  id: newUrnUuid(),
  type: 'RPLC',
  sourceObject: from.entryUUID,
  targetObject: to.entryUUID,
});
const ENTRIES = [first, second, third, thirdMasked];
const ASSOCIATIONS = [rplc(second, first), rplc(third, second)];

/** The registry's answers to the two queries history asks, over the entries above; each query counted. */
function registry(): ConsultPlatform & { readonly asked: StoredQueryInput[] } {
  const asked: StoredQueryInput[] = [];
  return {
    professional: '899700100017',
    asked,
    storedQuery: (_patient, query) => {
      asked.push(query);
      const byIds = (q: { entryUUIDs?: readonly string[]; uniqueIds?: readonly string[] }) =>
        ENTRIES.filter((e) => q.entryUUIDs?.includes(e.entryUUID) || q.uniqueIds?.includes(e.uniqueId));
      const none = {
        status: 'Success',
        errors: [],
        documentEntries: [],
        submissionSets: [],
        associations: [],
        objectRefs: [],
      };
      if (query.kind === 'GetDocuments') return Promise.resolve({ ...none, documentEntries: byIds(query) });
      if (query.kind === 'GetDocumentsAndAssociations') {
        const found = byIds(query);
        const ids = new Set(found.map((e) => e.entryUUID));
        const associations = ASSOCIATIONS.filter((a) => ids.has(a.sourceObject) || ids.has(a.targetObject));
        return Promise.resolve({ ...none, documentEntries: found, associations });
      }
      throw new Error(`not asked by history: ${query.kind}`);
    },
    retrieve: () => Promise.reject(new Error('not asked by history')),
    confirmAccess: () => Promise.resolve(undefined),
  } as ConsultPlatform & { readonly asked: StoredQueryInput[] };
}

function consultation(platform: ConsultPlatform): RecordConsultation {
  const path = join(mkdtempSync(join(tmpdir(), 'record-history-')), 'consult.sqlite');
  return new RecordConsultation(platform, new ConsultCache(openSqlite(path), new SealedBox(KEY), KEY));
}

describe('the earlier versions of a document', () => {
  it('finds the version a document replaced from any of its metadata versions, never a newer one', () => {
    expect(replacedVersionOf([third, thirdMasked], ASSOCIATIONS)).toBe(second.entryUUID);
    expect(replacedVersionOf([second], ASSOCIATIONS)).toBe(first.entryUUID);
    expect(replacedVersionOf([first], ASSOCIATIONS)).toBeUndefined();
  });

  it('follows the replacements back to the first version, newest first', async () => {
    const platform = registry();
    const versions = await consultation(platform).history(PATIENT, third.uniqueId);
    expect(versions.map((v) => v.uniqueId)).toEqual([second.uniqueId, first.uniqueId]);
    expect(versions.every((v) => v.availabilityStatus === 'Deprecated')).toBe(true);
  });

  it('answers an empty history for a document that replaced nothing, in one question', async () => {
    const platform = registry();
    expect(await consultation(platform).history(PATIENT, first.uniqueId)).toEqual([]);
    expect(platform.asked).toHaveLength(1);
  });
});

/**
 * A record the registry answers with `entries` to every Find query (all of them new, never held), or refuses
 * for access (PS_BLOQUE, as when the patient blocked the professional) when `refuse` is set; each query counted.
 */
function record(
  entries: readonly DocumentEntry[],
  refuse: () => boolean,
): ConsultPlatform & { readonly asked: StoredQueryInput[] } {
  const asked: StoredQueryInput[] = [];
  const none: QueryResponse = {
    status: 'Success',
    errors: [],
    documentEntries: [],
    submissionSets: [],
    associations: [],
    objectRefs: [],
  };
  return {
    professional: '899700100017',
    asked,
    storedQuery: (_patient, query) => {
      asked.push(query);
      if (refuse())
        return Promise.reject(
          new PasserelleError('XDS_REQUEST_REFUSED', { errorCode: 'PS_BLOQUE', context: 'accès bloqué' }),
        );
      if (query.kind === 'FindDocuments')
        return Promise.resolve(
          query.returnType === 'ObjectRef'
            ? { ...none, objectRefs: entries.map((e) => e.entryUUID) }
            : { ...none, documentEntries: [...entries] },
        );
      if (query.kind === 'GetDocumentsAndAssociations' || query.kind === 'GetDocuments')
        return Promise.resolve({
          ...none,
          documentEntries: entries.filter((e) => query.entryUUIDs?.includes(e.entryUUID)),
        });
      return Promise.resolve(none);
    },
    retrieve: () => Promise.reject(new Error('not asked by a visit')),
    confirmAccess: () => Promise.resolve(undefined),
  };
}

describe('a visit asked alongside the platform’s word on her access', () => {
  const letter = sampleDocumentEntry(Buffer.from('lettre'), 0);
  const result = sampleDocumentEntry(Buffer.from('résultat'), 1);

  it('keeps nothing it found when TD0.2 refuses her access, though the searches were answered', async () => {
    const platform = record([letter, result], () => false);
    const visits = consultation(platform);
    expect(await visits.visitOnceGranted(PATIENT, Promise.resolve(false))).toBeUndefined();
    // The search left at once, and what it brought entered nothing: no copy, no visit counted.
    expect(platform.asked.map((q) => q.kind)).toEqual(['FindDocuments']);
    expect(visits.holdsCopy(PATIENT)).toBe(false);
    expect(visits.visits).toBe(0);
  });

  it('leaves her copy as it was when TD0.2 refuses a later visit: neither extended nor removed', async () => {
    let blocked = false;
    const platform = record([letter], () => blocked);
    const visits = consultation(platform);
    await visits.visit(PATIENT);
    const held = await visits.known(PATIENT);
    blocked = true;
    expect(await visits.visitOnceGranted(PATIENT, Promise.resolve(false))).toBeUndefined();
    expect(platform.asked.slice(1).map((q) => q.kind)).toEqual(['FindSubmissionSets', 'FindDocuments']);
    // The refusal of the searches is TD0.2's to tell: her copy is not removed behind her back.
    expect(visits.holdsCopy(PATIENT)).toBe(true);
    expect(await visits.known(PATIENT)).toEqual(held);
    expect(visits.visits).toBe(1);
  });

  it('enters what it found once TD0.2 grants access, and counts only its own questions', async () => {
    let granting!: (granted: boolean) => void;
    const granted = new Promise<boolean>((resolve) => (granting = resolve));
    const platform = record([letter, result], () => false);
    const visits = consultation(platform);
    const ahead = visits.visitOnceGranted(PATIENT, granted);
    await new Promise((resolve) => setImmediate(resolve));
    // Answered, yet not entered while TD0.2 has not spoken.
    expect(platform.asked).toHaveLength(1);
    expect(visits.holdsCopy(PATIENT)).toBe(false);
    granting(true);
    const visit = await ahead;
    expect(visit?.roundTrips).toBe(1);
    expect(visit?.outcome.mode).toBe('first');
    expect(visit?.outcome.documents.map((d) => d.entry.uniqueId).sort()).toEqual(
      [letter.uniqueId, result.uniqueId].sort(),
    );
    expect(visits.holdsCopy(PATIENT)).toBe(true);
  });

  it('reports the searches’ refusal as a visit does when TD0.2 granted access: her copy removed, and she is told', async () => {
    let blocked = false;
    const platform = record([letter], () => blocked);
    const visits = consultation(platform);
    await visits.visit(PATIENT);
    blocked = true;
    const error = await visits.visitOnceGranted(PATIENT, Promise.resolve(true)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PasserelleError);
    expect((error as PasserelleError).code).toBe('CONSULT_ACCESS_REVOKED');
    expect(visits.holdsCopy(PATIENT)).toBe(false);
  });
});
