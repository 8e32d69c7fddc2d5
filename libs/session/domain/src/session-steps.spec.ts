import { deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import type { CommandContext, SessionCommand } from './session-commands';
import { sessionDecider } from './session-decider';
import type { SessionEvent } from './session-events';
import { END_USER, SAMPLE_COMMANDS, T0, VALID_PERSONAL_INFO, contextAt, ev } from './session.fixtures';
import { initialState, type Session, type SessionState } from './session-state';

const endUserAt = (now: string): CommandContext => ({ now, actor: END_USER });
const spec = deciderSpec(sessionDecider, { now: T0, context: endUserAt });

function live(state: SessionState): Session {
  if (!state.exists) throw new Error('expected a session');
  return state;
}
const stepStatus = (state: SessionState, stepId: string) =>
  live(state).steps.find((step) => step.step_id === stepId)?.status;

const save = (values: Record<string, unknown>, step_id = 'personal_info'): SessionCommand => ({
  type: 'SaveForm',
  step_id,
  values,
});
const upload = (
  step_id: string,
  doc_id: string,
  document_type: 'id' | 'passport' | 'selfie' | 'other',
  size = 2048,
): SessionCommand => ({
  type: 'UploadDocument',
  step_id,
  doc_id,
  document_type,
  file_name: `${doc_id}.jpg`,
  mime_type: 'image/jpeg',
  size,
  sha256: `sha-${doc_id}`,
  storage_key: `tenant-1/sess-1/${doc_id}`,
});
const complete = (step_id: string): SessionCommand => ({ type: 'CompleteStep', step_id });
const skip = (step_id: string): SessionCommand => ({ type: 'SkipStep', step_id });

/** Everything required is done except the subsessions step, which has its one subsession. */
const allButUbos = (): SessionEvent[] => [
  ev.created(),
  ev.stepStarted('id_document'),
  ev.uploaded('id_document', 'doc-id-1', 'id'),
  ev.stepCompleted('id_document'),
  ev.stepStarted('selfie'),
  ev.uploaded('selfie', 'doc-selfie-1', 'selfie'),
  ev.stepCompleted('selfie'),
  ev.stepStarted('personal_info'),
  ev.formSubmitted('personal_info', VALID_PERSONAL_INFO),
  ev.stepCompleted('personal_info'),
  ev.stepStarted('step_ubos'),
  ev.subsessionCreated('sub-1'),
];

describe('SaveForm', () => {
  it('starts a pending step, then records the complete normalised values', () => {
    const { state } = spec
      .given([ev.created()])
      .when(save({ full_name: '  John   Doe ', email: 'John@Example.COM', date_of_birth: '1990-01-15' }))
      .then([
        ev.stepStarted('personal_info'),
        ev.formSubmitted('personal_info', {
          full_name: 'John Doe',
          email: 'John@example.com',
          date_of_birth: '1990-01-15',
        }),
      ]);
    expect(stepStatus(state, 'personal_info')).toBe('in_progress');
    expect(live(state).steps[2]?.started_at).toBe(T0);
  });

  it('merges a later save into the earlier values (the event holds the full set)', () => {
    spec
      .given([
        ev.created(),
        ev.stepStarted('personal_info'),
        ev.formSubmitted('personal_info', { full_name: 'John Doe' }),
      ])
      .when(save({ date_of_birth: '1990-01-15' }))
      .then([ev.formSubmitted('personal_info', { full_name: 'John Doe', date_of_birth: '1990-01-15' })]);
  });

  it('clears a value saved as null', () => {
    spec
      .given([
        ev.created(),
        ev.stepStarted('personal_info'),
        ev.formSubmitted('personal_info', { full_name: 'John Doe', email: 'a@b.co' }),
      ])
      .when(save({ email: null }))
      .then([ev.formSubmitted('personal_info', { full_name: 'John Doe' })]);
  });

  it('reports every unknown field and bad value at once, by JSON path', () => {
    spec
      .given([ev.created()])
      .when(
        save({
          nickname: 'Johnny',
          date_of_birth: '1990-02-30',
          email: 'not-an-email',
          full_name: 'John Doe',
        }),
      )
      .thenError('validation_failed', [
        { field: 'values.nickname', issue: 'the form has no field "nickname"' },
        { field: 'values.date_of_birth', issue: 'must be a real calendar date in the form YYYY-MM-DD' },
        { field: 'values.email', issue: 'must be an email address' },
      ]);
  });

  it('refuses an unknown step and a step that is not a form', () => {
    spec
      .given([ev.created()])
      .when(save({ full_name: 'John Doe' }, 'nope'))
      .thenError('validation_failed', [{ field: 'step_id', issue: 'the workflow has no step "nope"' }]);
    spec
      .given([ev.created()])
      .when(save({ full_name: 'John Doe' }, 'id_document'))
      .thenError('validation_failed', [
        { field: 'step_id', issue: 'step id_document is a document step, not a form' },
      ]);
  });

  it('reopens a completed step while the session is active', () => {
    const history = [
      ev.created(),
      ev.stepStarted('personal_info'),
      ev.formSubmitted('personal_info', VALID_PERSONAL_INFO),
      ev.stepCompleted('personal_info'),
    ];
    const { state } = spec
      .given(history)
      .when(save({ full_name: 'Jane Roe' }))
      .then([
        ev.stepStarted('personal_info'),
        ev.formSubmitted('personal_info', { ...VALID_PERSONAL_INFO, full_name: 'Jane Roe' }),
      ]);
    expect(stepStatus(state, 'personal_info')).toBe('in_progress');
    expect(live(state).steps[2]?.completed_at).toBeNull();
    expect(live(state).status).toBe('active');
  });

  it('reopens a skipped optional step', () => {
    const { state } = spec
      .given([ev.created(), ev.stepSkipped('extra')])
      .when(save({ website: 'https://example.com' }, 'extra'))
      .then([ev.stepStarted('extra'), ev.formSubmitted('extra', { website: 'https://example.com' })]);
    expect(stepStatus(state, 'extra')).toBe('in_progress');
  });
});

describe('UploadDocument', () => {
  it('starts a pending document step and records the document', () => {
    const { state } = spec
      .given([ev.created()])
      .when(upload('id_document', 'doc-1', 'id'))
      .then([ev.stepStarted('id_document'), ev.uploaded('id_document', 'doc-1', 'id')]);
    expect(live(state).steps[0]?.documents).toEqual([
      expect.objectContaining({
        doc_id: 'doc-1',
        document_type: 'id',
        file_name: 'doc-1.jpg',
        uploaded_at: T0,
      }),
    ]);
  });

  it('adds further documents to a step in progress', () => {
    spec
      .given([ev.created(), ev.stepStarted('id_document'), ev.uploaded('id_document', 'doc-1', 'id')])
      .when(upload('id_document', 'doc-2', 'passport'))
      .then([ev.uploaded('id_document', 'doc-2', 'passport')]);
  });

  it("accepts only the step's document types", () => {
    spec
      .given([ev.created()])
      .when(upload('id_document', 'doc-1', 'other'))
      .thenError('validation_failed', [{ field: 'document_type', issue: 'must be one of: id, passport' }]);
    spec
      .given([ev.created()])
      .when(upload('selfie', 'doc-1', 'id'))
      .thenError('validation_failed', [{ field: 'document_type', issue: 'must be one of: selfie' }]);
  });

  it('refuses uploads to form and subsessions steps', () => {
    for (const step of ['personal_info', 'step_ubos']) {
      spec
        .given([ev.created()])
        .when(upload(step, 'doc-1', 'other'))
        .thenError('validation_failed');
    }
  });

  it('replaces the selfie instead of keeping two', () => {
    const { state } = spec
      .given([ev.created(), ev.stepStarted('selfie'), ev.uploaded('selfie', 'selfie-1', 'selfie')])
      .when(upload('selfie', 'selfie-2', 'selfie'))
      .then([ev.documentRemoved('selfie', 'selfie-1'), ev.uploaded('selfie', 'selfie-2', 'selfie')]);
    expect(live(state).steps[1]?.documents.map((document) => document.doc_id)).toEqual(['selfie-2']);
  });

  it('refuses a doc_id that exists in any step, and an empty file', () => {
    spec
      .given([ev.created(), ev.stepStarted('id_document'), ev.uploaded('id_document', 'doc-1', 'id')])
      .when(upload('selfie', 'doc-1', 'selfie'))
      .thenError('already_exists');
    spec
      .given([ev.created()])
      .when(upload('id_document', 'doc-1', 'id', 0))
      .thenError('validation_failed', [{ field: 'size', issue: 'must be a positive number of bytes' }]);
  });

  it('reopens a completed document step', () => {
    spec
      .given([
        ev.created(),
        ev.stepStarted('id_document'),
        ev.uploaded('id_document', 'doc-1', 'id'),
        ev.stepCompleted('id_document'),
      ])
      .when(upload('id_document', 'doc-2', 'passport'))
      .then([ev.stepStarted('id_document'), ev.uploaded('id_document', 'doc-2', 'passport')]);
  });
});

describe('RemoveDocument', () => {
  const withDocument = [
    ev.created(),
    ev.stepStarted('id_document'),
    ev.uploaded('id_document', 'doc-1', 'id'),
  ];

  it('removes a document of the step', () => {
    const { state } = spec
      .given(withDocument)
      .when({ type: 'RemoveDocument', step_id: 'id_document', doc_id: 'doc-1' })
      .then([ev.documentRemoved('id_document', 'doc-1')]);
    expect(live(state).steps[0]?.documents).toEqual([]);
  });

  it('answers not_found for an unknown document or one of another step', () => {
    spec
      .given(withDocument)
      .when({ type: 'RemoveDocument', step_id: 'id_document', doc_id: 'doc-x' })
      .thenError('not_found');
    spec
      .given(withDocument)
      .when({ type: 'RemoveDocument', step_id: 'selfie', doc_id: 'doc-1' })
      .thenError('not_found');
  });

  it('reopens a completed step', () => {
    spec
      .given([...withDocument, ev.stepCompleted('id_document')])
      .when({ type: 'RemoveDocument', step_id: 'id_document', doc_id: 'doc-1' })
      .then([ev.stepStarted('id_document'), ev.documentRemoved('id_document', 'doc-1')]);
  });
});

describe('CompleteStep', () => {
  it('lists the missing required fields of a form', () => {
    spec
      .given([
        ev.created(),
        ev.stepStarted('personal_info'),
        ev.formSubmitted('personal_info', { email: 'a@b.co' }),
      ])
      .when(complete('personal_info'))
      .thenError('validation_failed', [
        { field: 'values.full_name', issue: 'is required' },
        { field: 'values.date_of_birth', issue: 'is required' },
      ]);
  });

  it('completes a form whose required fields are present (optional ones may be absent)', () => {
    const { state } = spec
      .given([
        ev.created(),
        ev.stepStarted('personal_info'),
        ev.formSubmitted('personal_info', VALID_PERSONAL_INFO),
      ])
      .when(complete('personal_info'))
      .then([ev.stepCompleted('personal_info')]);
    expect(stepStatus(state, 'personal_info')).toBe('completed');
  });

  it('needs a document on a document step and a selfie on a selfie step', () => {
    spec
      .given([ev.created()])
      .when(complete('id_document'))
      .thenError('validation_failed', [{ field: 'documents', issue: 'upload at least one document' }]);
    spec
      .given([
        ev.created(),
        ev.stepStarted('id_document'),
        ev.uploaded('id_document', 'd', 'id'),
        ev.documentRemoved('id_document', 'd'),
      ])
      .when(complete('id_document'))
      .thenError('validation_failed');
    spec
      .given([ev.created()])
      .when(complete('selfie'))
      .thenError('validation_failed', [{ field: 'documents', issue: 'upload a selfie' }]);
    spec
      .given([ev.created(), ev.stepStarted('selfie'), ev.uploaded('selfie', 's', 'selfie')])
      .when(complete('selfie'))
      .then([ev.stepCompleted('selfie')]);
  });

  it('needs min subsessions on a subsessions step', () => {
    spec
      .given([ev.created()])
      .when(complete('step_ubos'))
      .thenError('validation_failed', [{ field: 'subsessions', issue: 'add at least 1 (0 so far)' }]);
  });

  it('completes a pending step directly when nothing is missing, starting it at the same time', () => {
    const { state } = spec
      .given([ev.created(), ev.subsessionCreated('sub-1')])
      .when(complete('step_ubos'), { now: '2024-11-22T11:00:00.000Z' })
      .then([ev.stepCompleted('step_ubos')]);
    expect(live(state).steps[3]).toMatchObject({
      status: 'completed',
      started_at: '2024-11-22T11:00:00.000Z',
      completed_at: '2024-11-22T11:00:00.000Z',
    });
  });

  it('refuses a step that is already completed', () => {
    spec
      .given([ev.created(), ev.subsessionCreated('sub-1'), ev.stepCompleted('step_ubos')])
      .when(complete('step_ubos'))
      .thenError('invalid_transition');
  });

  it('completes the session with the last required step (optional pending steps do not matter)', () => {
    const { state } = spec
      .given(allButUbos())
      .when(complete('step_ubos'), { now: '2024-11-22T12:00:00.000Z' })
      .then([ev.stepCompleted('step_ubos'), ev.sessionCompleted()]);
    expect(live(state)).toMatchObject({
      status: 'completed',
      completed_at: '2024-11-22T12:00:00.000Z',
      current_step_index: 4,
    });
  });

  it('does not complete the session while a required step is left, whatever the order', () => {
    const { state } = spec
      .given([
        ev.created(),
        ev.stepStarted('personal_info'),
        ev.formSubmitted('personal_info', VALID_PERSONAL_INFO),
      ])
      .when(complete('personal_info'))
      .then([ev.stepCompleted('personal_info')]);
    expect(live(state)).toMatchObject({ status: 'active', current_step_index: 0 });
  });

  it('waits for an optional step the end user started, then completes with it', () => {
    const startedExtra = [
      ...allButUbos(),
      ev.stepStarted('extra'),
      ev.formSubmitted('extra', { website: 'https://example.com' }),
    ];
    spec
      .given(startedExtra)
      .when(complete('step_ubos'))
      .then([ev.stepCompleted('step_ubos')]);
    spec
      .given([...startedExtra, ev.stepCompleted('step_ubos')])
      .when(complete('extra'))
      .then([ev.stepCompleted('extra'), ev.sessionCompleted()]);
    spec
      .given([...startedExtra, ev.stepCompleted('step_ubos')])
      .when(skip('extra'))
      .then([ev.stepSkipped('extra'), ev.sessionCompleted()]);
  });
});

describe('SkipStep', () => {
  it('skips an optional pending or started step', () => {
    const { state } = spec
      .given([ev.created()])
      .when(skip('extra'))
      .then([ev.stepSkipped('extra')]);
    expect(stepStatus(state, 'extra')).toBe('skipped');
    spec
      .given([ev.created(), ev.stepStarted('extra')])
      .when(skip('extra'))
      .then([ev.stepSkipped('extra')]);
  });

  it('refuses required steps', () => {
    for (const step of ['id_document', 'selfie', 'personal_info', 'step_ubos']) {
      const error = spec.given([ev.created()]).when(skip(step)).thenError('invalid_transition');
      expect(error.message).toMatch(/required/);
    }
  });

  it('refuses a step already skipped or completed', () => {
    spec
      .given([ev.created(), ev.stepSkipped('extra')])
      .when(skip('extra'))
      .thenError('invalid_transition');
    spec
      .given([ev.created(), ev.stepCompleted('extra')])
      .when(skip('extra'))
      .thenError('invalid_transition');
  });

  it('refuses an unknown step', () => {
    spec.given([ev.created()]).when(skip('nope')).thenError('validation_failed');
  });
});

describe('current_step_index', () => {
  it('points at the first step neither completed nor skipped, and at steps.length when none is left', () => {
    const indexAfter = (events: SessionEvent[]) => live(spec.given(events).state).current_step_index;
    expect(indexAfter([ev.created()])).toBe(0);
    expect(indexAfter([ev.created(), ev.stepCompleted('id_document')])).toBe(1);
    expect(indexAfter([ev.created(), ev.stepCompleted('id_document'), ev.stepCompleted('selfie')])).toBe(2);
    expect(indexAfter([ev.created(), ev.stepCompleted('selfie')])).toBe(0);
    expect(indexAfter([...allButUbos(), ev.stepCompleted('step_ubos'), ev.stepSkipped('extra')])).toBe(5);
  });
});

describe('a whole flow through decide and evolve', () => {
  it('takes a session from creation to completed with a coherent event stream', () => {
    let state: SessionState = initialState;
    const recorded: SessionEvent[] = [];
    const run = (command: SessionCommand, context: CommandContext) => {
      const events = sessionDecider.decide(command, state, context);
      for (const event of events) state = sessionDecider.evolve(state, event, { occurred_at: context.now });
      recorded.push(...events);
    };
    run(SAMPLE_COMMANDS.CreateSession, contextAt('2024-11-22T10:30:00.000Z'));
    run(upload('id_document', 'doc-1', 'passport'), endUserAt('2024-11-22T10:31:00.000Z'));
    run(complete('id_document'), endUserAt('2024-11-22T10:32:00.000Z'));
    run(upload('selfie', 'doc-2', 'selfie'), endUserAt('2024-11-22T10:33:00.000Z'));
    run(complete('selfie'), endUserAt('2024-11-22T10:34:00.000Z'));
    run(save(VALID_PERSONAL_INFO), endUserAt('2024-11-22T10:35:00.000Z'));
    run(complete('personal_info'), endUserAt('2024-11-22T10:36:00.000Z'));
    run(
      {
        type: 'AddSubsession',
        subsession_id: 'sub-1',
        step_id: 'step_ubos',
        label: 'Juan Garcia - UBO',
        workflow_id: 'wf-ubo',
      },
      endUserAt('2024-11-22T10:37:00.000Z'),
    );
    run(skip('extra'), endUserAt('2024-11-22T10:38:00.000Z'));
    run(complete('step_ubos'), endUserAt('2024-11-22T10:39:00.000Z'));

    expect(recorded.map((event) => event.type)).toEqual([
      'SessionCreated',
      'StepStarted',
      'DocumentUploaded',
      'StepCompleted',
      'StepStarted',
      'DocumentUploaded',
      'StepCompleted',
      'StepStarted',
      'FormSubmitted',
      'StepCompleted',
      'StepStarted',
      'SubsessionCreated',
      'StepSkipped',
      'StepCompleted',
      'SessionCompleted',
    ]);
    expect(live(state)).toMatchObject({
      status: 'completed',
      current_step_index: 5,
      version: recorded.length,
      completed_at: '2024-11-22T10:39:00.000Z',
      updated_at: '2024-11-22T10:39:00.000Z',
    });
    expect(live(state).steps.map((step) => step.status)).toEqual([
      'completed',
      'completed',
      'completed',
      'completed',
      'skipped',
    ]);
  });
});
