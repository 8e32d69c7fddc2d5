import type { SessionView } from '@kyc/read-model';
import type { Session } from '@kyc/session-domain';
import { accessLink } from '../sessions/session.presenter';

export function presentCreatedSubsession(child: Session, publicBaseUrl: string) {
  return {
    subsession_id: child.session_id,
    parent_session_id: child.parent?.session_id ?? null,
    step_id: child.parent?.step_id ?? null,
    access_token: child.access_token,
    access_link: accessLink(publicBaseUrl, child.access_token),
    workflow_id: child.workflow_id,
    status: child.status,
    label: child.parent?.label ?? null,
    expires_at: child.expires_at,
    created_at: child.created_at,
  };
}

export function presentSubsessionList(rows: SessionView[], publicBaseUrl: string) {
  const finished = new Set(['completed', 'processing', 'processed', 'approved', 'rejected', 'manual_review']);
  const subsessions = rows.map((row) => ({
    subsession_id: row.sessionId,
    step_id: row.parentStepId,
    access_token: row.accessToken,
    access_link: accessLink(publicBaseUrl, row.accessToken),
    status: row.status,
    workflow_id: row.workflowId,
    label: row.label,
    created_at: row.createdAt.toISOString(),
    expires_at: Number(row.expiresAt),
    ...(row.completedAt ? { completed_at: row.completedAt.toISOString() } : {}),
  }));
  const completed = rows.filter((r) => finished.has(r.status)).length;
  return { subsessions, total: rows.length, completed, pending: rows.length - completed };
}
