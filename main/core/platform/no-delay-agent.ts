import type { Duplex } from 'node:stream';
import { Socket } from 'node:net';
import { Agent, type RequestOptions } from 'node:https';

/**
 * An HTTPS agent whose connections send at once (Nagle's algorithm off). A SOAP or MTOM request ends with
 * small writes, which Nagle holds until the platform acknowledges the previous segment, and acknowledgements
 * are delayed: tens of milliseconds a request. The `noDelay` connect option does not reach a TLS socket
 * (tls.connect does not pass it on), so it is set on each connection the agent opens.
 */
export class NoDelayAgent extends Agent {
  override createConnection(
    options: RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const connection = super.createConnection(options, callback);
    if (connection instanceof Socket) connection.setNoDelay(true);
    return connection;
  }
}
