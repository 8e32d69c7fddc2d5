import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AdverseMediaUnavailableError,
  InvalidAdverseMediaSubjectError,
  type AdverseMediaProvider,
} from '@kyc/screening-domain';
import {
  DEFAULT_API_KEY_HEADER,
  SCREEN_PATH,
  fromWireSubject,
  type WireError,
} from './adverse-media-http-protocol';

export interface AdverseMediaReferenceServerOptions {
  /** Answers the screenings (an `OfflineCorpusAdverseMediaProvider` for a self-hosted provider). */
  provider: AdverseMediaProvider;
  /** When set, requests must carry it in `apiKeyHeader`. */
  apiKey?: string;
  apiKeyHeader?: string;
  /** 127.0.0.1 by default: exposing the server is a deliberate choice. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Largest request body accepted; a subject is a few hundred bytes. */
  maxBodyBytes?: number;
}

export interface AdverseMediaReferenceServer {
  /** Base URL to give `HttpAdverseMediaProvider`, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves the adverse-media HTTP protocol (adverse-media-http-protocol.ts) in front of any provider: the
 * reference implementation of the protocol the HTTP adapter speaks, used by its tests and usable as a
 * self-hosted provider over the offline corpus.
 */
export async function startAdverseMediaReferenceServer(
  options: AdverseMediaReferenceServerOptions,
): Promise<AdverseMediaReferenceServer> {
  const apiKeyHeader = (options.apiKeyHeader ?? DEFAULT_API_KEY_HEADER).toLowerCase();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const expectedKey = options.apiKey === undefined ? undefined : digest(options.apiKey);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const problem =
        error instanceof HttpProblem
          ? error
          : error instanceof InvalidAdverseMediaSubjectError
            ? new HttpProblem(400, 'invalid_subject', error.message)
            : error instanceof AdverseMediaUnavailableError
              ? new HttpProblem(503, 'provider_unavailable', error.message)
              : new HttpProblem(500, 'internal_error', 'the provider failed');
      if (!response.headersSent && !response.destroyed)
        send(response, problem.status, { error: { code: problem.code, message: problem.message } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== SCREEN_PATH) throw new HttpProblem(404, 'not_found', `no resource at ${path}`);
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      throw new HttpProblem(405, 'method_not_allowed', `${request.method} is not allowed on ${SCREEN_PATH}`);
    }
    if (expectedKey) {
      const given = request.headers[apiKeyHeader];
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), expectedKey)) {
        throw new HttpProblem(401, 'unauthorized', `missing or wrong ${apiKeyHeader}`);
      }
    }
    const body = await readBody(request, maxBodyBytes);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new HttpProblem(400, 'invalid_json', 'the body is not JSON');
    }
    const subject = fromWireSubject(json);
    // The screening stops when the client goes away.
    const abandoned = new AbortController();
    response.on('close', () => abandoned.abort(new Error('client disconnected')));
    const result = await options.provider.screen(subject, abandoned.signal);
    send(response, 200, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Keys compared as digests: equal lengths for timingSafeEqual, and no timing hint about the key's length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function send(response: ServerResponse, status: number, body: object | WireError): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (declared > maxBytes) throw new HttpProblem(413, 'body_too_large', `the body exceeds ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpProblem(413, 'body_too_large', `the body exceeds ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
