import type { MethodName, RequestInput, ResponseOf, StagedFileAnswer } from '../../api/contract/index.js';
import { CONTRACT, methodPath, StagedFileSchema } from '../../api/contract/index.js';
import type { ErrorBody } from '../../api/errors/index.js';
import { ErrorBodySchema } from '../../api/errors/index.js';

/** A refusal from the core, carrying its ErrorBody (code, French and English message, details). */
export class ApiError extends Error {
  readonly body: ErrorBody;

  constructor(body: ErrorBody) {
    super(body.message.en);
    this.name = 'ApiError';
    this.body = body;
  }
}

/** The core could not be reached at all (service stopped, network cut). */
export class UnreachableError extends Error {
  constructor(cause: unknown) {
    super('The Passerelle service does not answer', { cause });
    this.name = 'UnreachableError';
  }
}

/** The JSON of a success, or the refusal's ErrorBody thrown as an ApiError. */
async function answerOf(response: Response): Promise<unknown> {
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload;
  const body = ErrorBodySchema.safeParse(payload);
  if (body.success) throw new ApiError(body.data);
  throw new UnreachableError(new Error(`HTTP ${response.status}`));
}

/**
 * Calls one contract method. The same code runs in the desktop window (`app://`) and in a browser against
 * the service: both answer `/api/<method>` on the page's own origin.
 */
export async function call<M extends MethodName>(
  method: M,
  request: RequestInput<M>,
  signal?: AbortSignal,
): Promise<ResponseOf<M>> {
  let response: Response;
  try {
    response = await fetch(methodPath(method), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new UnreachableError(cause);
  }
  return CONTRACT[method].response.parse(await answerOf(response)) as ResponseOf<M>;
}

/**
 * Hands a file (dropped or chosen) to the core as raw bytes; contract methods then name it by `fileId`
 * (`document.upload` with `{ kind: 'staged', fileId }`). Each staged file is taken once.
 */
export async function stageFile(file: File, signal?: AbortSignal): Promise<StagedFileAnswer> {
  let response: Response;
  try {
    response = await fetch('/api/files', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
      body: file,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new UnreachableError(cause);
  }
  return StagedFileSchema.parse(await answerOf(response));
}
