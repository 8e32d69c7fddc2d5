import type { ComplianceStatus, SessionStatus } from './session-values';

const COMPLIANCE_BY_STATUS: Record<SessionStatus, ComplianceStatus> = {
  draft: 'incomplete',
  expired: 'incomplete',
  active: 'pending',
  processing: 'pending',
  manual_review: 'manual_review',
  approved: 'approved',
  rejected: 'rejected',
  awaiting_client_correction: 'remediation',
  completed: 'completed',
  processed: 'completed',
};

/** The seed's canonical compliance status (reviewer inbox) of a technical session status. */
export function complianceStatusOf(status: SessionStatus): ComplianceStatus {
  return COMPLIANCE_BY_STATUS[status];
}
