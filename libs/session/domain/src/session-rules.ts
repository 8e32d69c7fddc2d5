import { gone, invalidTransition, linkExpired, notFound, type SessionDomainError } from './session-errors';
import type { CorrectionRequest, Session, SessionState, SessionStep } from './session-state';
import { isPastExpiry } from './session-time';
import type { SessionStatus } from './session-values';

export function openCorrections(step: SessionStep): CorrectionRequest[] {
  return step.corrections.filter((correction) => correction.status === 'open');
}

export function hasOpenCorrection(step: SessionStep): boolean {
  return step.corrections.some((correction) => correction.status === 'open');
}

/**
 * The step the end user should see next: the first one neither completed nor skipped (`steps.length` when
 * all are). While corrections are pending it is the first step with an open correction, which is the first
 * `needs_correction` step until the end user starts editing it.
 */
export function currentStepIndex(status: SessionStatus, steps: readonly SessionStep[]): number {
  if (status === 'awaiting_client_correction') {
    const corrected = steps.findIndex(hasOpenCorrection);
    if (corrected !== -1) return corrected;
  }
  const next = steps.findIndex((step) => step.status !== 'completed' && step.status !== 'skipped');
  return next === -1 ? steps.length : next;
}

/**
 * The end user is done when every required step is completed, nothing awaits correction, and no optional
 * step was left half-done (an optional step the user started must be completed or skipped).
 */
export function isFlowComplete(steps: readonly SessionStep[]): boolean {
  return steps.every((step) => {
    if (hasOpenCorrection(step)) return false;
    if (step.definition.optional) return step.status !== 'in_progress' && step.status !== 'needs_correction';
    return step.status === 'completed';
  });
}

/** Statuses in which the end user may change the session (with the per-step limits of corrections). */
export const END_USER_EDITABLE_STATUSES: readonly SessionStatus[] = ['active', 'awaiting_client_correction'];

/**
 * Why the end user cannot change the session now, or null when they can: `link_expired` for an expired
 * session or one past `expires_at` that the expiry job has not reached yet, `invalid_transition` for a
 * status the end user does not control, `gone`/`not_found` for a deleted or unknown session.
 */
export function endUserAccessError(state: SessionState, now: string): SessionDomainError | null {
  if (!state.exists) return notFound('session not found');
  if (state.deleted) return gone();
  if (state.status === 'expired') return linkExpired();
  if (!END_USER_EDITABLE_STATUSES.includes(state.status)) {
    return invalidTransition(`the session is ${state.status}: the end user cannot change it`);
  }
  if (isPastExpiry(state.expires_at, now)) return linkExpired();
  return null;
}

export function isEndUserEditable(state: SessionState, now: string): state is Session {
  return endUserAccessError(state, now) === null;
}

/** Whether the end user may change this step in the session's current status. */
export function isStepEditableByEndUser(session: Session, step: SessionStep): boolean {
  return session.status !== 'awaiting_client_correction' || hasOpenCorrection(step);
}
