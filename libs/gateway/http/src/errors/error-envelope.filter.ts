import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError, type ApiErrorCode, type FieldIssue } from './api-error';
import { domainErrorToApiError } from './domain-errors';

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'invalid_request',
  409: 'invalid_transition',
  410: 'link_expired',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'idempotency_key_reused',
  429: 'rate_limited',
  501: 'not_implemented',
};

/** Fastify refuses these before any handler runs (Nest hands them over as a bare status and message). */
const TRANSPORT_DETAILS: Record<number, FieldIssue[]> = {
  413: [{ field: 'body', issue: 'is larger than the request size limit' }],
  415: [{ field: 'content-type', issue: 'must be application/json (multipart/form-data for document uploads)' }],
};

/** Fastify's own parser errors carry a statusCode and an FST_ code; they are the client's fault. */
function isFastifyClientError(error: unknown): error is Error & { statusCode: number; code?: string } {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const fromDomain = domainErrorToApiError(error);
  if (fromDomain) return fromDomain;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse() as { message?: unknown; details?: FieldIssue[] } | string;
    const message =
      typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? error.message);
    const details = typeof body === 'object' && Array.isArray(body.details) ? body.details : (TRANSPORT_DETAILS[status] ?? []);
    return new ApiError(status, CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'invalid_request'), message, details);
  }
  if (isFastifyClientError(error)) {
    const status = error.statusCode;
    const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? `malformed JSON body: ${error.message}` : error.message;
    return new ApiError(status, CODE_BY_STATUS[status] ?? 'invalid_request', message, [{ field: 'body', issue: message }]);
  }
  return new ApiError(500, 'internal_error', 'internal error');
}

/** Every error leaves the API in the one envelope of API.md; only real faults are 500 (logged as errors). */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = toApiError(exception);
    if (error.status >= 500 && error.code === 'internal_error') {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    } else if (error.status >= 500 && exception instanceof Error) {
      // An unavailable dependency: the client gets a short message, the operator the cause (file, line, host).
      this.logger.warn(exception.message);
    }
    sendApiError(reply, error);
  }
}

/** Writes the error envelope; a 401 also names the scheme the client should use (RFC 6750). */
export function sendApiError(reply: FastifyReply, error: ApiError): void {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.details.length > 0) body['details'] = error.details;
  if (error.status === 401) void reply.header('www-authenticate', 'Bearer realm="kyc"');
  if (error.status === 503) void reply.header('retry-after', '1');
  void reply.status(error.status).send({ status: 'error', error: body });
}
