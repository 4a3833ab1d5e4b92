import { describe, expect, it } from 'vitest';

import { sampleDocumentEntry } from '../../../interop/xds/sample-metadata.js';
import { groupDocuments, listDocuments } from './document-list.js';

const FOUND_AT = '2024-06-01T00:00:00.000Z';

/** A cached document with the given days of care (`YYYYMMDD`) and day of writing. */
function cached(index: number, created: string, start?: string, stop?: string) {
  return {
    entry: sampleDocumentEntry(Buffer.from(String(index)), index, {
      creationTime: `${created}120000`,
      serviceStartTime: start,
      serviceStopTime: stop,
    }),
    foundAt: FOUND_AT,
  };
}

describe('grouping a record by episode of care', () => {
  const stay = cached(0, '20240305', '20240301', '20240305');
  const letterOfTheStay = cached(1, '20240310', '20240304');
  const laterConsultation = cached(2, '20240320', '20240320');
  const undatedNote = cached(3, '20240101');
  const documents = listDocuments([stay, letterOfTheStay, laterConsultation, undatedNote], undefined);
  const idOf = (c: { entry: { uniqueId: string } }) => c.entry.uniqueId;

  it('puts documents whose days of care overlap in one episode, spanning them all', () => {
    const episodes = groupDocuments(documents, 'episode');
    expect(episodes.map((episode) => episode.key)).toEqual([
      '2024-03-20/2024-03-20',
      '2024-03-01/2024-03-05',
      '2024-01-01/2024-01-01',
    ]);
    expect(episodes[1]!.uniqueIds).toEqual([idOf(letterOfTheStay), idOf(stay)]);
  });

  it('dates a document without service times by the day it was written', () => {
    const episodes = groupDocuments(documents, 'episode');
    expect(episodes.at(-1)!.uniqueIds).toEqual([idOf(undatedNote)]);
  });

  it('gives every document to exactly one episode, in the order of the list within each', () => {
    const all = groupDocuments(documents, 'episode').flatMap((episode) => episode.uniqueIds);
    expect([...all].sort()).toEqual(documents.map((d) => d.uniqueId).sort());
  });

  it('says who wrote each document by national id, so that the window knows its own', () => {
    expect(documents[0]!.authors[0]!.id).toMatch(/^8\d+/);
    expect(documents.find((d) => d.uniqueId === idOf(stay))!.serviceStopTime).toBe('2024-03-05T00:00:00.000Z');
  });
});
