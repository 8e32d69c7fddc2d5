import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { KeyAndCertificate } from './test-certificates';

export type SiteHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** A website on loopback that records what reached it: connections, still-open sockets and requests. */
export class LocalSite {
  connections = 0;
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers'] }[] = [];
  private readonly open = new Set<Socket>();

  private readonly server: Server;
  readonly protocol: 'http' | 'https';

  private constructor(handler: SiteHandler, tls?: KeyAndCertificate) {
    const record: SiteHandler = (request, response) => {
      this.requests.push({
        method: request.method ?? '',
        path: request.url ?? '/',
        headers: request.headers,
      });
      handler(request, response);
    };
    this.server = tls ? createHttpsServer(tls, record) : createHttpServer(record);
    this.protocol = tls ? 'https' : 'http';
    // Counted at TCP level, so a refused check can be shown to have opened nothing, TLS handshake included.
    this.server.on('connection', (socket: Socket) => {
      this.connections++;
      this.open.add(socket);
      socket.once('close', () => this.open.delete(socket));
    });
    // A client that gives up during the TLS handshake must not leave an unhandled error behind.
    this.server.on('tlsClientError', () => undefined);
  }

  static async start(handler: SiteHandler, tls?: KeyAndCertificate): Promise<LocalSite> {
    const site = new LocalSite(handler, tls);
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    return site;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/', host = '127.0.0.1'): string {
    return `${this.protocol}://${host}:${this.port}${path}`;
  }

  /** Sockets the client has not closed yet. */
  get openConnections(): number {
    return this.open.size;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    for (const socket of this.open) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port on loopback that nothing listens on (was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
