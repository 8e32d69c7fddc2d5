import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { from, of, switchMap, type Observable } from 'rxjs';
import type { ReadModelClient } from '@kyc/read-model';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { READ_MODEL } from '../auth/tokens';
import { ApiError } from '../errors/api-error';

const HEADER = 'idempotency-key';
const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * `Idempotency-Key` on a POST: the same key with the same request within 24 h replays the first successful
 * response; the same key with another request is 422. Keys are scoped to the caller (tenant or access token).
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
    if (request.method !== 'POST' || typeof key !== 'string') return next.handle();
    if (key.length === 0 || key.length > 255) {
      throw ApiError.invalid('Idempotency-Key must be 1 to 255 characters', [{ field: 'Idempotency-Key', issue: 'must be 1 to 255 characters' }]);
    }
    const scope = callerScope(request);
    const requestHash = hashRequest(request);
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const reply = context.switchToHttp().getResponse<{ status(code: number): unknown }>();

    return from(
      this.db.idempotencyRecord.findUnique({ where: { tenantId_key: { tenantId: scope, key } } }),
    ).pipe(
      switchMap((found) => {
        if (found && Date.now() - found.createdAt.getTime() < TTL_MS) {
          if (found.requestHash !== requestHash) {
            throw new ApiError(422, 'idempotency_key_reused', 'this Idempotency-Key was used with a different request', [
              { field: 'Idempotency-Key', issue: 'already used with a different request' },
            ]);
          }
          reply.status(found.statusCode);
          return of(found.responseBody);
        }
        return next.handle().pipe(
          switchMap(async (data) => {
            await this.db.idempotencyRecord.upsert({
              where: { tenantId_key: { tenantId: scope, key } },
              create: { tenantId: scope, key, method: request.method, path: request.url, requestHash, statusCode: status, responseBody: data as object },
              update: { requestHash, statusCode: status, responseBody: data as object, createdAt: new Date() },
            });
            return data;
          }),
        );
      }),
    );
  }
}

function callerScope(request: AuthenticatedRequest): string {
  const principal = request.principal;
  if (principal?.kind === 'tenant') return principal.tenantId;
  if (principal?.kind === 'root') return 'root';
  return `public:${createHash('sha256').update(request.url).digest('hex').slice(0, 32)}`;
}

function hashRequest(request: AuthenticatedRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  const contentType = String(request.headers['content-type'] ?? '');
  // A multipart body is streamed to the handler, not parsed here: its length and the route identify it.
  if (contentType.startsWith('multipart/')) hash.update(`multipart:${request.headers['content-length'] ?? ''}`);
  else hash.update(JSON.stringify(request.body ?? null));
  return hash.digest('hex');
}
