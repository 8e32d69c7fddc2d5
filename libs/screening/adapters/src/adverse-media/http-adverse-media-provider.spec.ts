import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AdverseMediaUnavailableError,
  InvalidAdverseMediaSubjectError,
  compareNames,
  type AdverseMediaResult,
} from '@kyc/screening-domain';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAdverseMediaReferenceServer } from './adverse-media-reference-server';
import { loadArticleCorpus } from './article-corpus';
import {
  HttpAdverseMediaProvider,
  type HttpAdverseMediaProviderOptions,
} from './http-adverse-media-provider';
import { OfflineCorpusAdverseMediaProvider } from './offline-corpus-adverse-media-provider';
import {
  CONTRACT_CORPUS_PATH,
  CONTRACT_NOW,
  adverseMediaProviderContract,
} from './testing/adverse-media-provider.contract';

adverseMediaProviderContract('HttpAdverseMediaProvider against the reference server', async () => {
  const backend = new OfflineCorpusAdverseMediaProvider(
    await loadArticleCorpus(CONTRACT_CORPUS_PATH),
    compareNames,
    {
      clock: () => CONTRACT_NOW,
    },
  );
  const server = await startAdverseMediaReferenceServer({ provider: backend, apiKey: 'contract-key' });
  return {
    provider: new HttpAdverseMediaProvider({
      baseUrl: server.url,
      apiKey: 'contract-key',
      timeoutMs: 10_000,
    }),
    close: () => server.close(),
  };
});

const VALID_RESULT: AdverseMediaResult = {
  risk_score: 64,
  decision: 'REVIEW',
  provider: 'scripted',
  articles: [
    {
      title: 'A title',
      source: 'A source',
      date: '2025-01-01',
      categories: ['fraud'],
      match_score: 0.97,
      matched_text: 'Jane Roe',
    },
  ],
};

type Behaviour = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** A server whose answer each test scripts, counting the requests it receives. */
async function startScriptedServer(): Promise<{
  url: string;
  requests: { path: string; headers: IncomingMessage['headers']; body: string }[];
  behave: (behaviour: Behaviour) => void;
  close: () => Promise<void>;
}> {
  let behaviour: Behaviour = (_request, response) => respondJson(response, 200, VALID_RESULT);
  const requests: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ path: request.url ?? '', headers: request.headers, body });
    behaviour(request, response, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    behave: (next) => {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function respondJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const failWith500: Behaviour = (_request, response) =>
  respondJson(response, 500, { error: { code: 'boom', message: 'down' } });

async function unavailable(promise: Promise<unknown>): Promise<AdverseMediaUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AdverseMediaUnavailableError);
  return error as AdverseMediaUnavailableError;
}

describe('HttpAdverseMediaProvider', () => {
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  const subject = { name: 'Jane Roe', birthYear: 1971, country: 'GB' };
  const provider = (options: Partial<HttpAdverseMediaProviderOptions> = {}) =>
    new HttpAdverseMediaProvider({
      baseUrl: server.url,
      apiKey: 'secret',
      providerName: 'server-vendor',
      ...options,
    });

  beforeAll(async () => {
    server = await startScriptedServer();
    return () => server.close();
  });

  afterEach(() => {
    server.requests.length = 0;
    server.behave((_request, response) => respondJson(response, 200, VALID_RESULT));
  });

  it('posts the subject as JSON to {base}/v1/screen with the key in its header, and returns the result', async () => {
    const result = await provider({ apiKeyHeader: 'X-Vendor-Key' }).screen({
      name: '  Jane   Roe ',
      birthYear: 1971,
      country: 'GB',
    });
    expect(result).toEqual(VALID_RESULT);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].path).toBe('/v1/screen');
    expect(server.requests[0].headers['x-vendor-key']).toBe('secret');
    expect(server.requests[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[0].body)).toEqual({ name: 'Jane Roe', birth_year: 1971, country: 'GB' });
  });

  it('keeps a path prefix of the base URL', async () => {
    await provider({ baseUrl: `${server.url}/vendor/api/` }).screen(subject);
    expect(server.requests[0].path).toBe('/vendor/api/v1/screen');
  });

  it('gives up after the timeout', async () => {
    server.behave(() => undefined); // never answers
    const started = Date.now();
    const error = await unavailable(provider({ timeoutMs: 150 }).screen(subject));
    expect(error.reason).toBe('timeout');
    expect(error.provider).toBe('server-vendor');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('treats a 5xx answer as the provider being unavailable', async () => {
    server.behave((_request, response) =>
      respondJson(response, 503, { error: { code: 'maintenance', message: 'later' } }),
    );
    const error = await unavailable(provider().screen(subject));
    expect(error.reason).toBe('http_status');
    expect(error.message).toContain('503');
  });

  it('rejects a body that is not JSON, a result of the wrong shape, and an oversized answer', async () => {
    server.behave((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('<html>gateway error</html>');
    });
    expect((await unavailable(provider().screen(subject))).reason).toBe('malformed_response');

    server.behave((_request, response) =>
      respondJson(response, 200, {
        ...VALID_RESULT,
        articles: [{ ...VALID_RESULT.articles[0], categories: ['gossip'] }],
      }),
    );
    const wrongShape = await unavailable(provider().screen(subject));
    expect(wrongShape.reason).toBe('malformed_response');
    expect(wrongShape.message).toContain('result.articles[0].categories[0]');

    server.behave((_request, response) => respondJson(response, 200, { ...VALID_RESULT, risk_score: 140 }));
    expect((await unavailable(provider().screen(subject))).message).toContain('result.risk_score');

    server.behave((_request, response) =>
      respondJson(response, 200, { ...VALID_RESULT, padding: 'x'.repeat(5000) }),
    );
    expect((await unavailable(provider({ maxResponseBytes: 1000 }).screen(subject))).reason).toBe(
      'malformed_response',
    );
  });

  it('reports a connection failure as a network failure', async () => {
    const closed = await startScriptedServer();
    await closed.close();
    const error = await unavailable(provider({ baseUrl: closed.url }).screen(subject));
    expect(error.reason).toBe('network');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses an invalid subject without calling the provider', async () => {
    await expect(provider().screen({ name: '\u0007' })).rejects.toBeInstanceOf(
      InvalidAdverseMediaSubjectError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('opens the circuit after N consecutive failures, fails fast while open, and half-opens after the cool-down', async () => {
    const breaking = provider({ failureThreshold: 3, coolDownMs: 300 });
    server.behave(failWith500);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(breaking.circuitState).toBe('closed');
      expect((await unavailable(breaking.screen(subject))).reason).toBe('http_status');
    }
    expect(breaking.circuitState).toBe('open');

    expect((await unavailable(breaking.screen(subject))).reason).toBe('circuit_open');
    expect(server.requests).toHaveLength(3);

    await vi.waitFor(() => expect(breaking.circuitState).toBe('half-open'), { timeout: 3000, interval: 20 });
    server.behave((_request, response) => respondJson(response, 200, VALID_RESULT));
    await expect(breaking.screen(subject)).resolves.toEqual(VALID_RESULT);
    expect(breaking.circuitState).toBe('closed');
  });

  it('reopens the circuit when the half-open trial fails, and lets a single trial through at a time', async () => {
    const breaking = provider({ failureThreshold: 1, coolDownMs: 200 });
    server.behave(failWith500);
    await unavailable(breaking.screen(subject));
    await vi.waitFor(() => expect(breaking.circuitState).toBe('half-open'), { timeout: 3000, interval: 20 });
    await unavailable(breaking.screen(subject));
    expect(breaking.circuitState).toBe('open');

    await vi.waitFor(() => expect(breaking.circuitState).toBe('half-open'), { timeout: 3000, interval: 20 });
    let release: () => void = () => undefined;
    server.behave((_request, response) => {
      release = () => respondJson(response, 200, VALID_RESULT);
    });
    const trial = breaking.screen(subject);
    await vi.waitFor(() => expect(server.requests).toHaveLength(3), { timeout: 3000, interval: 10 });
    expect((await unavailable(breaking.screen(subject))).reason).toBe('circuit_open');
    release();
    await expect(trial).resolves.toEqual(VALID_RESULT);
    expect(breaking.circuitState).toBe('closed');
  });

  it('does not count an abort by the caller as a failure of the provider', async () => {
    const breaking = provider({ failureThreshold: 1, coolDownMs: 60_000 });
    server.behave(() => undefined); // never answers
    const controller = new AbortController();
    const call = breaking.screen(subject, controller.signal);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), { timeout: 3000, interval: 10 });
    const reason = new Error('session closed');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(breaking.circuitState).toBe('closed');
  });

  it('refuses a configuration it cannot use', () => {
    expect(() => new HttpAdverseMediaProvider({ baseUrl: 'not a url' })).toThrow(TypeError);
    expect(() => new HttpAdverseMediaProvider({ baseUrl: 'ftp://vendor.example' })).toThrow(/http or https/);
    expect(() => new HttpAdverseMediaProvider({ baseUrl: 'https://vendor.example', timeoutMs: 0 })).toThrow(
      RangeError,
    );
    expect(
      () => new HttpAdverseMediaProvider({ baseUrl: 'https://vendor.example', failureThreshold: 0 }),
    ).toThrow(RangeError);
  });
});
