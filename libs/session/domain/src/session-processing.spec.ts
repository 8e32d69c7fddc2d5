import { deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import { sessionDecider } from './session-decider';
import type { AutomaticDecision } from './session-processing';
import type { Session, SessionState } from './session-state';
import { END_USER, PROCESSING_RESULTS, T0, completedFlow, contextAt, ev } from './session.fixtures';

const spec = deciderSpec(sessionDecider, { now: T0, context: contextAt });

function live(state: SessionState): Session {
  if (!state.exists) throw new Error('expected a session');
  return state;
}

const inFlight = () => [...completedFlow(), ev.processingRequested(1, 'completed')];

describe('RequestProcessing', () => {
  it('starts run 1 of a completed session', () => {
    const { state } = spec
      .given(completedFlow())
      .when({ type: 'RequestProcessing' })
      .then([ev.processingRequested(1, 'completed')]);
    expect(live(state)).toMatchObject({ status: 'processing', processing: { runs: 1, in_flight: 1, last: null } });
  });

  it('joins the run in flight instead of starting another', () => {
    spec.given(inFlight()).when({ type: 'RequestProcessing' }).then([]);
  });

  it('re-runs a processed session, and one a failure sent to review, as the next run', () => {
    spec
      .given([...inFlight(), ev.processingCompleted(1)])
      .when({ type: 'RequestProcessing' })
      .then([ev.processingRequested(2, 'processed')]);
    spec
      .given([...inFlight(), ev.processingFailed(1)])
      .when({ type: 'RequestProcessing' })
      .then([ev.processingRequested(2, 'manual_review')]);
  });

  it('refuses a session the customer has not completed, and one a reviewer decided', () => {
    spec.given([ev.created()]).when({ type: 'RequestProcessing' }).thenError('invalid_transition');
    spec
      .given([...completedFlow(), ev.statusChanged('completed', 'approved')])
      .when({ type: 'RequestProcessing' })
      .thenError('invalid_transition');
  });
});

describe('automatic processing (auto_process)', () => {
  it('requests run 1 in the same append that completes the flow', () => {
    const flow = completedFlow();
    const created = ev.created({ auto_process: true });
    const beforeLastStep = [created, ...flow.slice(1, -2)];
    const { events, state } = spec
      .given(beforeLastStep)
      .when({ type: 'CompleteStep', step_id: 'step_ubos' }, { context: { actor: END_USER } })
      .thenSucceeds();
    expect(events.map((event) => event.type)).toEqual(['StepCompleted', 'SessionCompleted', 'ProcessingRequested']);
    expect(events[2]).toEqual(ev.processingRequested(1, 'completed'));
    expect(live(state).status).toBe('processing');
  });

  it('does not start processing for a workflow without auto_process', () => {
    const flow = completedFlow();
    const { events } = spec
      .given(flow.slice(0, -2))
      .when({ type: 'CompleteStep', step_id: 'step_ubos' }, { context: { actor: END_USER } })
      .thenSucceeds();
    expect(events.map((event) => event.type)).toEqual(['StepCompleted', 'SessionCompleted']);
  });
});

describe('RecordProcessingResult', () => {
  it('records the results of the run in flight: processed, with its screening and risk', () => {
    const { state } = spec
      .given(inFlight())
      .when({ type: 'RecordProcessingResult', run: 1, results: PROCESSING_RESULTS, auto_decision: false })
      .then([ev.processingCompleted(1)]);
    const session = live(state);
    expect(session.status).toBe('processed');
    expect(session.final_decision).toBeNull();
    expect(session.processing).toEqual({
      runs: 1,
      in_flight: null,
      last: { run: 1, status: 'completed', results: PROCESSING_RESULTS, finished_at: T0 },
    });
    expect(session.screening.last_validation).toEqual({
      ...PROCESSING_RESULTS.external_validations,
      validated_at: PROCESSING_RESULTS.processed_at,
    });
    expect(session.screening.validations_run.sort()).toEqual(['adverse_media', 'face_match', 'lists']);
  });

  const AUTOMATIC: [AutomaticDecision, string][] = [
    ['approved', 'approved'],
    ['rejected', 'rejected'],
    ['manual_review', 'manual_review'],
    ['flagged', 'manual_review'],
  ];
  for (const [decision, status] of AUTOMATIC) {
    it(`with auto_decision moves a ${decision} session to ${status}`, () => {
      const results = { ...PROCESSING_RESULTS, final_decision: decision };
      const { state } = spec
        .given(inFlight())
        .when({ type: 'RecordProcessingResult', run: 1, results, auto_decision: true })
        .then([
          ev.processingCompleted(1, results),
          { type: 'StatusChanged', data: { from: 'processed', to: status as Session['status'], notes: null } },
        ]);
      expect(live(state).status).toBe(status);
    });
  }

  it('records nothing for a run that is not in flight (redelivered, or superseded by a later run)', () => {
    const command = { type: 'RecordProcessingResult', run: 1, results: PROCESSING_RESULTS, auto_decision: true } as const;
    spec.given([...inFlight(), ev.processingCompleted(1)]).when(command).then([]);
    spec
      .given([...inFlight(), ev.processingFailed(1), ev.processingRequested(2, 'manual_review')])
      .when(command)
      .then([]);
    spec.given(completedFlow()).when(command).then([]);
  });
});

describe('RecordProcessingFailure', () => {
  it('sends the session to manual review with the reason, and it can be processed again', () => {
    const { state } = spec
      .given(inFlight())
      .when({ type: 'RecordProcessingFailure', run: 1, code: 'analysis_timeout', message: 'document analysis took longer than 60 s' })
      .then([ev.processingFailed(1)]);
    expect(live(state)).toMatchObject({
      status: 'manual_review',
      processing: { runs: 1, in_flight: null, last: { run: 1, status: 'failed', failure: { code: 'analysis_timeout' } } },
    });
    spec
      .given([...inFlight(), ev.processingFailed(1)])
      .when({ type: 'RequestProcessing' })
      .then([ev.processingRequested(2, 'manual_review')]);
  });

  it('keeps the failure message short and refuses a code that is not a reason code', () => {
    const { events } = spec
      .given(inFlight())
      .when({ type: 'RecordProcessingFailure', run: 1, code: 'engine_crashed', message: 'x'.repeat(5_000) })
      .thenSucceeds();
    expect(events[0]).toMatchObject({ data: { message: 'x'.repeat(500) } });
    spec
      .given(inFlight())
      .when({ type: 'RecordProcessingFailure', run: 1, code: 'Engine Crashed!', message: 'boom' })
      .thenError('validation_failed');
  });

  it('records nothing for a run that is not in flight', () => {
    spec
      .given([...inFlight(), ev.processingCompleted(1)])
      .when({ type: 'RecordProcessingFailure', run: 1, code: 'analysis_timeout', message: 'late' })
      .then([]);
  });
});
