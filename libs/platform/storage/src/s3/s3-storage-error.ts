import { S3ServiceException } from '@aws-sdk/client-s3';

/**
 * A failed S3 request, naming the operation and the object (`s3://bucket/key`) that the SDK's own errors leave
 * out. `code` is S3's error code (`NoSuchBucket`, `AccessDenied`, `SlowDown`...) or, when no answer came, the
 * network error's (`ECONNREFUSED`, `TimeoutError`...); the SDK's error is the `cause`.
 */
export class S3StorageError extends Error {
  readonly code: string;
  readonly status: number | undefined;

  constructor(operation: string, target: string, cause: unknown) {
    const code = errorCode(cause);
    const status = cause instanceof S3ServiceException ? cause.$metadata.httpStatusCode : undefined;
    const detail =
      cause instanceof Error && cause.message && cause.message !== code ? `: ${cause.message}` : '';
    super(`S3 ${operation} of ${target} failed: ${code}${status ? ` (HTTP ${status})` : ''}${detail}`, {
      cause,
    });
    this.name = 'S3StorageError';
    this.code = code;
    this.status = status;
  }
}

/**
 * The object is not there: GetObject's `NoSuchKey`, or HeadObject's bare 404 (a HEAD answer has no body, so a
 * missing bucket looks the same; any other request then reports `NoSuchBucket`).
 */
export function isMissingObject(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || (error.name === 'NotFound' && error.$metadata.httpStatusCode === 404))
  );
}

function errorCode(error: unknown): string {
  if (error instanceof S3ServiceException) return error.name;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'UnknownError';
}
