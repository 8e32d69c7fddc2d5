import type { SessionView } from '@kyc/read-model';

/** A row of `GET /kyc/sessions`, as the seed shows it. */
export function presentSessionRow(row: SessionView) {
  return {
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
    progress_percent: row.totalSteps === 0 ? 0 : Math.round((row.completedSteps / row.totalSteps) * 100),
    expires_at: Number(row.expiresAt),
    metadata: row.metadata,
    customer_id: row.customerId,
    priority: row.priority,
    assigned_to: row.assignedTo,
    risk_score: row.riskScore,
    risk_level: row.riskLevel,
    ...(row.parentSessionId ? { parent_session_id: row.parentSessionId, label: row.label } : {}),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    ...(row.completedAt ? { completed_at: row.completedAt.toISOString() } : {}),
  };
}
