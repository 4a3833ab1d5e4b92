import { resolve } from 'node:path';

import { PasserelleError } from '../../../api/errors/index.js';
import type { FeedDesk, UploadSource } from '../router/feed-port.js';
import type { ProfessionalSession } from '../session/professional-session.js';
import type { DocumentChecker } from './document-check.js';
import { readDocumentSource, readUploadSource, uploadSourceFromBytes, type DocumentSource } from './source-file.js';

/** What the feed desk takes from the workstation: the size limit and the rules documents are checked with. */
export interface FeedContext {
  readonly maxDocumentBytes: number;
  documentChecker(): Promise<DocumentChecker>;
}

/**
 * Feeding the current patient's record (`document.validate|upload|replace|mask|hide|archive|delete`) over the
 * professional's session. The file is read and checked before the platform is touched: a bad file costs
 * nothing.
 */
export function feedDesk(professional: ProfessionalSession, context: FeedContext): FeedDesk {
  const sourceOf = async (source: UploadSource): Promise<DocumentSource> => {
    switch (source.kind) {
      case 'file':
        return readUploadSource(resolve(source.path), context.maxDocumentBytes);
      case 'bytes':
        return uploadSourceFromBytes(source.file, source.bytes, context.maxDocumentBytes);
      case 'text':
        return { kind: 'text', file: 'texte saisi / typed text', text: source.text };
    }
  };
  return {
    async validate(path) {
      const source = await readDocumentSource(resolve(path), context.maxDocumentBytes);
      if (source.kind !== 'cda') throw new PasserelleError('DOCUMENT_SOURCE_UNSUPPORTED', { file: source.file });
      return (await context.documentChecker()).check(source.xml);
    },
    async upload(request) {
      const source = await sourceOf(request.source);
      const { feed, patient } = await professional.feed();
      return feed.upload(patient, source, {
        hideFromPatient: request.hideFromPatient,
        ...(request.maskFromProfessionals === undefined
          ? {}
          : { maskFromProfessionals: request.maskFromProfessionals }),
        ...(request.typeCode === undefined ? {} : { typeCode: request.typeCode }),
        ...(request.title === undefined ? {} : { title: request.title }),
        ...(request.careDate === undefined ? {} : { careDate: request.careDate }),
        ...(request.careEndDate === undefined ? {} : { careEndDate: request.careEndDate }),
        ...(request.replaces === undefined ? {} : { replaces: request.replaces }),
        ...(request.secretMinor ? { secretMinor: true } : {}),
      });
    },
    async setVisibility(uniqueId, change) {
      const { feed, patient } = await professional.feed();
      return feed.changeVisibility(patient, uniqueId, change);
    },
    async setStatus(uniqueId, status) {
      const { feed, patient } = await professional.feed();
      return feed.changeStatus(patient, uniqueId, status);
    },
  };
}
