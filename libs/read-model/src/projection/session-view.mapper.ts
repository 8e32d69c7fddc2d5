import { complianceStatusOf, lastProcessingResults, type Session } from '@kyc/session-domain';
import type { Prisma } from '../generated/prisma/client';

/** The list endpoint's row for a session, derived from the folded aggregate. */
export function toSessionViewRow(session: Session): Prisma.SessionViewCreateInput {
  const completed = session.steps.filter((s) => s.status === 'completed' || s.status === 'skipped').length;
  const processed = lastProcessingResults(session.processing);
  return {
    sessionId: session.session_id,
    tenantId: session.tenant_id,
    workflowId: session.workflow_id,
    workflowVersion: session.workflow_version,
    workflowName: session.workflow_name,
    status: session.status,
    complianceStatus: complianceStatusOf(session.status),
    currentStepIndex: session.current_step_index,
    completedSteps: completed,
    totalSteps: session.steps.length,
    expiresAt: BigInt(session.expires_at),
    metadata: session.metadata as Prisma.InputJsonObject,
    customerId: session.customer_id,
    priority: session.priority,
    assignedTo: session.assigned_to,
    riskScore: processed?.risk_score ?? null,
    riskLevel: processed?.risk_level ?? null,
    validationsRun: session.screening.validations_run,
    parentSessionId: session.parent?.session_id ?? null,
    parentStepId: session.parent?.step_id ?? null,
    label: session.parent?.label ?? null,
    accessToken: session.access_token,
    createdAt: new Date(session.created_at),
    updatedAt: new Date(session.updated_at),
    completedAt: session.completed_at ? new Date(session.completed_at) : null,
    streamVersion: session.version,
  };
}

/**
 * Inserts or replaces the rows in one statement (a batch of sessions costs one round trip); an update only
 * applies when it carries a newer stream version, so a slower writer holding older state can never move a
 * row backwards.
 */
export function upsertSessionViews(tx: Prisma.TransactionClient, rows: Prisma.SessionViewCreateInput[]) {
  const records = rows.map((row) => ({
    session_id: row.sessionId,
    tenant_id: row.tenantId,
    workflow_id: row.workflowId,
    workflow_version: row.workflowVersion,
    workflow_name: row.workflowName,
    status: row.status,
    compliance_status: row.complianceStatus,
    current_step_index: row.currentStepIndex,
    completed_steps: row.completedSteps,
    total_steps: row.totalSteps,
    // Unix seconds stay far below 2^53.
    expires_at: Number(row.expiresAt),
    metadata: row.metadata,
    customer_id: row.customerId,
    priority: row.priority,
    assigned_to: row.assignedTo,
    risk_score: row.riskScore,
    risk_level: row.riskLevel,
    validations_run: row.validationsRun,
    parent_session_id: row.parentSessionId,
    parent_step_id: row.parentStepId,
    label: row.label,
    access_token: row.accessToken,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    completed_at: row.completedAt,
    stream_version: row.streamVersion,
  }));
  return tx.$executeRaw`
    INSERT INTO session_views (
      session_id, tenant_id, workflow_id, workflow_version, workflow_name, status, compliance_status,
      current_step_index, completed_steps, total_steps, expires_at, metadata, customer_id, priority,
      assigned_to, risk_score, risk_level, validations_run, parent_session_id, parent_step_id, label,
      access_token, created_at, updated_at, completed_at, stream_version)
    SELECT
      session_id, tenant_id, workflow_id, workflow_version, workflow_name, status, compliance_status,
      current_step_index, completed_steps, total_steps, expires_at, metadata, customer_id, priority,
      assigned_to, risk_score, risk_level, validations_run, parent_session_id, parent_step_id, label,
      access_token, created_at, updated_at, completed_at, stream_version
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(
      session_id uuid, tenant_id uuid, workflow_id uuid, workflow_version int, workflow_name text, status text,
      compliance_status text, current_step_index int, completed_steps int, total_steps int, expires_at bigint,
      metadata jsonb, customer_id text, priority text, assigned_to text, risk_score double precision,
      risk_level text, validations_run text[], parent_session_id uuid, parent_step_id text, label text,
      access_token text, created_at timestamptz, updated_at timestamptz, completed_at timestamptz,
      stream_version int)
    ON CONFLICT (session_id) DO UPDATE SET
      status = EXCLUDED.status, compliance_status = EXCLUDED.compliance_status,
      current_step_index = EXCLUDED.current_step_index, completed_steps = EXCLUDED.completed_steps,
      expires_at = EXCLUDED.expires_at, metadata = EXCLUDED.metadata, customer_id = EXCLUDED.customer_id,
      priority = EXCLUDED.priority, assigned_to = EXCLUDED.assigned_to, risk_score = EXCLUDED.risk_score,
      risk_level = EXCLUDED.risk_level, validations_run = EXCLUDED.validations_run, label = EXCLUDED.label,
      access_token = EXCLUDED.access_token, updated_at = EXCLUDED.updated_at, completed_at = EXCLUDED.completed_at,
      stream_version = EXCLUDED.stream_version
    WHERE session_views.stream_version < EXCLUDED.stream_version`;
}
