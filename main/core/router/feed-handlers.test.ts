import { describe, expect, it } from 'vitest';

import type { DocumentResult } from '../../../api/contract/index.js';
import type { VisibilityChange } from '../../../interop/xds/index.js';
import { feedHandlers } from './feed-handlers.js';
import type { FeedDesk, UploadRequest } from './feed-port.js';
import { StagedFiles } from './staged-files.js';

const context = { signal: new AbortController().signal };

function filed(visibility: string[]): DocumentResult {
  return {
    uniqueId: '1.2.250.1.999.1',
    title: 'Lettre de liaison',
    typeCode: { code: '11490-0', displayName: "Lettre de liaison à la sortie d'un établissement de soins" },
    status: 'Approved',
    visibility,
    platformCode: 'Success',
    message: { fr: 'Document déposé.', en: 'Document filed.' },
    warnings: [],
  };
}

/** A desk that files every upload, remembering what it was asked. */
function recordingDesk(): FeedDesk & { uploads: UploadRequest[]; changes: VisibilityChange[] } {
  const uploads: UploadRequest[] = [];
  const changes: VisibilityChange[] = [];
  const unused = (): never => {
    throw new Error('not called by these tests');
  };
  return {
    uploads,
    changes,
    validate: unused,
    upload: (request) => {
      uploads.push(request);
      return Promise.resolve({ document: filed(request.hideFromPatient ? ['INVISIBLE_PATIENT'] : []), check: checked });
    },
    setVisibility: (_uniqueId, change) => {
      changes.push(change);
      return Promise.resolve(filed(['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX']));
    },
    setStatus: unused,
  };
}

const checked = { valid: true, official: false, checked: { structure: true, officialRules: false }, findings: [] };

describe('feed handlers', () => {
  it('lists the document types with the category each one files under, without a card layer', async () => {
    const { types } = await feedHandlers(undefined, new StagedFiles())['document.types']({}, context);
    expect(types.find((type) => type.code === '11490-0')).toEqual({
      code: '11490-0',
      displayName: "Lettre de liaison à la sortie d'un établissement de soins",
      classCode: '10',
      classDisplayName: 'Compte rendu',
    });
    expect(types.find((type) => type.code === '57833-6')?.classDisplayName).toBe('Prescription');
    expect(new Set(types.map((type) => type.code)).size).toBe(types.length);
  });

  it('hides a filed document from the legal representatives when asked, and answers with its visibility then', async () => {
    const desk = recordingDesk();
    const answer = await feedHandlers(desk, new StagedFiles())['document.upload'](
      {
        source: { kind: 'text', text: 'Consultation du jour' },
        typeCode: '11488-4',
        hideFromPatient: true,
        hideFromLegalRepresentatives: true,
      },
      context,
    );
    expect(desk.changes).toEqual([{ INVISIBLE_REPRESENTANTS_LEGAUX: true }]);
    expect(answer.document.visibility).toEqual(['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX']);
    expect(answer.check).toEqual(checked);
  });

  it('changes no visibility after an upload that did not ask for it', async () => {
    const desk = recordingDesk();
    const answer = await feedHandlers(desk, new StagedFiles())['document.replace'](
      {
        source: { kind: 'text', text: 'Version corrigée' },
        typeCode: '11488-4',
        hideFromPatient: false,
        replaces: 'x',
      },
      context,
    );
    expect(desk.changes).toEqual([]);
    expect(desk.uploads[0]?.replaces).toBe('x');
    expect(answer.document.visibility).toEqual([]);
  });
});
