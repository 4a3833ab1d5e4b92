import { PasserelleError } from '../../../api/errors/index.js';
import type { RequestOf } from '../../../api/contract/index.js';
import type { DocumentDesk, UploadRequest } from './document-port.js';
import type { HandlerGroup } from './handlers.js';
import type { StagedFiles } from './staged-files.js';

type DocumentMethod =
  | 'document.validate'
  | 'document.upload'
  | 'document.replace'
  | 'document.mask'
  | 'document.hide'
  | 'document.archive'
  | 'document.delete'
  | 'document.search'
  | 'document.retrieve'
  | 'document.render'
  | 'document.forget';

/**
 * `document.*` over the document desk; without one (no card layer), each answers CARDS_UNAVAILABLE. A staged
 * source is taken from the staged files here, so that the desk only ever sees a path, a text or bytes.
 */
export function documentHandlers(desk: DocumentDesk | undefined, staged: StagedFiles): HandlerGroup<DocumentMethod> {
  const documents = (): DocumentDesk => {
    if (!desk) throw new PasserelleError('CARDS_UNAVAILABLE');
    return desk;
  };
  const upload = (request: RequestOf<'document.upload'> & { readonly replaces?: string }): UploadRequest => {
    if (request.source.kind !== 'staged') return { ...request, source: request.source };
    const file = staged.take(request.source.fileId);
    return { ...request, source: { kind: 'bytes', file: file.name, bytes: file.bytes } };
  };
  return {
    'document.validate': ({ path }) => documents().validate(path),
    'document.upload': (request) => documents().upload(upload(request)),
    'document.replace': (request) => documents().upload(upload(request)),
    'document.mask': async ({ uniqueId, masked }) => ({
      document: await documents().setVisibility(uniqueId, { MASQUE_PS: masked }),
    }),
    'document.hide': async ({ uniqueId, hidden, from }) => ({
      document: await documents().setVisibility(uniqueId, {
        [from === 'patient' ? 'INVISIBLE_PATIENT' : 'INVISIBLE_REPRESENTANTS_LEGAUX']: hidden,
      }),
    }),
    'document.archive': async ({ uniqueId, archived }) => ({
      document: await documents().setStatus(uniqueId, archived ? 'Archived' : 'Approved'),
    }),
    'document.delete': async ({ uniqueId }) => ({ document: await documents().setStatus(uniqueId, 'Deleted') }),
    'document.search': (request) => documents().search(request),
    'document.retrieve': ({ uniqueId }) => documents().retrieve(uniqueId),
    'document.render': ({ uniqueId }) => documents().render(uniqueId),
    'document.forget': async () => {
      await documents().forget();
      return { forgotten: true as const };
    },
  };
}
