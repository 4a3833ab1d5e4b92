import { describe, expect, it } from 'vitest';

import type { DocumentSummaryView } from '../../../api/contract/index.js';
import { propertiesOf, stepsBetween } from './document-properties.js';
import { messages } from './messages.js';
import {
  careDayOf,
  csvOf,
  episodeLabel,
  headingOf,
  isAuthorOf,
  NO_VISIT,
  openingAlertsOf,
  readAsOneVisit,
  rememberSearch,
  stateWordsOf,
  statesOf,
} from './record-reading.js';

const words = messages.fr.states;

function document(overrides: Partial<DocumentSummaryView> = {}): DocumentSummaryView {
  return {
    uniqueId: '1.2.250.1.999.1.1.2.1',
    title: 'Lettre',
    classCode: { code: '10', displayName: 'Compte rendu' },
    typeCode: { code: '34874-8', displayName: 'CR opératoire' },
    formatCode: 'urn:ihe:iti:xds-sd:pdf:2008',
    structured: false,
    creationTime: '2026-03-14T09:00:00.000Z',
    serviceStartTime: '2026-03-12T00:00:00.000Z',
    authors: [{ name: 'Anne MARTIN', structure: 'Clinique du Parc', id: '899700100017' }],
    status: 'Approved',
    visibility: [],
    mimeType: 'text/xml',
    size: 10,
    isNew: false,
    ...overrides,
  };
}

describe('the states a listed document shows (EX_3.1-1080, EX_3.1-1040)', () => {
  it('shows nothing for an approved document everyone may see', () => {
    expect(statesOf(document())).toEqual([]);
  });

  it('names every flag and status in words, new and patient-written first', () => {
    const all = document({
      isNew: true,
      classCode: { code: '90', displayName: 'Autres documents déposés par le patient' },
      visibility: ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
      status: 'Archived',
    });
    expect(stateWordsOf(all, words)).toEqual([
      'nouveau depuis votre dernière visite',
      'rédigé par le patient',
      'masqué aux professionnels',
      'invisible au patient',
      'invisible aux représentants légaux',
      'archivé',
    ]);
    expect(stateWordsOf(document({ status: 'Deprecated' }), messages.en.states)).toEqual([
      'replaced by a newer version',
    ]);
  });

  it('alerts on opening a document hidden from the patient or her legal representatives (EX_3.2-1025)', () => {
    expect(openingAlertsOf(document({ visibility: ['MASQUE_PS'] }))).toEqual([]);
    expect(openingAlertsOf(document({ visibility: ['INVISIBLE_REPRESENTANTS_LEGAUX', 'INVISIBLE_PATIENT'] }))).toEqual([
      'invisiblePatient',
      'invisibleLegal',
    ]);
  });
});

describe('reading a record as a GP', () => {
  it('heads a document by its type and author, whatever its title', () => {
    expect(headingOf(document(), '?')).toBe('CR opératoire — Anne MARTIN');
    expect(headingOf(document({ authors: [] }), 'auteur inconnu')).toBe('CR opératoire — auteur inconnu');
    const two = document({ authors: [...document().authors, { name: 'Paul DURAND' }] });
    expect(headingOf(two, '?')).toBe('CR opératoire — Anne MARTIN +1');
  });

  it('dates a document by its day of care, else by the day it was written', () => {
    expect(careDayOf(document())).toBe('2026-03-12');
    expect(careDayOf(document({ serviceStartTime: undefined }))).toBe('2026-03-14');
    expect(careDayOf({ creationTime: '2026-12-05T10:00:00Z', serviceStartTime: '20260312081500' })).toBe('2026-03-12');
  });

  it('heads an episode by its day, or by its first and last days', () => {
    expect(episodeLabel('2026-03-12/2026-03-12', 'fr-FR')).toBe('12/03/2026');
    expect(episodeLabel('2026-03-01/2026-03-05', 'fr-FR')).toBe('01/03/2026 → 05/03/2026');
    expect(episodeLabel('2026-03-01/2026-03-05', 'en-US')).toBe('03/01/2026 → 03/05/2026');
  });

  it('knows the author by national id, never by name', () => {
    expect(isAuthorOf(document(), '899700100017')).toBe(true);
    expect(isAuthorOf(document(), '899700100074')).toBe(false);
    expect(isAuthorOf(document({ authors: [{ name: 'Anne MARTIN' }] }), '899700100017')).toBe(false);
    expect(isAuthorOf(document(), undefined)).toBe(false);
  });

  it('exports the list as a CSV a French spreadsheet opens, with no formula from a title', () => {
    const csv = csvOf(
      [document({ title: '=HYPERLINK("x")', visibility: ['MASQUE_PS'] })],
      messages.fr.list.csvColumns,
      words,
      'fr-FR',
    );
    const [header, row] = csv.replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(header).toBe('"Date des soins";"Type";"Titre";"Auteur(s)";"Catégorie";"États";"Identifiant"');
    expect(row).toBe(
      '"12/03/2026";"CR opératoire";"\'=HYPERLINK(""x"")";"Anne MARTIN (Clinique du Parc)";"Compte rendu";"masqué aux professionnels";"1.2.250.1.999.1.1.2.1"',
    );
  });
});

describe('the changes the properties dialog sends (REC_3.3-1010)', () => {
  const plain = { masked: false, invisiblePatient: false, invisibleLegal: false, archived: false };

  it('reads a document’s properties from its flags and status', () => {
    expect(propertiesOf(document({ visibility: ['INVISIBLE_PATIENT'], status: 'Archived' }))).toEqual({
      ...plain,
      invisiblePatient: true,
      archived: true,
    });
  });

  it('sends nothing when nothing changed', () => {
    expect(stepsBetween(plain, plain)).toEqual([]);
  });

  it('takes a flag off before setting another, so that a document is never both masked and hidden on the way', () => {
    expect(stepsBetween({ ...plain, masked: true }, { ...plain, invisiblePatient: true })).toEqual([
      { key: 'masked', on: false },
      { key: 'invisiblePatient', on: true },
    ]);
  });

  it('brings an archived document back before changing it, and archives last', () => {
    expect(stepsBetween({ ...plain, archived: true }, { ...plain, invisibleLegal: true })).toEqual([
      { key: 'archived', on: false },
      { key: 'invisibleLegal', on: true },
    ]);
    expect(stepsBetween(plain, { ...plain, masked: true, archived: true })).toEqual([
      { key: 'masked', on: true },
      { key: 'archived', on: true },
    ]);
  });
});

describe('what is new during one visit', () => {
  const search = (previousVisit: string | null, news: string[], all: string[]) => ({
    mode: 'incremental' as const,
    previousVisit,
    windowFrom: '2024-01-01T00:00:00.000Z',
    documents: all.map((uniqueId) => document({ uniqueId, isNew: news.includes(uniqueId) })),
    groups: [{ key: '10', label: 'Compte rendu', uniqueIds: all }],
    roundTrips: 1,
  });

  it('keeps new what was new when the record opened, against the visit before, through later searches', () => {
    const opened = search('2026-03-01T08:00:00.000Z', ['a'], ['a', 'b']);
    const memory = rememberSearch(NO_VISIT, opened);
    const refreshed = readAsOneVisit(search('2026-03-20T08:00:00.000Z', ['c'], ['a', 'b', 'c']), memory, false);
    expect(refreshed.documents.filter((d) => d.isNew).map((d) => d.uniqueId)).toEqual(['a', 'c']);
    expect(refreshed.previousVisit).toBe('2026-03-01T08:00:00.000Z');
  });

  it('keeps new what a search found when another search overtook it, whatever order their answers came in', () => {
    // A refresh found the report new; the GP grouped the list before it answered, and the core, which judges
    // against its last search, answered the grouping with nothing new.
    const refresh = search('2026-03-01T08:00:00.000Z', ['report'], ['a', 'report']);
    const grouping = search('2026-03-20T08:00:00.000Z', [], ['a', 'report']);
    for (const answers of [
      [refresh, grouping],
      [grouping, refresh],
    ]) {
      const memory = answers.reduce(rememberSearch, NO_VISIT);
      const shown = readAsOneVisit(grouping, memory, false);
      expect(shown.documents.filter((d) => d.isNew).map((d) => d.uniqueId)).toEqual(['report']);
      expect(shown.previousVisit).toBe('2026-03-01T08:00:00.000Z');
    }
  });

  it('reads a first visit as such until a later search answers', () => {
    const first = { ...search(null, [], ['a']), mode: 'first' as const };
    expect(readAsOneVisit(first, NO_VISIT, false)).toMatchObject({ mode: 'first', previousVisit: null });
    const memory = rememberSearch(rememberSearch(NO_VISIT, first), search('2026-03-01T08:00:00.000Z', [], ['a']));
    expect(readAsOneVisit(first, memory, false)).toMatchObject({
      mode: 'incremental',
      previousVisit: '2026-03-01T08:00:00.000Z',
    });
  });

  it('keeps only the new ones, and their groups, when asked', () => {
    const read = readAsOneVisit(search('2026-03-01T08:00:00.000Z', ['b'], ['a', 'b']), NO_VISIT, true);
    expect(read.documents.map((d) => d.uniqueId)).toEqual(['b']);
    expect(read.groups).toEqual([{ key: '10', label: 'Compte rendu', uniqueIds: ['b'] }]);
  });
});
