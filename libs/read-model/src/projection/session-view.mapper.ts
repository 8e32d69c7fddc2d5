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
