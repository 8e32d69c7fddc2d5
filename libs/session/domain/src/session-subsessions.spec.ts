import { deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import type { SessionCommand } from './session-commands';
import { sessionDecider } from './session-decider';
import { END_USER, HISTORY_FOR, T0, completedFlow, contextAt, correction, ev } from './session.fixtures';
import type { Session, SessionState } from './session-state';

const spec = deciderSpec(sessionDecider, { now: T0, context: contextAt });
const asEndUser = { context: { actor: END_USER } };

function live(state: SessionState): Session {
  if (!state.exists) throw new Error('expected a session');
  return state;
}

const add = (
  subsession_id: string,
  overrides: Partial<Extract<SessionCommand, { type: 'AddSubsession' }>> = {},
): SessionCommand => ({
  type: 'AddSubsession',
  subsession_id,
  step_id: 'step_ubos',
  label: `UBO ${subsession_id}`,
  workflow_id: 'wf-ubo',
  ...overrides,
});

describe('AddSubsession', () => {
  it('lets the tenant add one without touching the step', () => {
    const { state } = spec
      .given([ev.created()])
      .when(add('sub-1'))
      .then([ev.subsessionCreated('sub-1')]);
    expect(live(state).subsessions).toEqual([
      {
        subsession_id: 'sub-1',
        step_id: 'step_ubos',
        label: 'UBO sub-1',
        workflow_id: 'wf-ubo',
        created_at: T0,
      },
    ]);
    expect(live(state).steps[3]?.status).toBe('pending');
  });

  it('lets the end user add one, which starts the step', () => {
    spec
      .given([ev.created()])
      .when(add('sub-1'), asEndUser)
      .then([ev.stepStarted('step_ubos'), ev.subsessionCreated('sub-1')]);
    spec
      .given([ev.created(), ev.stepStarted('step_ubos'), ev.subsessionCreated('sub-1')])
      .when(add('sub-2'), asEndUser)
      .then([ev.subsessionCreated('sub-2')]);
  });

  it('respects the step maximum', () => {
    spec
      .given([ev.created(), ev.subsessionCreated('sub-1'), ev.subsessionCreated('sub-2')])
      .when(add('sub-3'))
      .thenError('validation_failed', [
        { field: 'step_id', issue: 'step step_ubos takes at most 2 subsessions' },
      ]);
    spec
      .given([
        ev.created(),
        ev.subsessionCreated('sub-1'),
        ev.subsessionCreated('sub-2'),
        ev.subsessionRemoved('sub-1'),
      ])
      .when(add('sub-3'))
      .then([ev.subsessionCreated('sub-3')]);
  });

  it('needs a subsessions step, its workflow, a label and a new id', () => {
    spec
      .given([ev.created()])
      .when(add('sub-1', { step_id: 'personal_info' }))
      .thenError('validation_failed', [
        { field: 'step_id', issue: 'step personal_info is a form step, not a subsessions step' },
      ]);
    spec
      .given([ev.created()])
      .when(add('sub-1', { step_id: 'nope' }))
      .thenError('validation_failed');
    spec
      .given([ev.created()])
      .when(add('sub-1', { workflow_id: 'wf-other' }))
      .thenError('validation_failed', [
        { field: 'workflow_id', issue: 'step step_ubos uses workflow wf-ubo' },
      ]);
    spec
      .given([ev.created()])
      .when(add('sub-1', { label: ' ' }))
      .thenError('validation_failed', [{ field: 'label', issue: 'must not be empty' }]);
    spec
      .given([ev.created(), ev.subsessionCreated('sub-1')])
      .when(add('sub-1'))
      .thenError('already_exists');
  });

  it('lets the tenant add to a draft or a session awaiting corrections, not to one under review or expired', () => {
    spec
      .given(HISTORY_FOR.draft())
      .when(add('sub-9'))
      .then([ev.subsessionCreated('sub-9')]);
    spec
      .given([...completedFlow(), ev.correctionRequested([correction('c', 'selfie')], 'completed')])
      .when(add('sub-9'))
      .then([ev.subsessionCreated('sub-9')]);
    for (const status of [
      'completed',
      'processing',
      'processed',
      'approved',
      'rejected',
      'manual_review',
      'expired',
    ] as const) {
      spec.given(HISTORY_FOR[status]()).when(add('sub-9')).thenError('invalid_transition');
    }
  });

  it('lets the end user add only under the end-user rules', () => {
    spec.given(HISTORY_FOR.draft()).when(add('sub-9'), asEndUser).thenError('invalid_transition');
    spec.given(HISTORY_FOR.expired()).when(add('sub-9'), asEndUser).thenError('link_expired');
    const awaitingOther = [
      ...completedFlow(),
      ev.correctionRequested([correction('c', 'selfie')], 'completed'),
    ];
    spec.given(awaitingOther).when(add('sub-9'), asEndUser).thenError('invalid_transition');
    const awaitingUbos = [
      ...completedFlow(),
      ev.correctionRequested([correction('c', 'step_ubos', { message: 'Add the second UBO' })], 'completed'),
    ];
    spec
      .given(awaitingUbos)
      .when(add('sub-9'), asEndUser)
      .then([ev.stepStarted('step_ubos'), ev.subsessionCreated('sub-9')]);
  });
});

describe('RemoveSubsession', () => {
  it('removes a known subsession', () => {
    const { state } = spec
      .given([ev.created(), ev.subsessionCreated('sub-1'), ev.subsessionCreated('sub-2')])
      .when({ type: 'RemoveSubsession', subsession_id: 'sub-1' })
      .then([ev.subsessionRemoved('sub-1')]);
    expect(live(state).subsessions.map((link) => link.subsession_id)).toEqual(['sub-2']);
  });

  it('answers not_found for an unknown or already removed subsession', () => {
    spec
      .given([ev.created()])
      .when({ type: 'RemoveSubsession', subsession_id: 'sub-1' })
      .thenError('not_found');
    spec
      .given([ev.created(), ev.subsessionCreated('sub-1'), ev.subsessionRemoved('sub-1')])
      .when({ type: 'RemoveSubsession', subsession_id: 'sub-1' })
      .thenError('not_found');
  });

  it('counts against completion: below min the step cannot be completed', () => {
    spec
      .given([ev.created(), ev.subsessionCreated('sub-1'), ev.subsessionRemoved('sub-1')])
      .when({ type: 'CompleteStep', step_id: 'step_ubos' }, asEndUser)
      .thenError('validation_failed', [{ field: 'subsessions', issue: 'add at least 1 (0 so far)' }]);
  });

  it('works in any live status (a tenant may drop a party during review)', () => {
    spec
      .given(HISTORY_FOR.approved())
      .when({ type: 'RemoveSubsession', subsession_id: 'sub-1' })
      .then([ev.subsessionRemoved('sub-1')]);
  });
});
