import { complianceStatusOf, type Session } from '@kyc/session-domain';
import type { Prisma } from '../generated/prisma/client';

/** The list endpoint's row for a session, derived from the folded aggregate. */
export function toSessionViewRow(session: Session): Prisma.SessionViewCreateInput {
  const completed = session.steps.filter((s) => s.status === 'completed' || s.status === 'skipped').length;
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
    riskScore: null,
    riskLevel: null,
    validationsRun: [],
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
 * Inserts or replaces a row in one statement; an update only applies when it carries a newer stream
 * version, so a slower writer holding older state can never move a row backwards.
 */
export function upsertSessionView(tx: Prisma.TransactionClient, row: Prisma.SessionViewCreateInput) {
  return tx.$executeRaw`
    INSERT INTO session_views (
      session_id, tenant_id, workflow_id, workflow_version, workflow_name, status, compliance_status,
      current_step_index, completed_steps, total_steps, expires_at, metadata, customer_id, priority,
      assigned_to, risk_score, risk_level, validations_run, parent_session_id, parent_step_id, label,
      access_token, created_at, updated_at, completed_at, stream_version)
    VALUES (
      ${row.sessionId}::uuid, ${row.tenantId}::uuid, ${row.workflowId}::uuid, ${row.workflowVersion}, ${row.workflowName},
      ${row.status}, ${row.complianceStatus}, ${row.currentStepIndex}, ${row.completedSteps}, ${row.totalSteps},
      ${row.expiresAt}, ${JSON.stringify(row.metadata)}::jsonb, ${row.customerId}, ${row.priority}, ${row.assignedTo},
      ${row.riskScore}, ${row.riskLevel}, ${row.validationsRun as string[]}::text[], ${row.parentSessionId}::uuid,
      ${row.parentStepId}, ${row.label}, ${row.accessToken}, ${row.createdAt}::timestamptz, ${row.updatedAt}::timestamptz,
      ${row.completedAt}::timestamptz, ${row.streamVersion})
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
