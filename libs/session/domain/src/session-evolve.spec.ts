import { deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import { sessionDecider } from './session-decider';
import { evolve } from './session-evolve';
import { endUserAccessError, isEndUserEditable } from './session-rules';
import { initialState } from './session-state';
import {
  AFTER_EXPIRY,
  AT_EXPIRY,
  HISTORY_FOR,
  JUST_BEFORE_EXPIRY,
  T0,
  contextAt,
  ev,
} from './session.fixtures';
import { SESSION_STATUSES } from './session-values';

const spec = deciderSpec(sessionDecider, { now: T0, context: contextAt });
const meta = { occurred_at: T0 };

describe('evolve on a corrupt stream', () => {
  it('refuses an event before SessionCreated', () => {
    expect(() => evolve(initialState, ev.stepStarted('selfie'), meta)).toThrow(/without SessionCreated/);
  });

  it('refuses a second SessionCreated', () => {
    const state = evolve(initialState, ev.created(), meta);
    expect(() => evolve(state, ev.created(), meta)).toThrow(/existing session/);
  });

  it('refuses an event naming a step the session does not have', () => {
    const state = evolve(initialState, ev.created(), meta);
    expect(() => evolve(state, ev.stepCompleted('ghost'), meta)).toThrow(/ghost/);
  });
});

describe('evolve bookkeeping', () => {
  it('counts every event in version (the stream version)', () => {
    const history = HISTORY_FOR.awaiting_client_correction();
    const state = spec.given(history).state;
    expect(state.version).toBe(history.length);
  });

  it('does not mutate the state it is given', () => {
    const before = spec.given([ev.created()]).state;
    const snapshot = structuredClone(before);
    evolve(before, ev.stepStarted('selfie'), meta);
    evolve(before, ev.correctionRequested([], 'completed'), meta);
    expect(before).toEqual(snapshot);
  });
});

describe('end-user access', () => {
  it('is open in active and awaiting_client_correction until expires_at only', () => {
    for (const status of SESSION_STATUSES) {
      const state = spec.given(HISTORY_FOR[status]()).state;
      const open = status === 'active' || status === 'awaiting_client_correction';
      expect(isEndUserEditable(state, JUST_BEFORE_EXPIRY), status).toBe(open);
      expect(isEndUserEditable(state, AT_EXPIRY), status).toBe(false);
    }
  });

  it('explains refusals with the codes the public API answers', () => {
    expect(endUserAccessError(initialState, T0)?.code).toBe('not_found');
    expect(endUserAccessError(spec.given([ev.created(), ev.deleted()]).state, T0)?.code).toBe('gone');
    expect(endUserAccessError(spec.given(HISTORY_FOR.expired()).state, T0)?.code).toBe('link_expired');
    expect(endUserAccessError(spec.given(HISTORY_FOR.active()).state, AFTER_EXPIRY)?.code).toBe(
      'link_expired',
    );
    expect(endUserAccessError(spec.given(HISTORY_FOR.approved()).state, T0)?.code).toBe('invalid_transition');
    expect(endUserAccessError(spec.given(HISTORY_FOR.active()).state, T0)).toBeNull();
  });
});
