import {
  AdverseMediaUnavailableError,
  InvalidAdverseMediaResultError,
  normaliseAdverseMediaSubject,
  parseAdverseMediaResult,
  type AdverseMediaProvider,
  type AdverseMediaResult,
  type AdverseMediaSubject,
  type AdverseMediaUnavailableReason,
} from '@kyc/screening-domain';
import { DEFAULT_API_KEY_HEADER, SCREEN_PATH, toWireSubject } from './adverse-media-http-protocol';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';

export interface HttpAdverseMediaProviderOptions {
  /** The provider's base URL (http or https); the protocol's paths are appended to it. */
  baseUrl: string;
  apiKey?: string;
  /** Header carrying the key; `x-api-key` by default. */
  apiKeyHeader?: string;
  /** Per-call limit, in milliseconds, from request to the last byte of the answer. */
  timeoutMs?: number;
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit fails fast before letting a trial call through. */
  coolDownMs?: number;
  /** Largest answer read; a bigger one is a failure (a result is a few kilobytes). */
  maxResponseBytes?: number;
  /** Names the provider in errors. */
  providerName?: string;
  /** Milliseconds since an epoch, for the circuit breaker. */
  now?: () => number;
}

const DEFAULTS = {
  apiKeyHeader: DEFAULT_API_KEY_HEADER,
  timeoutMs: 5000,
  failureThreshold: 5,
  coolDownMs: 30_000,
  maxResponseBytes: 1024 * 1024,
  providerName: 'http',
};

class ProviderFailure extends Error {
  constructor(
    readonly reason: AdverseMediaUnavailableReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}

/**
 * An external adverse-media provider over HTTP (protocol in adverse-media-http-protocol.ts). Every failure —
 * network error, timeout, an answer other than 200, a malformed result — rejects with
 * `AdverseMediaUnavailableError` and counts towards the circuit breaker; while the circuit is open calls fail
 * fast without touching the network. A subject that cannot be screened is refused before any call, and an
 * abort by the caller rejects with the signal's reason without counting as the provider's failure.
 */
export class HttpAdverseMediaProvider implements AdverseMediaProvider {
  private readonly endpoint: URL;
  private readonly settings: Required<Omit<HttpAdverseMediaProviderOptions, 'apiKey' | 'now' | 'baseUrl'>>;
  private readonly breaker: CircuitBreaker;

  constructor(private readonly options: HttpAdverseMediaProviderOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`adverse media provider baseUrl is not a URL: ${JSON.stringify(options.baseUrl)}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new TypeError(`adverse media provider baseUrl must be http or https, got ${base.protocol}`);
    }
    this.endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}${SCREEN_PATH}`, base);
    this.settings = {
      apiKeyHeader: options.apiKeyHeader ?? DEFAULTS.apiKeyHeader,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      failureThreshold: options.failureThreshold ?? DEFAULTS.failureThreshold,
      coolDownMs: options.coolDownMs ?? DEFAULTS.coolDownMs,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
      providerName: options.providerName ?? DEFAULTS.providerName,
    };
    if (!Number.isFinite(this.settings.timeoutMs) || this.settings.timeoutMs <= 0) {
      throw new RangeError(`timeoutMs must be positive, got ${this.settings.timeoutMs}`);
    }
    this.breaker = new CircuitBreaker({
      failureThreshold: this.settings.failureThreshold,
      coolDownMs: this.settings.coolDownMs,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** The circuit breaker's state, for health checks and metrics. */
  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  async screen(subjectInput: AdverseMediaSubject, signal?: AbortSignal): Promise<AdverseMediaResult> {
    signal?.throwIfAborted();
    const subject = normaliseAdverseMediaSubject(subjectInput);
    const permit = this.breaker.tryAcquire();
    if (!permit) {
      throw new AdverseMediaUnavailableError(
        this.settings.providerName,
        'circuit_open',
        'failing fast while the circuit is open',
      );
    }
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const result = await this.call(subject, signal ? AbortSignal.any([signal, timeout]) : timeout);
      permit.succeeded();
      return result;
    } catch (error) {
      if (signal?.aborted) {
        permit.abandoned();
        throw signal.reason;
      }
      permit.failed();
      const failure = timeout.aborted
        ? new ProviderFailure('timeout', `no complete answer within ${this.settings.timeoutMs} ms`, {
            cause: error,
          })
        : error instanceof ProviderFailure
          ? error
          : new ProviderFailure('network', describeNetworkError(error), { cause: error });
      throw new AdverseMediaUnavailableError(this.settings.providerName, failure.reason, failure.message, {
        cause: failure.cause ?? failure,
      });
    }
  }

  private async call(subject: AdverseMediaSubject, signal: AbortSignal): Promise<AdverseMediaResult> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.options.apiKey !== undefined) headers[this.settings.apiKeyHeader] = this.options.apiKey;
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(toWireSubject(subject)),
      signal,
      redirect: 'error',
    });
    const body = await readCapped(response, this.settings.maxResponseBytes);
    if (response.status !== 200) {
      throw new ProviderFailure('http_status', `answered ${response.status}: ${body.slice(0, 200)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new ProviderFailure('malformed_response', 'answered a body that is not JSON', { cause: error });
    }
    try {
      return parseAdverseMediaResult(json);
    } catch (error) {
      if (error instanceof InvalidAdverseMediaResultError)
        throw new ProviderFailure('malformed_response', error.message, { cause: error });
      throw error;
    }
  }
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a TLS error, ...) is in its cause. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

/** The body as text, refusing to buffer more than `maxBytes` of it. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ProviderFailure('malformed_response', `answer of ${declared} bytes exceeds ${maxBytes}`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new ProviderFailure('malformed_response', `answer exceeds ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
