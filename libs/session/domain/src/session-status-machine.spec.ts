import { deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import type { SessionCommand } from './session-commands';
import { sessionDecider } from './session-decider';
import type { SessionErrorCode } from './session-errors';
import {
  AFTER_EXPIRY,
  END_USER,
  HISTORY_FOR,
  SAMPLE_COMMANDS,
  T0,
  contextAt,
  correction,
} from './session.fixtures';
import { SESSION_STATUSES, type SessionStatus } from './session-values';

const spec = deciderSpec(sessionDecider, { now: T0, context: contextAt });

/** Every command that can change a session's status, with the time and actor it runs as. */
const COLUMNS = {
  generateLink: { command: SAMPLE_COMMANDS.GenerateLink },
  extend: { command: SAMPLE_COMMANDS.ExtendSession },
  expire: { command: SAMPLE_COMMANDS.ExpireSession, now: AFTER_EXPIRY },
  endUserEdit: { command: SAMPLE_COMMANDS.SaveForm, actor: END_USER },
  corrections: {
    command: {
      type: 'RequestCorrections',
      corrections: [correction('corr-new', 'personal_info', { field_ids: ['full_name'] })],
      comment: null,
    },
  },
  approve: { command: { type: 'UpdateReview', status: 'approved' } },
  reject: { command: { type: 'UpdateReview', status: 'rejected' } },
  manualReview: { command: { type: 'UpdateReview', status: 'manual_review' } },
  reactivate: { command: { type: 'UpdateReview', status: 'active' } },
  requestProcessing: { command: SAMPLE_COMMANDS.RequestProcessing },
  recordResult: { command: SAMPLE_COMMANDS.RecordProcessingResult },
  recordFailure: { command: SAMPLE_COMMANDS.RecordProcessingFailure },
  delete: { command: SAMPLE_COMMANDS.DeleteSession },
} satisfies Record<string, { command: SessionCommand; now?: string; actor?: typeof END_USER }>;
type Column = keyof typeof COLUMNS;

/** The resulting status, `deleted`, or the refusal. */
type Outcome = SessionStatus | 'deleted' | SessionErrorCode;
const X: SessionErrorCode = 'invalid_transition';

// prettier-ignore
const EXPECTED: Record<SessionStatus, Record<Column, Outcome>> = {
  draft: {
    generateLink: 'active', extend: 'draft', expire: 'expired', endUserEdit: X, corrections: X,
    approve: X, reject: X, manualReview: X, reactivate: X,
    requestProcessing: X, recordResult: 'draft', recordFailure: 'draft', delete: 'deleted',
  },
  active: {
    generateLink: 'active', extend: 'active', expire: 'expired', endUserEdit: 'active', corrections: X,
    approve: X, reject: X, manualReview: X, reactivate: X,
    requestProcessing: X, recordResult: 'active', recordFailure: 'active', delete: 'deleted',
  },
  completed: {
    generateLink: 'completed', extend: 'completed', expire: X, endUserEdit: X, corrections: 'awaiting_client_correction',
    approve: 'approved', reject: 'rejected', manualReview: 'manual_review', reactivate: X,
    requestProcessing: 'processing', recordResult: 'completed', recordFailure: 'completed', delete: 'deleted',
  },
  processing: {
    generateLink: 'processing', extend: 'processing', expire: X, endUserEdit: X, corrections: X,
    approve: X, reject: X, manualReview: X, reactivate: X,
    requestProcessing: 'processing', recordResult: 'processed', recordFailure: 'manual_review', delete: 'deleted',
  },
  processed: {
    generateLink: 'processed', extend: 'processed', expire: X, endUserEdit: X, corrections: 'awaiting_client_correction',
    approve: 'approved', reject: 'rejected', manualReview: 'manual_review', reactivate: X,
    requestProcessing: 'processing', recordResult: 'processed', recordFailure: 'processed', delete: 'deleted',
  },
  expired: {
    generateLink: X, extend: 'active', expire: X, endUserEdit: 'link_expired', corrections: X,
    approve: X, reject: X, manualReview: X, reactivate: 'active',
    requestProcessing: X, recordResult: 'expired', recordFailure: 'expired', delete: 'deleted',
  },
  approved: {
    generateLink: 'approved', extend: 'approved', expire: X, endUserEdit: X, corrections: 'awaiting_client_correction',
    approve: X, reject: X, manualReview: 'manual_review', reactivate: X,
    requestProcessing: X, recordResult: 'approved', recordFailure: 'approved', delete: 'deleted',
  },
  rejected: {
    generateLink: 'rejected', extend: 'rejected', expire: X, endUserEdit: X, corrections: 'awaiting_client_correction',
    approve: X, reject: X, manualReview: 'manual_review', reactivate: X,
    requestProcessing: X, recordResult: 'rejected', recordFailure: 'rejected', delete: 'deleted',
  },
  manual_review: {
    generateLink: 'manual_review', extend: 'manual_review', expire: X, endUserEdit: X, corrections: 'awaiting_client_correction',
    approve: 'approved', reject: 'rejected', manualReview: X, reactivate: X,
    requestProcessing: 'processing', recordResult: 'manual_review', recordFailure: 'manual_review', delete: 'deleted',
  },
  awaiting_client_correction: {
    generateLink: 'awaiting_client_correction', extend: 'awaiting_client_correction', expire: 'expired',
    endUserEdit: 'awaiting_client_correction', corrections: X,
    approve: X, reject: X, manualReview: X, reactivate: X,
    requestProcessing: X, recordResult: 'awaiting_client_correction', recordFailure: 'awaiting_client_correction', delete: 'deleted',
  },
};

const ERROR_CODES: readonly string[] = [
  'invalid_transition',
  'link_expired',
  'validation_failed',
  'not_found',
  'gone',
];

describe('session status machine (API.md), every status x every status-changing command', () => {
  it('has a history for each of the 10 statuses that really ends in that status', () => {
    for (const status of SESSION_STATUSES) {
      const state = spec.given(HISTORY_FOR[status]()).state;
      expect(state.exists && state.status, status).toBe(status);
    }
  });

  for (const from of SESSION_STATUSES) {
    describe(`from ${from}`, () => {
      for (const [column, { command, ...options }] of Object.entries(COLUMNS) as [
        Column,
        (typeof COLUMNS)[Column],
      ][]) {
        const expected = EXPECTED[from][column];
        const now = 'now' in options ? options.now : undefined;
        const actor = 'actor' in options ? options.actor : undefined;
        const when = () =>
          spec.given(HISTORY_FOR[from]()).when(command, { now, context: actor ? { actor } : {} });

        if (ERROR_CODES.includes(expected)) {
          it(`${column} is refused with ${expected}`, () => {
            when().thenError(expected);
          });
        } else {
          it(`${column} leads to ${expected}`, () => {
            const { state } = when().thenSucceeds();
            if (!state.exists) throw new Error('the session vanished');
            if (expected === 'deleted') {
              expect(state.deleted).toBe(true);
              expect(state.status).toBe(from);
            } else {
              expect(state.status).toBe(expected);
            }
          });
        }
      }
    });
  }
});
