import type { SequencedEvent } from '../../../api/contract/index.js';
import type { EventHub } from './event-hub.js';

/** Keeps idle connections (and the proxies some practices have) from closing the stream. */
const HEARTBEAT_MS = 15_000;

function frame(sequenced: SequencedEvent): string {
  return `id: ${sequenced.seq}\ndata: ${JSON.stringify(sequenced.event)}\n\n`;
}

/**
 * The event stream as Server-Sent Events. A client that reconnects sends `Last-Event-ID` (EventSource does
 * it by itself) and first receives what it missed.
 */
export function eventStreamResponse(hub: EventHub, lastEventId: string | null, signal: AbortSignal): Response {
  const after = Number.parseInt(lastEventId ?? '0', 10);
  const encoder = new TextEncoder();
  let stop = (): void => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string): void => controller.enqueue(encoder.encode(text));
      send('retry: 2000\n\n');
      for (const sequenced of hub.since(Number.isFinite(after) ? after : 0).events) send(frame(sequenced));
      const unsubscribe = hub.subscribe((sequenced) => send(frame(sequenced)));
      const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      signal.addEventListener(
        'abort',
        () => {
          stop();
          controller.close();
        },
        { once: true },
      );
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' },
  });
}
