import type { z } from 'zod';

import type { AppInfo, MethodName } from '../../../api/contract/index.js';
import { CONTRACT } from '../../../api/contract/index.js';
import { buildOpenApi } from '../../../api/contract/openapi.js';
import { isPasserelleError, PasserelleError } from '../../../api/errors/index.js';
import { appHandlers, eventHandlers } from './app-handlers.js';
import { batchHandlers, publishBatchProgress } from './batch-handlers.js';
import type { BatchDesk } from './batch-port.js';
import { cardHandlers } from './card-handlers.js';
import { documentHandlers } from './document-handlers.js';
import type { DocumentDesk } from './document-port.js';
import type { CardDeck } from './card-port.js';
import { errorResponse, jsonResponse } from './error-response.js';
import type { EventHub } from './event-hub.js';
import { createEventHub } from './event-hub.js';
import { eventStreamResponse } from './event-stream.js';
import type { Handler, HandlerContext, Handlers } from './handlers.js';
import { patientHandlers } from './patient-handlers.js';
import type { PatientDesk } from './patient-port.js';
import { readBodyWithin } from './read-body.js';
import { admitApiHead, MAX_BODY_BYTES } from './request-head.js';
import { StagedFiles } from './staged-files.js';

export interface CoreDeps {
  readonly info: AppInfo;
  readonly events?: EventHub;
  /** The card layer; without it the card methods answer CARDS_UNAVAILABLE. */
  readonly cards?: CardDeck;
  /** The patient in front of the professional (Vitale, INSi, TD0.2/TD0.3); needs the card layer. */
  readonly patients?: PatientDesk;
  /** Feeding the current patient's record; needs the card layer. */
  readonly documents?: DocumentDesk;
  /** The establishment's batch (import, queue, worker, report); needs the card layer for its ORG token. */
  readonly batch?: BatchDesk;
  /** Where the core reports what it could not explain; receives codes and method names, never content. */
  readonly log?: (line: string) => void;
}

/** The one core both hosts (service, desktop) put behind their transport. */
export interface Core {
  /**
   * Answers `/api/…`: POST `/api/<domain.verb>` with a JSON body, POST `/api/files` with a file's raw bytes,
   * GET `/api/events`, GET `/api/openapi.json`.
   */
  handle(request: Request): Promise<Response>;
  readonly events: EventHub;
  /** Stops what the core follows (the card watcher). */
  close(): void;
}

/** The JSON body of a method call, its Content-Type and declared length already admitted on the head. */
async function readJsonBody(request: Request): Promise<unknown> {
  // Read within the limit whatever the transport enforced: a chunked body declares no length.
  const text = new TextDecoder().decode(await readBodyWithin(request, MAX_BODY_BYTES));
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new PasserelleError('INVALID_INPUT', { reason: 'the body is not valid JSON' });
  }
}

function issuesOf(error: z.ZodError): string {
  // Paths and messages only: zod's messages name the expected shape, not the received value.
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

/**
 * Builds the core: every contract method bound to its handler, each request and response parsed with the
 * contract's zod schemas, every failure turned into an ErrorBody with an HTTP status.
 */
export function createCore(deps: CoreDeps): Core {
  const events = deps.events ?? createEventHub();
  const staged = new StagedFiles();
  const log = deps.log ?? ((line: string) => console.error(line));
  const handlers: Handlers = {
    ...appHandlers(deps.info),
    ...eventHandlers(events),
    ...cardHandlers(deps.cards, deps.info.demo),
    ...patientHandlers(deps.patients, events),
    ...documentHandlers(deps.documents, staged),
    ...batchHandlers(deps.batch, staged),
  };
  const stopWatching = deps.cards?.watch((event) => events.publish(event)) ?? (() => undefined);
  const stopFollowingBatch = publishBatchProgress(deps.batch, events);
  const openApi = JSON.stringify(buildOpenApi(deps.info.version));

  async function call(method: MethodName, request: Request): Promise<Response> {
    const spec = CONTRACT[method];
    const parsed = spec.request.safeParse(await readJsonBody(request));
    if (!parsed.success) throw new PasserelleError('INVALID_INPUT', { reason: issuesOf(parsed.error) });
    const context: HandlerContext = { signal: request.signal };
    // The mapped Handlers type guarantees the pairing; TypeScript cannot follow it through a union key.
    const handler = handlers[method] as Handler<MethodName>;
    const result = await handler(parsed.data, context);
    const checked = spec.response.safeParse(result);
    if (!checked.success) {
      log(`passerelle: the response of ${method} broke the contract: ${issuesOf(checked.error)}`);
      throw new PasserelleError('INTERNAL');
    }
    return jsonResponse(checked.data);
  }

  async function route(request: Request): Promise<Response> {
    // Decided on the head, so that a refused request's body is never read.
    const { target } = admitApiHead(request);
    switch (target.kind) {
      case 'events':
        return eventStreamResponse(events, request.headers.get('last-event-id'), request.signal);
      case 'openapi':
        return new Response(openApi, { headers: { 'content-type': 'application/json; charset=utf-8' } });
      case 'files':
        return jsonResponse(await staged.stage(request));
      case 'method':
        return call(target.name, request);
    }
  }

  return {
    events,
    close() {
      stopWatching();
      stopFollowingBatch();
      staged.clear();
    },
    async handle(request) {
      try {
        return await route(request);
      } catch (error) {
        if (isPasserelleError(error)) return errorResponse(error);
        log(`passerelle: unexpected failure on ${new URL(request.url).pathname}: ${(error as Error).name}`);
        return errorResponse(new PasserelleError('INTERNAL', {}, { cause: error }));
      }
    },
  };
}
