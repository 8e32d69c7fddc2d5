import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { catchError, from, of, switchMap, type Observable } from 'rxjs';
import type { ReadModelClient } from '@kyc/read-model';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { READ_MODEL } from '../auth/tokens';
import { ApiError } from '../errors/api-error';
import { canonicalJson } from './canonical-json';

const HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const TTL_MS = 24 * 60 * 60 * 1000;
/** Status stored while the first request is still running: a record with it is a claim, not a result. */
const IN_FLIGHT = 0;
/** A claim older than this belongs to a request that died with its process; the key is free again. */
const ABANDONED_AFTER_MS = 60_000;
/** How long a duplicate waits for the first request before it gives up with a 409. */
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 25;

type Claim = { kind: 'run' } | { kind: 'replay'; statusCode: number; body: unknown };

/**
 * `Idempotency-Key` on a POST: the same key with the same request within 24 h replays the first successful
 * response; the same key with another request is 422. Keys are scoped to the caller (tenant, root, or the end
 * user's access token). A request claims its key before it runs, so concurrent duplicates wait for the first
 * one and replay its answer instead of running twice. A failed request releases its key for a retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelClient,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      throw ApiError.invalid('Idempotency-Key must be one header of 1 to 255 characters', [
        { field: 'Idempotency-Key', issue: 'must be 1 to 255 characters' },
      ]);
    }
    const record = { tenantId: callerScope(request), key };
    const requestHash = hashRequest(request);
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    return from(this.claim(record, request, requestHash)).pipe(
      switchMap((claim) => {
        if (claim.kind === 'replay') {
          void reply.status(claim.statusCode).header(REPLAYED_HEADER, 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          switchMap(async (data) => {
            await this.db.idempotencyRecord.update({
              where: { tenantId_key: record },
              data: { statusCode: status, responseBody: data as object },
            });
            return data;
          }),
          catchError(async (error: unknown) => {
            await this.db.idempotencyRecord.deleteMany({ where: { ...record, statusCode: IN_FLIGHT } });
            throw error;
          }),
        );
      }),
    );
  }

  private async claim(record: { tenantId: string; key: string }, request: AuthenticatedRequest, requestHash: string): Promise<Claim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    await this.db.idempotencyRecord.deleteMany({
      where: {
        ...record,
        OR: [{ createdAt: { lt: new Date(Date.now() - TTL_MS) } }, { statusCode: IN_FLIGHT, createdAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) } }],
      },
    });
    for (;;) {
      // INSERT ... ON CONFLICT DO NOTHING: exactly one of concurrent duplicates wins the claim.
      const { count } = await this.db.idempotencyRecord.createMany({
        data: [{ ...record, method: request.method, path: request.url, requestHash, statusCode: IN_FLIGHT, responseBody: {} }],
        skipDuplicates: true,
      });
      if (count === 1) return { kind: 'run' };
      const found = await this.db.idempotencyRecord.findUnique({ where: { tenantId_key: record } });
      if (!found) continue; // the first request failed and released the key
      if (found.requestHash !== requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', 'this Idempotency-Key was used with a different request', [
          { field: 'Idempotency-Key', issue: 'already used with a different request' },
        ]);
      }
      if (found.statusCode !== IN_FLIGHT) return { kind: 'replay', statusCode: found.statusCode, body: found.responseBody };
      if (Date.now() > deadline) {
        throw new ApiError(409, 'idempotency_key_in_use', 'a request with this Idempotency-Key is still running; retry later', [
          { field: 'Idempotency-Key', issue: 'a request with this key is still running' },
        ]);
      }
      await sleep(POLL_MS);
    }
  }
}

function callerScope(request: AuthenticatedRequest): string {
  const principal = request.principal;
  if (principal?.kind === 'tenant') return principal.tenantId;
  if (principal?.kind === 'root') return 'root';
  const token = (request.params as Record<string, string> | undefined)?.['access_token'] ?? request.url;
  return `public:${createHash('sha256').update(token.toLowerCase()).digest('hex').slice(0, 32)}`;
}

/** The route and the body; key order in the JSON does not make it another request. */
function hashRequest(request: AuthenticatedRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  const contentType = String(request.headers['content-type'] ?? '');
  // A multipart body is streamed to the handler, not parsed here: its length and the route identify it.
  if (contentType.startsWith('multipart/')) hash.update(`multipart:${request.headers['content-length'] ?? ''}`);
  else hash.update(canonicalJson(request.body ?? null));
  return hash.digest('hex');
}
