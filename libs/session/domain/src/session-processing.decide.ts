import type { CommandOf } from './session-decide.support';
import { invalidTransition, validationFailed } from './session-errors';
import type { SessionEvent } from './session-events';
import type { AutomaticDecision } from './session-processing';
import type { Session } from './session-state';
import type { SessionStatus } from './session-values';

/** Statuses a processing run may start from: a completed flow, or a re-run before a reviewer's final decision. */
const PROCESSABLE: readonly SessionStatus[] = ['completed', 'processed', 'manual_review'];

/** The status an automatic decision moves a session to: anything short of approved or rejected goes to a reviewer. */
const STATUS_OF_DECISION: Record<AutomaticDecision, 'approved' | 'rejected' | 'manual_review'> = {
  approved: 'approved',
  rejected: 'rejected',
  manual_review: 'manual_review',
  flagged: 'manual_review',
};

const MAX_FAILURE_MESSAGE_LENGTH = 500;

export function decideRequestProcessing(session: Session): SessionEvent[] {
  // A request while a run is in flight joins that run: asking twice starts nothing twice.
  if (session.status === 'processing') return [];
  if (!PROCESSABLE.includes(session.status)) {
    throw invalidTransition(`a ${session.status} session cannot be processed: it must be ${PROCESSABLE.join(', ')}`);
  }
  return [processingRequested(session)];
}

/** The event that starts the next run; also appended on completion when the workflow processes automatically. */
export function processingRequested(session: Session): SessionEvent {
  return { type: 'ProcessingRequested', data: { run: session.processing.runs + 1, previous_status: session.status } };
}

/**
 * Records the results of the run in flight. A result for any other run (a redelivered trigger, a run that
 * timed out and was started again) is history already written or superseded: it records nothing.
 */
export function decideRecordProcessingResult(command: CommandOf<'RecordProcessingResult'>, session: Session): SessionEvent[] {
  if (!isRunInFlight(session, command.run)) return [];
  const events: SessionEvent[] = [{ type: 'ProcessingCompleted', data: { run: command.run, results: command.results } }];
  if (command.auto_decision) {
    const to = STATUS_OF_DECISION[command.results.final_decision];
    events.push({ type: 'StatusChanged', data: { from: 'processed', to, notes: null } });
  }
  return events;
}

export function decideRecordProcessingFailure(command: CommandOf<'RecordProcessingFailure'>, session: Session): SessionEvent[] {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(command.code)) {
    throw validationFailed([{ field: 'code', issue: 'must be a lower-case reason code' }]);
  }
  if (!isRunInFlight(session, command.run)) return [];
  const message = command.message.slice(0, MAX_FAILURE_MESSAGE_LENGTH);
  return [{ type: 'ProcessingFailed', data: { run: command.run, code: command.code, message } }];
}

function isRunInFlight(session: Session, run: number): boolean {
  return session.status === 'processing' && session.processing.in_flight === run;
}
