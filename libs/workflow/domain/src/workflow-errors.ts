import type { ValidationProblem } from './validation-problem';

/**
 * The workflow decider's refusals. `decide` throws these; the API maps `validation_failed` to 400,
 * `not_found` to 404, `already_exists` and `invalid_transition` to 409.
 */
export type WorkflowErrorCode = 'validation_failed' | 'not_found' | 'already_exists' | 'invalid_transition';

export class WorkflowDomainError extends Error {
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly details: ValidationProblem[] = [],
  ) {
    super(message);
    this.name = 'WorkflowDomainError';
  }
}
