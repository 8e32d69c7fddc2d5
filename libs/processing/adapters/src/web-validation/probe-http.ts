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
 * never read, and the connection is closed as soon as the headers are in (or the deadline passes).
 */
export function probeHttp(
  url: URL,
  socket: Socket,
  method: 'HEAD' | 'GET',
  userAgent: string,
  deadline: CheckDeadline,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({
      createConnection: () => socket,
      method,
      path: `${url.pathname}${url.search}`,
      headers: { host: url.host, 'user-agent': userAgent, accept: '*/*', connection: 'close' },
    });
    const settle = (outcome: HttpAnswer | WebsiteCheckFailure) => {
      deadline.signal.removeEventListener('abort', onAbort);
      outgoing.destroy();
      socket.destroy();
      if (outcome instanceof WebsiteCheckFailure) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = () => settle(deadline.failure());

    outgoing.once('response', (response) => {
      const answer = { statusCode: response.statusCode ?? 0, location: response.headers.location ?? null };
      response.destroy();
      settle(answer);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => settle(requestFailure(error, url)));
    if (deadline.expired) return onAbort();
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.end();
  });
}

function requestFailure(error: NodeJS.ErrnoException, url: URL): WebsiteCheckFailure {
  // llhttp names its parse errors HPE_*: the server answered, but not in HTTP.
  if (error.code?.startsWith('HPE_')) {
    return new WebsiteCheckFailure(
      'invalid',
      'http_protocol_error',
      `${url.host} did not answer in HTTP: ${error.message}`,
      error.code,
    );
  }
  return new WebsiteCheckFailure(
    'unreachable',
    'connection_failed',
    `${url.host} closed the connection: ${error.message}`,
    error.code ?? null,
  );
}
