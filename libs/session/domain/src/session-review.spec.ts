import { deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import { sessionDecider } from './session-decider';
import { HISTORY_FOR, T0, completedFlow, contextAt, ev } from './session.fixtures';
import type { Session, SessionState } from './session-state';
import { SESSION_STATUSES } from './session-values';

const spec = deciderSpec(sessionDecider, { now: T0, context: contextAt });

function live(state: SessionState): Session {
  if (!state.exists) throw new Error('expected a session');
  return state;
}

describe('UpdateReview: decisions', () => {
  it('approves a completed session, with the reviewer notes', () => {
    const { state } = spec
      .given(completedFlow())
      .when({ type: 'UpdateReview', status: 'approved', notes: 'All documents verified successfully' })
      .then([ev.statusChanged('completed', 'approved', 'All documents verified successfully')]);
    expect(live(state)).toMatchObject({
      status: 'approved',
      final_decision: 'approved',
      notes: 'All documents verified successfully',
      updated_at: T0,
    });
  });

  it('rejects a processed session', () => {
    const { state } = spec
      .given(HISTORY_FOR.processed())
      .when({ type: 'UpdateReview', status: 'rejected' })
      .then([ev.statusChanged('processed', 'rejected')]);
    expect(live(state).final_decision).toBe('rejected');
  });

  it('decides a session in manual review', () => {
    for (const decision of ['approved', 'rejected'] as const) {
      spec
        .given(HISTORY_FOR.manual_review())
        .when({ type: 'UpdateReview', status: decision })
        .then([ev.statusChanged('manual_review', decision)]);
    }
  });

  it('reopens an approved or rejected session into manual review, withdrawing the decision', () => {
    for (const decided of ['approved', 'rejected'] as const) {
      const { state } = spec
        .given(HISTORY_FOR[decided]())
        .when({ type: 'UpdateReview', status: 'manual_review', notes: 'second look' })
        .then([ev.statusChanged(decided, 'manual_review', 'second look')]);
      expect(live(state)).toMatchObject({ status: 'manual_review', final_decision: null });
    }
  });

  it('refuses a status equal to the current one', () => {
    spec
      .given(HISTORY_FOR.manual_review())
      .when({ type: 'UpdateReview', status: 'manual_review' })
      .thenError('invalid_transition');
    spec
      .given(HISTORY_FOR.approved())
      .when({ type: 'UpdateReview', status: 'approved' })
      .thenError('invalid_transition');
    spec
      .given(HISTORY_FOR.active())
      .when({ type: 'UpdateReview', status: 'active' })
      .thenError('invalid_transition');
  });

  it('records assignment and priority changes after the status change, only when they change', () => {
    spec
      .given(completedFlow())
      .when({ type: 'UpdateReview', status: 'manual_review', assigned_to: 'user_abc123', priority: 'medium' })
      .then([
        ev.statusChanged('completed', 'manual_review'),
        { type: 'ReviewUpdated', data: { assigned_to: 'user_abc123' } },
      ]);
  });

  it('leaves the state unchanged when a decision is refused', () => {
    const given = spec.given(HISTORY_FOR.active());
    given.when({ type: 'UpdateReview', status: 'approved', notes: 'x' }).thenError('invalid_transition');
    expect(live(given.state)).toMatchObject({ status: 'active', notes: null, final_decision: null });
  });
});

describe('UpdateReview: triage without a status', () => {
  it('records only the fields that change', () => {
    const { state } = spec
      .given(completedFlow())
      .when({ type: 'UpdateReview', assigned_to: 'user_abc123', priority: 'high', notes: 'VIP customer' })
      .then([
        {
          type: 'ReviewUpdated',
          data: { assigned_to: 'user_abc123', priority: 'high', notes: 'VIP customer' },
        },
      ]);
    expect(live(state)).toMatchObject({
      assigned_to: 'user_abc123',
      priority: 'high',
      notes: 'VIP customer',
    });

    spec
      .given([
        ...completedFlow(),
        { type: 'ReviewUpdated', data: { assigned_to: 'user_abc123', notes: 'VIP customer' } },
      ])
      .when({ type: 'UpdateReview', assigned_to: 'user_abc123', priority: 'low', notes: 'VIP customer' })
      .then([{ type: 'ReviewUpdated', data: { priority: 'low' } }]);
  });

  it('unassigns with null', () => {
    const { state } = spec
      .given([ev.created({ assigned_to: 'user_abc123' })])
      .when({ type: 'UpdateReview', assigned_to: null })
      .then([{ type: 'ReviewUpdated', data: { assigned_to: null } }]);
    expect(live(state).assigned_to).toBeNull();
  });

  it('records nothing for a PATCH that changes nothing', () => {
    spec.given([ev.created()]).when({ type: 'UpdateReview', priority: 'medium' }).then([]);
    spec.given([ev.created()]).when({ type: 'UpdateReview' }).then([]);
  });

  it('is allowed in every status of a live session', () => {
    for (const status of SESSION_STATUSES) {
      spec
        .given(HISTORY_FOR[status]())
        .when({ type: 'UpdateReview', priority: 'high' })
        .then([{ type: 'ReviewUpdated', data: { priority: 'high' } }]);
    }
  });
});
