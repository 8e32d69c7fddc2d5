import { complianceStatusOf, lastProcessingResults, type Session, type SessionStep } from '@kyc/session-domain';
import { presentProcessingResults, presentProcessingState } from '../processing/processing.presenter';
import { presentHit, presentValidationResults } from '../screening/validation.presenter';

export const accessLink = (publicBaseUrl: string, token: string) => `${publicBaseUrl}/public/sessions/${token}`;

function presentDocuments(step: SessionStep) {
  return step.documents.map((d) => ({
    doc_id: d.doc_id,
    type: d.document_type,
    file_name: d.file_name,
    mime_type: d.mime_type,
    size: d.size,
    uploaded_at: d.uploaded_at,
  }));
}

function presentCorrections(step: SessionStep) {
  return step.corrections.map((c) => ({
    id: c.id,
    step_id: c.step_id,
    ...(c.field_ids.length ? { field_ids: c.field_ids } : {}),
    ...(c.document_types.length ? { document_types: c.document_types } : {}),
    message: c.message,
    status: c.status,
    requested_at: c.requested_at,
    resolved_at: c.resolved_at,
  }));
}

/** One entry of `steps_data`: keys appear when they apply, as in the seed. */
export function presentStep(step: SessionStep, options: { onlyOpenCorrections?: boolean } = {}) {
  const corrections = presentCorrections(step).filter((c) => !options.onlyOpenCorrections || c.status === 'open');
  const type = step.definition.type;
  return {
    step_id: step.step_id,
    type,
    ...(step.definition.name ? { name: step.definition.name } : {}),
    optional: step.definition.optional,
    status: step.status,
    ...(step.started_at ? { started_at: step.started_at } : {}),
    ...(step.completed_at ? { completed_at: step.completed_at } : {}),
    ...(type === 'document' || type === 'selfie' ? { documents: presentDocuments(step) } : {}),
    ...(type === 'form' && step.form_saved_version > 0 ? { form_data: step.form_values } : {}),
    ...(corrections.length ? { correction_requests: corrections } : {}),
  };
}

/** `form_data` across every form step, keyed by field id, with the field's definition. */
function presentFormData(session: Session) {
  const entries: [string, unknown][] = [];
  for (const step of session.steps) {
    if (step.definition.type !== 'form') continue;
    for (const field of step.definition.fields) {
      if (!(field.field_id in step.form_values)) continue;
      entries.push([field.field_id, { field_id: field.field_id, name: field.name, type: field.type, value: step.form_values[field.field_id] }]);
    }
  }
  return Object.fromEntries(entries);
}

/** `GET /kyc/sessions/{id}` (and the create response): the seed's session details. */
export function presentSession(session: Session, publicBaseUrl: string) {
  return {
    session_id: session.session_id,
    tenant_id: session.tenant_id,
    workflow_id: session.workflow_id,
    workflow_version: session.workflow_version,
    workflow_name: session.workflow_name,
    status: session.status,
    compliance_status: complianceStatusOf(session.status),
    access_token: session.access_token,
    access_link: accessLink(publicBaseUrl, session.access_token),
    current_step_index: session.current_step_index,
    expires_at: session.expires_at,
    ttl_days: session.ttl_days,
    steps_data: session.steps.map((step) => presentStep(step)),
    form_data: presentFormData(session),
    metadata: session.metadata,
    custom_tags: session.custom_tags,
    customer_id: session.customer_id,
    priority: session.priority,
    assigned_to: session.assigned_to,
    final_decision: session.final_decision,
    notes: session.notes,
    // The latest screening run and the hits of ongoing monitoring, with the reviewers' dismissals.
    validation_results: session.screening.last_validation && presentValidationResults(session.screening.last_validation, session),
    monitoring_hits: session.screening.monitoring_hits.map((hit) => presentHit(hit, session)),
    // The last processing run that finished with results, and where processing stands now.
    processing_results: presentLastProcessing(session),
    processing: presentProcessingState(session),
    parent_session_id: session.parent?.session_id ?? null,
    subsessions: session.subsessions.map((s) => ({ subsession_id: s.subsession_id, step_id: s.step_id, label: s.label })),
    created_at: session.created_at,
    updated_at: session.updated_at,
    ...(session.completed_at ? { completed_at: session.completed_at } : {}),
  };
}

function presentLastProcessing(session: Session) {
  const results = lastProcessingResults(session.processing);
  return results && presentProcessingResults(results, session);
}
