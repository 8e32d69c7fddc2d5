import type { ValidationProblem } from '@kyc/workflow-domain';

/**
 * Why `decide` refused a command. The API maps them: `validation_failed` -> 400 `invalid_request`,
 * `not_found` and `gone` -> 404 (a deleted session is indistinguishable from one that never existed, but
 * the application can still tell them apart, e.g. for logs), `invalid_transition` and `already_exists` -> 409,
 * `link_expired` -> 410.
 */
export const SESSION_ERROR_CODES = [
  'invalid_transition',
  'validation_failed',
  'not_found',
  'already_exists',
  'link_expired',
  'gone',
] as const;
export type SessionErrorCode = (typeof SESSION_ERROR_CODES)[number];

/** `decide` throws this and nothing else for a refused command; any other error is a bug. */
export class SessionDomainError extends Error {
  constructor(
    readonly code: SessionErrorCode,
    message: string,
    readonly details: ValidationProblem[] = [],
  ) {
    super(message);
    this.name = 'SessionDomainError';
  }
}

export const invalidTransition = (message: string) => new SessionDomainError('invalid_transition', message);
export const validationFailed = (details: ValidationProblem[], message = 'the request is invalid') =>
  new SessionDomainError('validation_failed', message, details);
export const notFound = (message: string) => new SessionDomainError('not_found', message);
export const alreadyExists = (message: string) => new SessionDomainError('already_exists', message);
export const linkExpired = (message = 'the access link has expired') =>
  new SessionDomainError('link_expired', message);
export const gone = (message = 'the session was deleted') => new SessionDomainError('gone', message);
