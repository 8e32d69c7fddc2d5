import { deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import { sessionDecider } from './session-decider';
import { openHits } from './session-screening';
import type { Session, SessionState } from './session-state';
import { HISTORY_FOR, SAMPLE_COMMANDS, SCREENING_HIT, T0, contextAt } from './session.fixtures';

const spec = deciderSpec(sessionDecider, { now: T0, context: contextAt });

function live(state: SessionState): Session {
  if (!state.exists) throw new Error('expected a session');
  return state;
}

const record = SAMPLE_COMMANDS.RecordValidation;
const validated = () => [
  ...HISTORY_FOR.completed(),
  {
    type: 'ValidationCompleted' as const,
    data: { validation_id: record.validation_id, results: record.results, list_versions: record.list_versions },
  },
];

describe('RecordValidation', () => {
  it('records the run and which kinds of validation the session has had', () => {
    const { state } = spec
      .given(HISTORY_FOR.completed())
      .when(record)
      .then([
        {
          type: 'ValidationCompleted',
          data: { validation_id: 'val-1', results: record.results, list_versions: record.list_versions },
        },
      ]);
    const session = live(state);
    expect(session.screening.last_validation).toEqual(record.results);
    expect(session.screening.list_versions).toEqual({ ofac: '2023-12-28', un: '2026-02-27', eu: '2025-04-15' });
    expect(session.screening.validations_run).toEqual(['lists', 'adverse_media']);
    expect(session.status).toBe('completed');
  });

  it('keeps the kinds of earlier runs when a later run checks less', () => {
    const listsOnly = { ...record.results, adverse_media_check: null };
    const { state } = spec.given(validated()).when({ ...record, validation_id: 'val-2', results: listsOnly }).then([
      { type: 'ValidationCompleted', data: { validation_id: 'val-2', results: listsOnly, list_versions: record.list_versions } },
    ]);
    expect(live(state).screening.validations_run).toEqual(['lists', 'adverse_media']);
    expect(live(state).screening.last_validation).toEqual(listsOnly);
  });

  it('records a run once: the same validation id again (a redelivered trigger) changes nothing', () => {
    spec.given(validated()).when(record).then([]);
  });

  it('refuses a draft, which has no data yet', () => {
    spec.given(HISTORY_FOR.draft()).when(record).thenError('invalid_transition');
  });
});

describe('DismissMatch', () => {
  it('dismisses a standing hit with the reviewer reason; it no longer stands', () => {
    const { state } = spec
      .given(validated())
      .when({ type: 'DismissMatch', match_id: SCREENING_HIT.match_id, reason: '  born 1990, listed person 1961 ' })
      .then([
        {
          type: 'MatchDismissed',
          data: { match_id: SCREENING_HIT.match_id, entity_id: 'ofac:12345', reason: 'born 1990, listed person 1961' },
        },
      ]);
    expect(openHits(live(state).screening)).toEqual([]);
    expect(live(state).screening.dismissed[SCREENING_HIT.match_id]).toEqual({
      reason: 'born 1990, listed person 1961',
      dismissed_at: T0,
    });
  });

  it('answers not_found for a match the session does not have', () => {
    spec.given(validated()).when({ type: 'DismissMatch', match_id: 'm_other', reason: 'x' }).thenError('not_found');
  });

  it('refuses to dismiss twice, and refuses an empty reason naming the field', () => {
    const dismissed = [
      ...validated(),
      { type: 'MatchDismissed' as const, data: { match_id: SCREENING_HIT.match_id, entity_id: 'ofac:12345', reason: 'no' } },
    ];
    spec.given(dismissed).when(SAMPLE_COMMANDS.DismissMatch).thenError('invalid_transition');
    spec
      .given(validated())
      .when({ type: 'DismissMatch', match_id: SCREENING_HIT.match_id, reason: '   ' })
      .thenError('validation_failed', [{ field: 'reason', issue: 'must be between 1 and 2000 characters' }]);
  });
});

describe('RecordMonitoringHit', () => {
  const hit = SAMPLE_COMMANDS.RecordMonitoringHit;

  it('sends an approved session back to manual review and withdraws the decision', () => {
    const { state } = spec
      .given(HISTORY_FOR.approved())
      .when(hit)
      .then([
        {
          type: 'MonitoringHitDetected',
          data: { list: 'ofac', list_version: '2024-05-03', matches: hit.matches, previous_status: 'approved' },
        },
      ]);
    const session = live(state);
    expect(session.status).toBe('manual_review');
    expect(session.final_decision).toBeNull();
    expect(openHits(session.screening).map((h) => h.match_id)).toEqual(['m_monitor']);
  });

  it('records nothing for hits the session already has (a repeated run)', () => {
    const { state } = spec.given(HISTORY_FOR.approved()).when(hit).then([
      { type: 'MonitoringHitDetected', data: { list: 'ofac', list_version: '2024-05-03', matches: hit.matches, previous_status: 'approved' } },
    ]);
    const reapproved = [
      ...HISTORY_FOR.approved(),
      { type: 'MonitoringHitDetected' as const, data: { list: 'ofac', list_version: '2024-05-03', matches: hit.matches, previous_status: 'approved' as const } },
      { type: 'StatusChanged' as const, data: { from: 'manual_review' as const, to: 'approved' as const, notes: null } },
    ];
    expect(live(state).status).toBe('manual_review');
    spec.given(reapproved).when(hit).then([]);
  });

  it('only monitors approved sessions', () => {
    for (const status of ['completed', 'rejected', 'manual_review'] as const) {
      spec.given(HISTORY_FOR[status]()).when(hit).thenError('invalid_transition');
    }
  });

  it('refuses a hit without matches', () => {
    spec.given(HISTORY_FOR.approved()).when({ ...hit, matches: [] }).thenError('validation_failed');
  });
});
