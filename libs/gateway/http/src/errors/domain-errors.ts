import { VersionConflictError } from '@kyc/event-store';
import { InvalidCursorError } from '@kyc/read-model';
import { ListFileReadError } from '@kyc/screening-adapters';
import { ListParseError } from '@kyc/screening-domain';
import { SessionServiceUnavailableError } from '@kyc/session-application';
import { SessionDomainError } from '@kyc/session-domain';
import { WorkflowDomainError } from '@kyc/workflow-domain';
import { ApiError } from './api-error';

/** The domain's refusals and the write side's unavailability, as the API states them (API.md's codes). */
export function domainErrorToApiError(error: unknown): ApiError | null {
  if (error instanceof SessionDomainError || error instanceof WorkflowDomainError) {
    switch (error.code) {
      case 'validation_failed':
        return ApiError.invalid(error.message, error.details);
      case 'not_found':
        return new ApiError(404, 'not_found', error.message, error.details);
      case 'gone':
        return ApiError.notFound('session');
      case 'already_exists':
      case 'invalid_transition':
        return new ApiError(409, 'invalid_transition', error.message);
      case 'link_expired':
        return new ApiError(410, 'link_expired', error.message);
    }
  }
  if (error instanceof VersionConflictError) {
    return new ApiError(409, 'version_conflict', 'the session was changed concurrently; retry the request');
  }
  if (error instanceof SessionServiceUnavailableError) {
    const outcome = error.reason === 'timeout' ? 'it may or may not have been applied' : 'it was not applied';
    return new ApiError(503, 'service_unavailable', `the session service did not answer (${error.reason}): ${outcome}; retry with the same Idempotency-Key`);
  }
  if (error instanceof ListParseError || error instanceof ListFileReadError) {
    // The path and line are for the operator's log, not for API clients.
    return new ApiError(503, 'service_unavailable', 'the sanctions lists could not be loaded; retry later');
  }
  if (error instanceof InvalidCursorError) {
    return ApiError.invalid(error.message, [{ field: 'next_key', issue: 'is not a valid cursor' }]);
  }
  return null;
}
