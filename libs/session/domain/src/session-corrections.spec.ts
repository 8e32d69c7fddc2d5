import { deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import type { CommandContext, SessionCommand } from './session-commands';
import { sessionDecider } from './session-decider';
import type { CorrectionItem, SessionEvent } from './session-events';
import { openCorrections } from './session-rules';
import {
  API_KEY,
  END_USER,
  HISTORY_FOR,
  ID_CORRECTION,
  NAME_CORRECTION,
  T0,
  awaitingCorrectionFlow,
  completedFlow,
  correction,
  ev,
} from './session.fixtures';
import type { Session, SessionState } from './session-state';

const endUserAt = (now: string): CommandContext => ({ now, actor: END_USER });
const spec = deciderSpec(sessionDecider, { now: T0, context: endUserAt });
const asTenant = { context: { actor: API_KEY } };

function live(state: SessionState): Session {
  if (!state.exists) throw new Error('expected a session');
  return state;
}
const stepOf = (state: SessionState, stepId: string) => {
  const step = live(state).steps.find((candidate) => candidate.step_id === stepId);
  if (!step) throw new Error(`no step ${stepId}`);
  return step;
};

const requestCorrections = (
  corrections: CorrectionItem[],
  comment: string | null = null,
): SessionCommand => ({
  type: 'RequestCorrections',
  corrections,
  comment,
});
const upload = (
  step_id: string,
  doc_id: string,
  document_type: 'id' | 'passport' | 'selfie',
): SessionCommand => ({
  type: 'UploadDocument',
  step_id,
  doc_id,
  document_type,
  file_name: `${doc_id}.jpg`,
  mime_type: 'image/jpeg',
  size: 2048,
  sha256: `sha-${doc_id}`,
  storage_key: `tenant-1/sess-1/${doc_id}`,
});

describe('RequestCorrections', () => {
  for (const status of ['completed', 'processed', 'manual_review', 'approved', 'rejected'] as const) {
    it(`sends a ${status} session back to the end user`, () => {
      const { state } = spec
        .given(HISTORY_FOR[status]())
        .when(
          requestCorrections([NAME_CORRECTION, ID_CORRECTION], 'Name mismatch and blurry ID image'),
          asTenant,
        )
        .then([
          ev.correctionRequested(
            [NAME_CORRECTION, ID_CORRECTION],
            status,
            'Name mismatch and blurry ID image',
          ),
        ]);
      const session = live(state);
      expect(session.status).toBe('awaiting_client_correction');
      expect(session.final_decision).toBeNull();
      expect(session.current_step_index).toBe(0);
      expect(session.steps.map((step) => step.status)).toEqual([
        'needs_correction',
        'completed',
        'needs_correction',
        'completed',
        'pending',
      ]);
      expect(openCorrections(stepOf(state, 'id_document'))).toEqual([
        {
          ...ID_CORRECTION,
          status: 'open',
          requested_at: T0,
          requested_version: session.version,
          resolved_at: null,
        },
      ]);
    });
  }

  it('clears an approval in force (seed: corrections clear final_decision)', () => {
    const approved = spec.given(HISTORY_FOR.approved()).state;
    expect(live(approved).final_decision).toBe('approved');
    const { state } = spec
      .given(HISTORY_FOR.approved())
      .when(requestCorrections([NAME_CORRECTION]), asTenant)
      .thenSucceeds();
    expect(live(state).final_decision).toBeNull();
  });

  it('points current_step_index at the first step needing correction', () => {
    const { state } = spec
      .given(completedFlow())
      .when(requestCorrections([NAME_CORRECTION]), asTenant)
      .thenSucceeds();
    expect(live(state).current_step_index).toBe(2);
  });

  it('names each invalid item by its JSON path', () => {
    spec
      .given(completedFlow())
      .when(
        requestCorrections([
          correction('c1', 'personal_info', { field_ids: ['full_name', 'nickname'] }),
          correction('c2', 'step_nope'),
          correction('c3', 'selfie', { document_types: ['passport'], field_ids: ['full_name'] }),
          correction('c1', 'id_document', { document_types: ['id', 'proof_of_address'], message: '  ' }),
          correction('c5', 'personal_info', { document_types: ['id'] }),
        ]),
        asTenant,
      )
      .thenError('validation_failed', [
        { field: 'corrections[0].field_ids[1]', issue: 'step personal_info has no field "nickname"' },
        { field: 'corrections[1].step_id', issue: 'the workflow has no step "step_nope"' },
        { field: 'corrections[2].field_ids[0]', issue: 'step selfie has no field "full_name"' },
        { field: 'corrections[2].document_types[0]', issue: 'step selfie does not take passport documents' },
        { field: 'corrections[3].id', issue: 'duplicates correction c1' },
        { field: 'corrections[3].message', issue: 'must not be empty' },
        {
          field: 'corrections[3].document_types[1]',
          issue: 'step id_document does not take proof_of_address documents',
        },
        { field: 'corrections[4].document_types[0]', issue: 'step personal_info does not take id documents' },
      ]);
  });

  it('refuses an empty list and a correction id used before', () => {
    spec
      .given(completedFlow())
      .when(requestCorrections([]), asTenant)
      .thenError('validation_failed', [
        { field: 'corrections', issue: 'must contain at least one correction' },
      ]);
    spec
      .given([
        ...completedFlow(),
        ev.correctionRequested([NAME_CORRECTION], 'completed'),
        ev.stepCompleted('personal_info'),
        ev.correctionResolved('corr-name', 'personal_info'),
        ev.sessionCompleted(),
      ])
      .when(requestCorrections([NAME_CORRECTION]), asTenant)
      .thenError('validation_failed', [
        { field: 'corrections[0].id', issue: 'duplicates correction corr-name' },
      ]);
  });
});

describe('the end user answering corrections', () => {
  it('round trip: save and re-upload, each completion resolves its corrections, the last one completes the session', () => {
    let given = spec.given(awaitingCorrectionFlow());

    let outcome = given
      .when({ type: 'SaveForm', step_id: 'personal_info', values: { full_name: 'John A. Doe' } })
      .then([
        ev.stepStarted('personal_info'),
        ev.formSubmitted('personal_info', { full_name: 'John A. Doe', date_of_birth: '1990-01-15' }),
      ]);
    expect(stepOf(outcome.state, 'personal_info').status).toBe('in_progress');
    // Still the first step with an open correction.
    expect(live(outcome.state).current_step_index).toBe(0);
    let history: SessionEvent[] = [...awaitingCorrectionFlow(), ...outcome.events];

    given = spec.given(history);
    outcome = given
      .when({ type: 'CompleteStep', step_id: 'personal_info' })
      .then([ev.stepCompleted('personal_info'), ev.correctionResolved('corr-name', 'personal_info')]);
    expect(live(outcome.state).status).toBe('awaiting_client_correction');
    expect(stepOf(outcome.state, 'personal_info').corrections[0]).toMatchObject({
      status: 'resolved',
      resolved_at: T0,
    });
    history = [...history, ...outcome.events];

    outcome = spec
      .given(history)
      .when(upload('id_document', 'doc-id-2', 'id'))
      .then([ev.stepStarted('id_document'), ev.uploaded('id_document', 'doc-id-2', 'id')]);
    history = [...history, ...outcome.events];

    outcome = spec
      .given(history)
      .when({ type: 'CompleteStep', step_id: 'id_document' }, { now: '2024-11-23T09:00:00.000Z' })
      .then([
        ev.stepCompleted('id_document'),
        ev.correctionResolved('corr-id', 'id_document'),
        ev.sessionCompleted(),
      ]);
    expect(live(outcome.state)).toMatchObject({
      status: 'completed',
      completed_at: '2024-11-23T09:00:00.000Z',
      current_step_index: 4,
    });
    expect(live(outcome.state).steps.flatMap(openCorrections)).toEqual([]);
  });

  it('needs a new upload of each requested document type after the request', () => {
    spec
      .given(awaitingCorrectionFlow())
      .when({ type: 'CompleteStep', step_id: 'id_document' })
      .thenError('validation_failed', [
        { field: 'documents.id', issue: 'upload a new id document (correction corr-id)' },
      ]);
    spec
      .given([
        ...awaitingCorrectionFlow(),
        ev.stepStarted('id_document'),
        ev.uploaded('id_document', 'doc-p', 'passport'),
      ])
      .when({ type: 'CompleteStep', step_id: 'id_document' })
      .thenError('validation_failed', [
        { field: 'documents.id', issue: 'upload a new id document (correction corr-id)' },
      ]);
    spec
      .given([
        ...awaitingCorrectionFlow(),
        ev.stepStarted('id_document'),
        ev.uploaded('id_document', 'doc-new', 'id'),
        ev.documentRemoved('id_document', 'doc-new'),
      ])
      .when({ type: 'CompleteStep', step_id: 'id_document' })
      .thenError('validation_failed');
  });

  it('needs a save after the request for a correction naming fields (an earlier save does not count)', () => {
    spec
      .given(awaitingCorrectionFlow())
      .when({ type: 'CompleteStep', step_id: 'personal_info' })
      .thenError('validation_failed', [
        { field: 'values.full_name', issue: 'save a corrected value (correction corr-name)' },
      ]);
  });

  it('resolves a message-only correction by completing the step again', () => {
    const messageOnly = correction('corr-selfie', 'selfie', { message: 'Is this really you?' });
    spec
      .given([...completedFlow(), ev.correctionRequested([messageOnly], 'completed')])
      .when({ type: 'CompleteStep', step_id: 'selfie' })
      .then([
        ev.stepCompleted('selfie'),
        ev.correctionResolved('corr-selfie', 'selfie'),
        ev.sessionCompleted(),
      ]);
  });

  it('lets the end user remove the old document of a step under correction', () => {
    spec
      .given(awaitingCorrectionFlow())
      .when({ type: 'RemoveDocument', step_id: 'id_document', doc_id: 'doc-id-1' })
      .then([ev.stepStarted('id_document'), ev.documentRemoved('id_document', 'doc-id-1')]);
  });

  it('keeps every other step closed while corrections are pending', () => {
    const commands: SessionCommand[] = [
      upload('selfie', 'doc-s2', 'selfie'),
      { type: 'SaveForm', step_id: 'extra', values: { website: 'https://example.com' } },
      { type: 'CompleteStep', step_id: 'selfie' },
      { type: 'SkipStep', step_id: 'extra' },
      { type: 'RemoveDocument', step_id: 'selfie', doc_id: 'doc-selfie-1' },
    ];
    for (const command of commands) {
      spec.given(awaitingCorrectionFlow()).when(command).thenError('invalid_transition');
    }
  });

  it('does not let a step under correction be skipped', () => {
    spec
      .given([...completedFlow(), ev.correctionRequested([correction('corr-extra', 'extra')], 'completed')])
      .when({ type: 'SkipStep', step_id: 'extra' })
      .thenError('invalid_transition');
  });

  it('accepts a second round of corrections after the session is completed again', () => {
    const recompleted = [
      ...completedFlow(),
      ev.correctionRequested([NAME_CORRECTION], 'completed'),
      ev.stepStarted('personal_info'),
      ev.formSubmitted('personal_info', { full_name: 'John A. Doe', date_of_birth: '1990-01-15' }),
      ev.stepCompleted('personal_info'),
      ev.correctionResolved('corr-name', 'personal_info'),
      ev.sessionCompleted(),
    ];
    const second = correction('corr-name-2', 'personal_info', { field_ids: ['date_of_birth'] });
    const { state } = spec
      .given(recompleted)
      .when(requestCorrections([second]), asTenant)
      .then([ev.correctionRequested([second], 'completed')]);
    expect(stepOf(state, 'personal_info').corrections.map((item) => [item.id, item.status])).toEqual([
      ['corr-name', 'resolved'],
      ['corr-name-2', 'open'],
    ]);
  });
});
