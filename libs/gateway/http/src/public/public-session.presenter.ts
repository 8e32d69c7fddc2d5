import type { Session, SessionStep } from '@kyc/session-domain';

function presentPublicStep(step: SessionStep) {
  const d = step.definition;
  return {
    step_id: step.step_id,
    type: d.type,
    ...(d.name ? { name: d.name } : {}),
    optional: d.optional,
    status: step.status,
    ...(d.type === 'form' ? { fields: d.fields, values: step.form_values } : {}),
    ...(d.type === 'document' ? { document_types: d.document_types } : {}),
    ...(d.type === 'subsessions' ? { min: d.min, max: d.max } : {}),
    ...(d.type === 'document' || d.type === 'selfie'
      ? {
          documents: step.documents.map((doc) => ({
            doc_id: doc.doc_id,
            type: doc.document_type,
            file_name: doc.file_name,
            mime_type: doc.mime_type,
            size: doc.size,
            uploaded_at: doc.uploaded_at,
          })),
        }
      : {}),
    correction_requests: step.corrections
      .filter((c) => c.status === 'open')
      .map((c) => ({ id: c.id, field_ids: c.field_ids, document_types: c.document_types, message: c.message })),
  };
}

/** What the end user sees: their own data and the steps to do, nothing of the reviewer's side. */
export function presentPublicSession(session: Session) {
  return {
    session_id: session.session_id,
    status: session.status,
    workflow_name: session.workflow_name,
    current_step_index: session.current_step_index,
    expires_at: session.expires_at,
    steps: session.steps.map(presentPublicStep),
    open_corrections: session.steps.flatMap((s) =>
      s.corrections.filter((c) => c.status === 'open').map((c) => ({ id: c.id, step_id: c.step_id, message: c.message })),
    ),
    subsessions: session.subsessions.map((s) => ({ subsession_id: s.subsession_id, step_id: s.step_id, label: s.label })),
  };
}
