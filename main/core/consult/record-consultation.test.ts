import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { openSqlite } from '../../../interop/sqlite/sqlite.js';
import type { Association, DocumentEntry, StoredQueryInput } from '../../../interop/xds/index.js';
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
