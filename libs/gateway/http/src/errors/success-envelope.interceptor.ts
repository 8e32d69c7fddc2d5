import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';

/** Controllers return the `data` part; every success leaves as `{"status":"success","data":...}`. */
@Injectable()
export class SuccessEnvelopeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((data) => (isRawResponse(data) ? data.body : { status: 'success', data })));
  }
}

/** For the few routes that must not be enveloped (a document download, the OpenAPI document). */
export interface RawResponse {
  readonly raw: true;
  readonly body: unknown;
}
function isRawResponse(value: unknown): value is RawResponse {
  return typeof value === 'object' && value !== null && (value as { raw?: unknown }).raw === true;
}
