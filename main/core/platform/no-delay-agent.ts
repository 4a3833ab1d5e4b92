import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest, type AgentOptions, type RequestOptions } from 'node:https';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface NoDelayAgentOptions extends AgentOptions {
  /** The HTTP proxy that reaches the platform (`http://host:port`): each connection is tunnelled through it. */
  readonly proxy?: string | undefined;
}

type OnConnection = (err: Error | null, stream: Duplex) => void;

/**
 * An HTTPS agent whose connections send at once (Nagle's algorithm off). A SOAP or MTOM request ends with
 * small writes, which Nagle holds until the platform acknowledges the previous segment, and acknowledgements
 * are delayed: tens of milliseconds a request. The `noDelay` connect option does not reach a TLS socket
 * (tls.connect does not pass it on), so it is set on each connection the agent opens. Through a proxy, each
 * connection is a CONNECT tunnel, and the TLS with the platform (the card's key) runs inside it, end to end.
 */
export class NoDelayAgent extends Agent {
  private readonly proxy: URL | undefined;

  constructor({ proxy, ...options }: NoDelayAgentOptions) {
    super(options);
    this.proxy = proxy ? new URL(proxy) : undefined;
  }

  override createConnection(options: RequestOptions, callback?: OnConnection): Duplex | null | undefined {
    if (this.proxy && callback) {
      this.tunnel(this.proxy, options, callback);
      return undefined;
    }
    const connection = super.createConnection(options, callback);
    if (connection instanceof Socket) connection.setNoDelay(true);
    return connection;
  }

  private tunnel(proxy: URL, options: RequestOptions, callback: OnConnection): void {
    const target = `${options.host ?? options.hostname ?? 'localhost'}:${options.port ?? 443}`;
    const send = proxy.protocol === 'https:' ? httpsRequest : httpRequest;
    const connect = send({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target },
      agent: false,
    });
    connect.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        callback(new Error(`the proxy ${proxy.host} refused the tunnel: HTTP ${response.statusCode}`), socket);
        return;
      }
      socket.setNoDelay(true);
      const secure = super.createConnection({ ...options, socket } as RequestOptions);
      if (secure) callback(null, secure);
    });
    connect.once('error', (error) => callback(error, connect.socket ?? new Socket()));
    connect.end();
  }
}
