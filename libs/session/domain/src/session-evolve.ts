import type { SessionEvent } from './session-events';
import { currentStepIndex } from './session-rules';
import { NO_PROCESSING, type ProcessingResults } from './session-processing';
import { NO_SCREENING, validationKindsOf, type SessionScreening } from './session-screening';
import type { FinalDecision, Session, SessionEventMeta, SessionState, SessionStep } from './session-state';
import type { SessionStatus } from './session-values';

/** Applies one event. Events come from the store, so an impossible one means a corrupt stream and throws. */
export function evolve(state: SessionState, event: SessionEvent, meta: SessionEventMeta): SessionState {
  if (event.type === 'SessionCreated') {
    if (state.exists) throw new Error(`SessionCreated applied to existing session ${state.session_id}`);
    return created(event.data, meta.occurred_at);
  }
  if (!state.exists) throw new Error(`${event.type} applied to a session stream without SessionCreated`);
  const next = apply(state, event, meta.occurred_at, state.version + 1);
  return {
    ...next,
    version: state.version + 1,
    updated_at: meta.occurred_at,
    current_step_index: currentStepIndex(next.status, next.steps),
  };
}

function created(data: Extract<SessionEvent, { type: 'SessionCreated' }>['data'], at: string): Session {
  const steps: SessionStep[] = data.steps.map((definition) => ({
    step_id: definition.step_id,
    definition,
    status: 'pending',
    started_at: null,
    completed_at: null,
    form_values: {},
    form_saved_version: 0,
    documents: [],
    corrections: [],
  }));
  return {
    exists: true,
    version: 1,
    session_id: data.session_id,
    tenant_id: data.tenant_id,
    workflow_id: data.workflow_id,
    workflow_version: data.workflow_version,
    workflow_name: data.workflow_name,
    auto_process: data.auto_process,
    parent: data.parent,
    status: data.status,
    status_before_expiry: null,
    steps,
    current_step_index: currentStepIndex(data.status, steps),
    ttl_days: data.ttl_days,
    expires_at: data.expires_at,
    access_token: data.access_token,
    metadata: data.metadata,
    custom_tags: data.custom_tags,
    customer_id: data.customer_id,
    priority: data.priority,
    assigned_to: data.assigned_to,
    subsessions: [],
    final_decision: null,
    notes: null,
    created_at: at,
    updated_at: at,
    completed_at: null,
    screening: NO_SCREENING,
    processing: NO_PROCESSING,
    deleted: false,
    deleted_at: null,
  };
}

function apply(
  session: Session,
  event: Exclude<SessionEvent, { type: 'SessionCreated' }>,
  at: string,
  version: number,
): Session {
  switch (event.type) {
    case 'SessionActivated':
      return { ...session, status: 'active' };
    case 'AccessLinkRegenerated':
      return { ...session, access_token: event.data.access_token, expires_at: event.data.expires_at };
    case 'StepStarted':
      return withStep(session, event.data.step_id, (step) => ({
        ...step,
        status: 'in_progress',
        started_at: step.started_at ?? at,
        completed_at: null,
      }));
    case 'FormSubmitted':
      return withStep(session, event.data.step_id, (step) => ({
        ...step,
        form_values: event.data.values,
        form_saved_version: version,
      }));
    case 'DocumentUploaded': {
      const { step_id, ...document } = event.data;
      return withStep(session, step_id, (step) => ({
        ...step,
        documents: [...step.documents, { ...document, uploaded_at: at, uploaded_version: version }],
      }));
    }
    case 'DocumentRemoved':
      return withStep(session, event.data.step_id, (step) => ({
        ...step,
        documents: step.documents.filter((document) => document.doc_id !== event.data.doc_id),
      }));
    case 'StepCompleted':
      return withStep(session, event.data.step_id, (step) => ({
        ...step,
        status: 'completed',
        started_at: step.started_at ?? at,
        completed_at: at,
      }));
    case 'StepSkipped':
      return withStep(session, event.data.step_id, (step) => ({
        ...step,
        status: 'skipped',
        completed_at: null,
      }));
    case 'SessionCompleted':
      return { ...session, status: 'completed', completed_at: at };
    case 'SessionExtended': {
      const { expires_at, restored_status } = event.data;
      return restored_status === null
        ? { ...session, expires_at }
        : { ...session, expires_at, status: restored_status, status_before_expiry: null };
    }
    case 'SessionExpired':
      return { ...session, status: 'expired', status_before_expiry: event.data.previous_status };
    case 'CorrectionRequested': {
      const { corrections } = event.data;
      const steps = session.steps.map((step) => {
        const requested = corrections.filter((correction) => correction.step_id === step.step_id);
        if (requested.length === 0) return step;
        return {
          ...step,
          status: 'needs_correction' as const,
          completed_at: null,
          corrections: [
            ...step.corrections,
            ...requested.map((item) => ({
              ...item,
              status: 'open' as const,
              requested_at: at,
              requested_version: version,
              resolved_at: null,
            })),
          ],
        };
      });
      return { ...session, steps, status: 'awaiting_client_correction', final_decision: null };
    }
    case 'CorrectionResolved':
      return withStep(session, event.data.step_id, (step) => ({
        ...step,
        corrections: step.corrections.map((correction) =>
          correction.id === event.data.correction_id
            ? { ...correction, status: 'resolved', resolved_at: at }
            : correction,
        ),
      }));
    case 'SubsessionCreated':
      return { ...session, subsessions: [...session.subsessions, { ...event.data, created_at: at }] };
    case 'SubsessionRemoved':
      return {
        ...session,
        subsessions: session.subsessions.filter((link) => link.subsession_id !== event.data.subsession_id),
      };
    case 'StatusChanged': {
      const { from, to, notes } = event.data;
      return {
        ...session,
        status: to,
        status_before_expiry: from === 'expired' ? null : session.status_before_expiry,
        final_decision: finalDecisionAfter(to, session.final_decision),
        notes: notes ?? session.notes,
      };
    }
    case 'ReviewUpdated': {
      const { assigned_to, priority, notes } = event.data;
      return {
        ...session,
        ...(assigned_to === undefined ? {} : { assigned_to }),
        ...(priority === undefined ? {} : { priority }),
        ...(notes === undefined ? {} : { notes }),
      };
    }
    case 'ValidationCompleted': {
      const { results } = event.data;
      const runs = new Set([...session.screening.validations_run, ...validationKindsOf(results)]);
      return {
        ...session,
        screening: {
          ...session.screening,
          last_validation: results,
          list_versions: event.data.list_versions,
          validation_ids: [...session.screening.validation_ids, event.data.validation_id],
          validations_run: [...runs],
        },
      };
    }
    case 'MatchDismissed': {
      const dismissed = { ...session.screening.dismissed, [event.data.match_id]: { reason: event.data.reason, dismissed_at: at } };
      return { ...session, screening: { ...session.screening, dismissed } };
    }
    case 'MonitoringHitDetected': {
      const known = new Set(session.screening.monitoring_hits.map((hit) => hit.match_id));
      const fresh = event.data.matches.filter((hit) => !known.has(hit.match_id));
      return {
        ...session,
        status: 'manual_review',
        final_decision: finalDecisionAfter('manual_review', session.final_decision),
        screening: { ...session.screening, monitoring_hits: [...session.screening.monitoring_hits, ...fresh] },
      };
    }
    case 'ProcessingRequested':
      return {
        ...session,
        status: 'processing',
        processing: { ...session.processing, runs: event.data.run, in_flight: event.data.run },
      };
    case 'ProcessingCompleted': {
      const { run, results } = event.data;
      return {
        ...session,
        status: 'processed',
        screening: withProcessingScreening(session.screening, results),
        processing: { runs: session.processing.runs, in_flight: null, last: { run, status: 'completed', results, finished_at: at } },
      };
    }
    case 'ProcessingFailed': {
      const { run, code, message } = event.data;
      return {
        ...session,
        status: 'manual_review',
        final_decision: finalDecisionAfter('manual_review', session.final_decision),
        processing: {
          runs: session.processing.runs,
          in_flight: null,
          last: { run, status: 'failed', failure: { code, message }, finished_at: at },
        },
      };
    }
    case 'SessionDeleted':
      return { ...session, deleted: true, deleted_at: at };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled session event ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * A processing run screens too: its external validations become the session's current screening (hits a
 * reviewer can dismiss), and the list summary counts the face match and web checks it ran.
 */
function withProcessingScreening(screening: SessionScreening, results: ProcessingResults): SessionScreening {
  const validation = { ...results.external_validations, validated_at: results.processed_at };
  const kinds = new Set([...screening.validations_run, ...validationKindsOf(validation)]);
  if (results.face_match_result) kinds.add('face_match');
  if (results.web_validation_results.length > 0) kinds.add('web');
  return { ...screening, last_validation: validation, validations_run: [...kinds] };
}

/**
 * approved/rejected put a decision in force; moving to manual_review (a reopening, or a reviewer taking a
 * processed session by hand) withdraws it. Operational moves (processing, reactivation) leave it alone.
 */
function finalDecisionAfter(to: SessionStatus, current: FinalDecision | null): FinalDecision | null {
  if (to === 'approved' || to === 'rejected') return to;
  if (to === 'manual_review') return null;
  return current;
}

function withStep(session: Session, stepId: string, change: (step: SessionStep) => SessionStep): Session {
  if (!session.steps.some((step) => step.step_id === stepId)) {
    throw new Error(`event names step ${stepId}, which session ${session.session_id} does not have`);
  }
  return { ...session, steps: session.steps.map((step) => (step.step_id === stepId ? change(step) : step)) };
}
