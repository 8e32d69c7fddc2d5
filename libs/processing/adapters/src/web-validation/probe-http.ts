import { request } from 'node:http';
import type { Socket } from 'node:net';
import type { CheckDeadline } from './check-deadline';
import { WebsiteCheckFailure } from './website-check-failure';

export interface HttpAnswer {
  statusCode: number;
  location: string | null;
}

/**
 * Sends one request over an open connection and keeps only the status line and Location header: the body is
 * never read, and the connection is closed as soon as the headers are in.
 */
export function probeHttp(url: URL, socket: Socket, method: 'HEAD' | 'GET', userAgent: string, deadline: CheckDeadline): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({
      createConnection: () => socket,
      method,
      path: `${url.pathname}${url.search}`,
      headers: { host: url.host, 'user-agent': userAgent, accept: '*/*', connection: 'close' },
      signal: deadline.signal,
    });
    outgoing.once('response', (response) => {
      const location = response.headers.location ?? null;
      response.destroy();
      socket.destroy();
      resolve({ statusCode: response.statusCode ?? 0, location });
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      if (deadline.expired) return reject(deadline.failure());
      // llhttp names its parse errors HPE_*: the server answered, but not in HTTP.
      if (error.code?.startsWith('HPE_')) {
        return reject(new WebsiteCheckFailure('invalid', 'http_protocol_error', `${url.host} did not answer in HTTP: ${error.message}`, error.code));
      }
      reject(new WebsiteCheckFailure('unreachable', 'connection_failed', `${url.host} closed the connection: ${error.message}`, error.code ?? null));
    });
    outgoing.end();
  });
}
