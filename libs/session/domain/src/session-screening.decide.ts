import type { CommandOf } from './session-decide.support';
import { invalidTransition, notFound, validationFailed } from './session-errors';
import type { SessionEvent } from './session-events';
import { allHits } from './session-screening';
import type { Session } from './session-state';

/** A dismissal reason is a reviewer's note for the audit trail: it must say something, briefly. */
const MAX_REASON_LENGTH = 2_000;

export function decideRecordValidation(command: CommandOf<'RecordValidation'>, session: Session): SessionEvent[] {
  if (session.status === 'draft') throw invalidTransition('a draft session has no data to validate yet');
  if (session.screening.validation_ids.includes(command.validation_id)) return [];
  return [
    {
      type: 'ValidationCompleted',
      data: { validation_id: command.validation_id, results: command.results, list_versions: command.list_versions },
    },
  ];
}

export function decideDismissMatch(command: CommandOf<'DismissMatch'>, session: Session): SessionEvent[] {
  const reason = command.reason.trim();
  if (reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
    throw validationFailed(
      [{ field: 'reason', issue: `must be between 1 and ${MAX_REASON_LENGTH} characters` }],
      'a dismissal needs a reason',
    );
  }
  const hit = allHits(session.screening).find((candidate) => candidate.match_id === command.match_id);
  if (!hit) throw notFound(`the session has no screening match ${command.match_id}`);
  if (hit.match_id in session.screening.dismissed) {
    throw invalidTransition(`match ${command.match_id} was already dismissed`);
  }
  return [{ type: 'MatchDismissed', data: { match_id: hit.match_id, entity_id: hit.entity_id, reason } }];
}

/** Only an approved session is monitored; a new hit sends it back to a reviewer. */
export function decideRecordMonitoringHit(command: CommandOf<'RecordMonitoringHit'>, session: Session): SessionEvent[] {
  if (session.status !== 'approved') {
    throw invalidTransition(`monitoring hits are recorded on approved sessions, this one is ${session.status}`);
  }
  if (command.matches.length === 0) {
    throw validationFailed([{ field: 'matches', issue: 'must contain at least one match' }]);
  }
  // A monitoring run repeated (a retry, a second instance) raises nothing twice.
  const known = new Set(session.screening.monitoring_hits.map((hit) => hit.match_id));
  const matches = command.matches.filter((hit) => !known.has(hit.match_id));
  if (matches.length === 0) return [];
  return [
    {
      type: 'MonitoringHitDetected',
      data: {
        list: command.list,
        list_version: command.list_version,
        matches,
        previous_status: session.status,
      },
    },
  ];
}
