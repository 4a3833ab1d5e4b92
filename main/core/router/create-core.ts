import type { AppInfo } from '../../../api/contract/index.js';
import { buildOpenApi } from '../../../api/contract/openapi.js';
import { isPasserelleError, PasserelleError } from '../../../api/errors/index.js';
import { appHandlers, eventHandlers } from './app-handlers.js';
import { batchHandlers, publishBatchEvents } from './batch-handlers.js';
import type { BatchDesk } from './batch-port.js';
import { cardHandlers } from './card-handlers.js';
import type { CardDeck } from './card-port.js';
import { consultHandlers } from './consult-handlers.js';
import type { ConsultDesk } from './consult-port.js';
import type { EcpsDesk } from '../ecps/ecps-desk.js';
import { ecpsHandlers } from './ecps-handlers.js';
import { errorResponse, jsonResponse } from './error-response.js';
import type { EventHub } from './event-hub.js';
import { createEventHub } from './event-hub.js';
import { eventStreamResponse } from './event-stream.js';
import { feedHandlers } from './feed-handlers.js';
import type { FeedDesk } from './feed-port.js';
import type { ClockWatch } from '../platform/clock-watch.js';
import { gpHandlers } from './gp-handlers.js';
import type { GpDesk } from './gp-port.js';
import type { Handlers } from './handlers.js';
import { createInvoker, type Invoke } from './invoke.js';
import { directoryHandlers } from './directory-handlers.js';
import type { DirectoryDesk } from './directory-port.js';
import { messageHandlers } from './message-handlers.js';
import type { MessagingDesk } from './message-port.js';
import { patientHandlers } from './patient-handlers.js';
import type { PatientDesk } from './patient-port.js';
import { readBodyWithin } from './read-body.js';
import { rulesHandlers } from './rules-handlers.js';
import type { RulesDesk } from './rules-port.js';
import { admitApiHead, MAX_BODY_BYTES } from './request-head.js';
import { settingsHandlers } from './settings-handlers.js';
import type { SettingsDesk } from './settings-port.js';
import { StagedFiles } from './staged-files.js';

/** The desks a host puts behind the core, each serving one interface of the contract. */
export interface CoreDesks {
  /** The card deck (`cards.*`, `session.*`); without it the card methods answer CARDS_UNAVAILABLE. */
  readonly cards?: CardDeck;
  /** The patient in front of the professional (`patient.*`, `record.*`); needs the card deck. */
  readonly patients?: PatientDesk;
  /** Feeding the current patient's record (`document.validate|upload|replace|mask|hide|archive|delete`). */
  readonly feed?: FeedDesk;
  /** Consulting the current patient's record (`document.search|retrieve|render|forget`). */
  readonly consult?: ConsultDesk;
  /** The médecin traitant's follow-up of the current patient (`vsm.*`). */
  readonly gp?: GpDesk;
  /** The establishment's batch (`batch.*`); needs the card deck for its ORG token. */
  readonly batch?: BatchDesk;
  /** The workstation's settings and About (`settings.*`, `app.about`). */
  readonly settings?: SettingsDesk;
  /** The readings of the workstation's clock against the platform's, pushed as `platform.clock` events. */
  readonly clockWatch?: ClockWatch;
  /** Secure messaging about the current patient (`message.*`); needs the card deck. */
  readonly messages?: MessagingDesk;
  /** The professionals' directory (`directory.search`), to find a colleague's MSSanté address. */
  readonly directory?: DirectoryDesk;
  /** Signing in with e-CPS (`ecps.*`): the structure's certificates and Pro Santé Connect instead of a card. */
  readonly ecps?: EcpsDesk;
  /** The official ANS rules (`rules.status`, `rules.install`). */
  readonly rules?: RulesDesk;
}

export interface CoreDeps extends CoreDesks {
  readonly info: AppInfo;
  readonly events?: EventHub;
  /** Where the core reports what it could not explain; receives codes and method names, never content. */
  readonly log?: (line: string) => void;
}

/** The one core every host (service, desktop, command line) puts behind its transport. */
export interface Core {
  /**
   * Answers `/api/…`: POST `/api/<domain.verb>` with a JSON body, POST `/api/files` with a file's raw bytes,
   * GET `/api/events`, GET `/api/openapi.json`.
   */
  handle(request: Request): Promise<Response>;
  /** Calls a method in process, through the very path `handle` takes once it read the body (no HTTP). */
  readonly invoke: Invoke;
  readonly events: EventHub;
  /** Stops what the core follows (the card watcher, the batch's events). */
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

/**
 * Builds the core: every contract method bound to its handler, each request and response parsed with the
 * contract's zod schemas (one invoker for HTTP and in-process callers), every failure over HTTP turned into an
 * ErrorBody with an HTTP status.
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
    ...feedHandlers(deps.feed, staged),
    ...consultHandlers(deps.consult),
    ...batchHandlers(deps.batch, staged),
    ...settingsHandlers(deps.settings),
    ...messageHandlers(deps.messages),
    ...directoryHandlers(deps.directory),
    ...ecpsHandlers(deps.ecps),
    ...gpHandlers(deps.gp),
    ...rulesHandlers(deps.rules, events),
  };
  const invoke = createInvoker(handlers, log);
  const stopWatching = deps.cards?.watch((event) => events.publish(event)) ?? (() => undefined);
  const stopFollowingBatch = publishBatchEvents(deps.batch, events);
  const stopReadingClock =
    deps.clockWatch?.subscribe((reading) => events.publish({ type: 'platform.clock', ...reading })) ??
    (() => undefined);
  // Described once, when first asked: a command-line run never asks.
  let openApi: string | undefined;

  async function route(request: Request): Promise<Response> {
    // Decided on the head, so that a refused request's body is never read.
    const { target } = admitApiHead(request);
    switch (target.kind) {
      case 'events':
        return eventStreamResponse(events, request.headers.get('last-event-id'), request.signal);
      case 'openapi':
        openApi ??= JSON.stringify(buildOpenApi(deps.info.version));
        return new Response(openApi, { headers: { 'content-type': 'application/json; charset=utf-8' } });
      case 'files':
        return jsonResponse(await staged.stage(request));
      case 'method':
        return jsonResponse(await invoke(target.name, await readJsonBody(request), { signal: request.signal }));
    }
  }

  return {
    events,
    invoke,
    close() {
      stopWatching();
      stopFollowingBatch();
      stopReadingClock();
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
