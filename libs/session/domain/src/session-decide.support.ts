import type { SessionCommand, SessionCommandType } from './session-commands';
import type { SessionEvent } from './session-events';
import { evolve } from './session-evolve';
import { gone, notFound, validationFailed } from './session-errors';
import type { Session, SessionState, SessionStep } from './session-state';

export type CommandOf<T extends SessionCommandType> = Extract<SessionCommand, { type: T }>;

/** Every command but CreateSession needs a session that exists and was not deleted. */
export function liveSession(state: SessionState): Session {
  if (!state.exists) throw notFound('session not found');
  if (state.deleted) throw gone();
  return state;
}

export function stepOf(session: Session, stepId: string, field = 'step_id'): SessionStep {
  const step = session.steps.find((candidate) => candidate.step_id === stepId);
  if (!step)
    throw validationFailed(
      [{ field, issue: `the workflow has no step "${stepId}"` }],
      `unknown step ${stepId}`,
    );
  return step;
}

/** The state the events would lead to, to ask questions about it before they are recorded. */
export function foldAt(session: Session, events: readonly SessionEvent[], now: string): Session {
  return events.reduce<Session>(
    (current, event) => evolve(current, event, { occurred_at: now }) as Session,
    session,
  );
}

export function isIntegerInRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
