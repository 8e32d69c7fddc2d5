import { at, deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import type { SessionCommand } from './session-commands';
import { sessionDecider } from './session-decider';
import {
  AFTER_EXPIRY,
  ALL_COMMANDS,
  AT_EXPIRY,
  DAY,
  END_USER,
  EXPIRES_AT,
  HISTORY_FOR,
  JUST_BEFORE_EXPIRY,
  SAMPLE_COMMANDS,
  T0,
  T0_SECONDS,
  TTL_DAYS,
  WORKFLOW,
  awaitingCorrectionFlow,
  contextAt,
  ev,
  isoAt,
} from './session.fixtures';
import type { Session, SessionState } from './session-state';

const spec = deciderSpec(sessionDecider, { now: T0, context: contextAt });

function live(state: SessionState): Session {
  if (!state.exists) throw new Error('expected a session');
  return state;
}

const create = (
  overrides: Partial<Extract<SessionCommand, { type: 'CreateSession' }>> = {},
): SessionCommand => ({
  ...SAMPLE_COMMANDS.CreateSession,
  metadata: { user_email: 'user@example.com' },
  customer_id: 'cust-1',
  ...overrides,
});

describe('CreateSession', () => {
  it('creates an active session that snapshots the pinned workflow version', () => {
    const { state } = spec.given([]).when(create()).then([ev.created()]);
    const session = live(state);
    expect(session).toMatchObject({
      status: 'active',
      workflow_id: 'wf-basic',
      workflow_version: 3,
      workflow_name: 'Basic KYC',
      auto_process: false,
      custom_tags: { department: 'onboarding', region: 'latam' },
      expires_at: T0_SECONDS + 7 * DAY,
      ttl_days: 7,
      current_step_index: 0,
      created_at: T0,
      updated_at: T0,
      completed_at: null,
      final_decision: null,
      deleted: false,
      version: 1,
    });
    expect(session.steps.map((step) => [step.step_id, step.status])).toEqual([
      ['id_document', 'pending'],
      ['selfie', 'pending'],
      ['personal_info', 'pending'],
      ['step_ubos', 'pending'],
      ['extra', 'pending'],
    ]);
  });

  it('creates a draft when activate is false', () => {
    spec
      .given([])
      .when(create({ activate: false }))
      .then([ev.created({ status: 'draft' })]);
  });

  it('uses the given ttl_days instead of the workflow default, counted from now', () => {
    const now = '2024-12-01T00:00:00.000Z';
    spec
      .given([])
      .when(create({ ttl_days: 90 }), { now })
      .then([ev.created({ ttl_days: 90, expires_at: Date.parse(now) / 1000 + 90 * DAY })]);
  });

  it.each([0, 91, -1, 2.5])('refuses ttl_days %s', (ttl_days) => {
    spec
      .given([])
      .when(create({ ttl_days }))
      .thenError('validation_failed', [{ field: 'ttl_days', issue: 'must be an integer between 1 and 90' }]);
  });

  it('accepts the bounds 1 and 90', () => {
    spec
      .given([])
      .when(create({ ttl_days: 1 }))
      .thenSucceeds();
    spec
      .given([])
      .when(create({ ttl_days: 90 }))
      .thenSucceeds();
  });

  it('refuses metadata above 16 KiB of JSON', () => {
    spec
      .given([])
      .when(create({ metadata: { blob: 'x'.repeat(16 * 1024) } }))
      .thenError('validation_failed', [{ field: 'metadata', issue: 'must be at most 16384 bytes as JSON' }]);
  });

  it('keeps the parent link of a subsession', () => {
    const parent = { session_id: 'sess-parent', step_id: 'step_ubos', label: 'Juan Garcia - UBO' };
    const { state } = spec
      .given([])
      .when(create({ parent }))
      .then([ev.created({ parent })]);
    expect(live(state).parent).toEqual(parent);
  });

  it('refuses a second creation on the same stream, even after deletion', () => {
    spec.given([ev.created()]).when(create()).thenError('already_exists');
    spec.given([ev.created(), ev.deleted()]).when(create()).thenError('already_exists');
  });
});

describe('an empty stream', () => {
  for (const command of ALL_COMMANDS.filter((candidate) => candidate.type !== 'CreateSession')) {
    it(`answers ${command.type} with not_found`, () => {
      spec
        .given([])
        .when(command, { context: { actor: END_USER } })
        .thenError('not_found');
    });
  }
});

describe('a deleted session', () => {
  for (const command of ALL_COMMANDS.filter((candidate) => candidate.type !== 'CreateSession')) {
    it(`answers ${command.type} with gone`, () => {
      spec
        .given([...awaitingCorrectionFlow(), ev.deleted()])
        .when(command, { context: { actor: END_USER } })
        .thenError('gone');
    });
  }

  it('records the deletion time', () => {
    const { state } = spec
      .given([ev.created()])
      .when(SAMPLE_COMMANDS.DeleteSession, { now: '2024-11-23T00:00:00.000Z' })
      .then([ev.deleted()]);
    expect(live(state)).toMatchObject({ deleted: true, deleted_at: '2024-11-23T00:00:00.000Z' });
  });
});

describe('GenerateLink', () => {
  it('activates a draft and issues its link, keeping the expiry', () => {
    const { state } = spec
      .given([ev.created({ status: 'draft' })])
      .when({ type: 'GenerateLink', access_token: 'token-2' })
      .then([ev.activated(), ev.linkRegenerated('token-2', EXPIRES_AT)]);
    expect(live(state)).toMatchObject({ status: 'active', access_token: 'token-2', expires_at: EXPIRES_AT });
  });

  it('replaces the token of an active session', () => {
    const { state } = spec
      .given([ev.created()])
      .when({ type: 'GenerateLink', access_token: 'token-2' })
      .then([ev.linkRegenerated('token-2')]);
    expect(live(state).access_token).toBe('token-2');
  });

  it('replaces the token while corrections are pending and in review statuses', () => {
    for (const status of ['awaiting_client_correction', 'completed', 'manual_review', 'approved'] as const) {
      spec
        .given(HISTORY_FOR[status]())
        .when({ type: 'GenerateLink', access_token: 'token-9' })
        .then([ev.linkRegenerated('token-9')]);
    }
  });

  it('refuses an expired session and says to extend it', () => {
    const error = spec
      .given(HISTORY_FOR.expired())
      .when({ type: 'GenerateLink', access_token: 'token-2' })
      .thenError('invalid_transition');
    expect(error.message).toMatch(/extend/);
  });
});

describe('ExpireSession', () => {
  for (const status of ['draft', 'active', 'awaiting_client_correction'] as const) {
    it(`expires a ${status} session once expires_at is reached, remembering the status`, () => {
      const { state } = spec
        .given(HISTORY_FOR[status]())
        .when({ type: 'ExpireSession' }, { now: AT_EXPIRY })
        .then([ev.expired(status)]);
      expect(live(state)).toMatchObject({ status: 'expired', status_before_expiry: status });
    });

    it(`does not expire a ${status} session a second early`, () => {
      spec
        .given(HISTORY_FOR[status]())
        .when({ type: 'ExpireSession' }, { now: JUST_BEFORE_EXPIRY })
        .thenError('invalid_transition');
    });
  }
});

describe('ExtendSession', () => {
  it('adds days to the current expiry while it is in the future', () => {
    const { state } = spec
      .given([ev.created()])
      .when({ type: 'ExtendSession', extend_days: 3, comment: 'more time' })
      .then([ev.extended(3, EXPIRES_AT + 3 * DAY, null, 'more time')]);
    expect(live(state)).toMatchObject({ status: 'active', expires_at: EXPIRES_AT + 3 * DAY });
  });

  it('counts from now when the expiry has passed, and revives an expired session in its previous status', () => {
    const now = AFTER_EXPIRY;
    const { state } = spec
      .given([ev.created(), at(AT_EXPIRY, ev.expired('active'))])
      .when({ type: 'ExtendSession', extend_days: 7, comment: null }, { now })
      .then([ev.extended(7, Date.parse(now) / 1000 + 7 * DAY, 'active')]);
    expect(live(state)).toMatchObject({ status: 'active', status_before_expiry: null });
  });

  it('returns an expired correction request to awaiting_client_correction with its steps intact', () => {
    const { state } = spec
      .given([...awaitingCorrectionFlow(), ev.expired('awaiting_client_correction')])
      .when(
        {
          type: 'ExtendSession',
          extend_days: 7,
          comment: 'Allow customer to complete requested corrections',
        },
        { now: AFTER_EXPIRY },
      )
      .thenSucceeds();
    const session = live(state);
    expect(session.status).toBe('awaiting_client_correction');
    expect(session.steps.find((step) => step.step_id === 'personal_info')?.status).toBe('needs_correction');
    expect(session.current_step_index).toBe(0);
  });

  it('returns an expired draft to draft', () => {
    const { state } = spec
      .given([ev.created({ status: 'draft' }), ev.expired('draft')])
      .when(SAMPLE_COMMANDS.ExtendSession, { now: AFTER_EXPIRY })
      .thenSucceeds();
    expect(live(state).status).toBe('draft');
  });

  it.each([0, 91, 1.5])('refuses extend_days %s', (extend_days) => {
    spec
      .given([ev.created()])
      .when({ type: 'ExtendSession', extend_days, comment: null })
      .thenError('validation_failed', [
        { field: 'extend_days', issue: 'must be an integer between 1 and 90' },
      ]);
  });
});

describe('reactivation (PATCH status active)', () => {
  it('restores the status before expiry and grants the session TTL again from now', () => {
    const now = AFTER_EXPIRY;
    const { state } = spec
      .given([ev.created(), at(AT_EXPIRY, ev.expired('active'))])
      .when({ type: 'UpdateReview', status: 'active', notes: 'customer called' }, { now })
      .then([
        ev.statusChanged('expired', 'active', 'customer called'),
        ev.extended(TTL_DAYS, Date.parse(now) / 1000 + TTL_DAYS * DAY),
      ]);
    expect(live(state)).toMatchObject({
      status: 'active',
      notes: 'customer called',
      status_before_expiry: null,
    });
  });

  it('restores awaiting_client_correction when that is what expired', () => {
    spec
      .given([...awaitingCorrectionFlow(), ev.expired('awaiting_client_correction')])
      .when({ type: 'UpdateReview', status: 'active' }, { now: AFTER_EXPIRY })
      .then([
        ev.statusChanged('expired', 'awaiting_client_correction'),
        ev.extended(TTL_DAYS, Date.parse(AFTER_EXPIRY) / 1000 + TTL_DAYS * DAY),
      ]);
  });

  it('needs no new TTL when the expiry still lies ahead', () => {
    spec
      .given([ev.created(), ev.expired('active')])
      .when({ type: 'UpdateReview', status: 'active' }, { now: T0 })
      .then([ev.statusChanged('expired', 'active')]);
  });

  it('is refused for sessions that are not expired', () => {
    for (const status of ['draft', 'active', 'completed', 'approved'] as const) {
      spec
        .given(HISTORY_FOR[status]())
        .when({ type: 'UpdateReview', status: 'active' })
        .thenError('invalid_transition');
    }
  });
});

describe('end-user access and expiry', () => {
  const endUserCommands: SessionCommand[] = [
    SAMPLE_COMMANDS.SaveForm,
    SAMPLE_COMMANDS.UploadDocument,
    { type: 'RemoveDocument', step_id: 'id_document', doc_id: 'doc-1' },
    { type: 'CompleteStep', step_id: 'id_document' },
    SAMPLE_COMMANDS.SkipStep,
    SAMPLE_COMMANDS.AddSubsession,
  ];
  const activeWithDocument = [
    ev.created(),
    ev.stepStarted('id_document'),
    ev.uploaded('id_document', 'doc-1', 'id'),
  ];

  for (const command of endUserCommands) {
    it(`${command.type}: link_expired on an active session from the second expires_at is reached`, () => {
      spec
        .given(activeWithDocument)
        .when(command, { now: AT_EXPIRY, context: { actor: END_USER } })
        .thenError('link_expired');
      spec
        .given(activeWithDocument)
        .when(command, { now: JUST_BEFORE_EXPIRY, context: { actor: END_USER } })
        .thenSucceeds();
    });

    it(`${command.type}: link_expired on an expired session, invalid_transition on a draft or a session under review`, () => {
      spec
        .given(HISTORY_FOR.expired())
        .when(command, { context: { actor: END_USER } })
        .thenError('link_expired');
      for (const status of [
        'draft',
        'completed',
        'processing',
        'processed',
        'approved',
        'rejected',
        'manual_review',
      ] as const) {
        spec
          .given(HISTORY_FOR[status]())
          .when(command, { context: { actor: END_USER } })
          .thenError('invalid_transition');
      }
    });
  }

  it('an awaiting_client_correction session past its expiry answers link_expired', () => {
    spec
      .given(awaitingCorrectionFlow())
      .when(SAMPLE_COMMANDS.SaveForm, { now: AFTER_EXPIRY, context: { actor: END_USER } })
      .thenError('link_expired');
  });
});

describe('timestamps', () => {
  it('takes updated_at and step times from the events', () => {
    const { state } = spec
      .given([
        at('2024-11-22T10:30:00.000Z', ev.created()),
        at('2024-11-22T10:31:00.000Z', ev.stepStarted('id_document')),
        at('2024-11-22T10:32:00.000Z', ev.uploaded('id_document', 'doc-1', 'id')),
      ])
      .when({ type: 'CompleteStep', step_id: 'id_document' }, { now: '2024-11-22T10:33:00.000Z' })
      .then([ev.stepCompleted('id_document')]);
    const session = live(state);
    expect(session.created_at).toBe('2024-11-22T10:30:00.000Z');
    expect(session.updated_at).toBe('2024-11-22T10:33:00.000Z');
    expect(session.steps[0]).toMatchObject({
      started_at: '2024-11-22T10:31:00.000Z',
      completed_at: '2024-11-22T10:33:00.000Z',
    });
    expect(session.steps[0]?.documents[0]?.uploaded_at).toBe('2024-11-22T10:32:00.000Z');
  });

  it('converts expires_at between Unix seconds and ISO exactly', () => {
    expect(isoAt(EXPIRES_AT)).toBe('2024-11-29T10:30:00.000Z');
    expect(WORKFLOW.default_ttl_days).toBe(TTL_DAYS);
  });
});
