import { PasserelleError } from '../../../api/errors/index.js';
import type { DocumentTypeView, RequestOf, ResponseOf } from '../../../api/contract/index.js';
import { classCodeForType, DOCUMENT_TYPES } from '../../../interop/value-sets/index.js';
import type { FeedDesk, UploadRequest } from './feed-port.js';
import type { HandlerGroup } from './handlers.js';
import type { StagedFiles } from './staged-files.js';

type FeedMethod =
  | 'document.types'
  | 'document.validate'
  | 'document.upload'
  | 'document.replace'
  | 'document.mask'
  | 'document.hide'
  | 'document.archive'
  | 'document.delete';

/** The types Passerelle files, each with its category: read once, they never change while the core runs. */
const DOCUMENT_TYPE_VIEWS: readonly DocumentTypeView[] = DOCUMENT_TYPES.map((type) => ({
  code: type.code,
  displayName: type.displayName,
  classCode: type.classCode,
  classDisplayName: classCodeForType(type.code).displayName,
}));

/**
 * The feeding `document.*` methods over the feed desk; without one (no card layer), each answers
 * CARDS_UNAVAILABLE. A staged source is taken from the staged files here, so that the desk only ever sees a
 * path, a text or bytes.
 */
export function feedHandlers(desk: FeedDesk | undefined, staged: StagedFiles): HandlerGroup<FeedMethod> {
  const feed = (): FeedDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  const upload = (request: RequestOf<'document.upload'> & { readonly replaces?: string }): UploadRequest => {
    if (request.source.kind !== 'staged') return { ...request, source: request.source };
    const file = staged.take(request.source.fileId);
    return { ...request, source: { kind: 'bytes', file: file.name, bytes: file.bytes } };
  };
  /** The upload, then the legal representatives' flag when asked: the feed itself only knows the patient's. */
  const file = async (
    request: RequestOf<'document.upload'> & { readonly replaces?: string },
  ): Promise<ResponseOf<'document.upload'>> => {
    const filed = await feed().upload(upload(request));
    // Under a secret connection it was filed hidden from them already.
    if (!request.hideFromLegalRepresentatives || request.secretMinor) return filed;
    const document = await feed().setVisibility(filed.document.uniqueId, { INVISIBLE_REPRESENTANTS_LEGAUX: true });
    return { ...filed, document };
  };
  return {
    'document.types': () => Promise.resolve({ types: [...DOCUMENT_TYPE_VIEWS] }),
    'document.validate': ({ path }) => feed().validate(path),
    'document.upload': file,
    'document.replace': file,
    'document.mask': async ({ uniqueId, masked }) => ({
      document: await feed().setVisibility(uniqueId, { MASQUE_PS: masked }),
    }),
    'document.hide': async ({ uniqueId, hidden, from }) => ({
      document: await feed().setVisibility(uniqueId, {
        [from === 'patient' ? 'INVISIBLE_PATIENT' : 'INVISIBLE_REPRESENTANTS_LEGAUX']: hidden,
      }),
    }),
    'document.archive': async ({ uniqueId, archived }) => ({
      document: await feed().setStatus(uniqueId, archived ? 'Archived' : 'Approved'),
    }),
    'document.delete': async ({ uniqueId }) => ({ document: await feed().setStatus(uniqueId, 'Deleted') }),
  };
}
