export const SESSION_STATUSES = [
  'draft',
  'active',
  'completed',
  'processing',
  'processed',
  'expired',
  'approved',
  'rejected',
  'manual_review',
  'awaiting_client_correction',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const STEP_STATUSES = ['pending', 'in_progress', 'completed', 'skipped', 'needs_correction'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const COMPLIANCE_STATUSES = [
  'incomplete',
  'pending',
  'manual_review',
  'approved',
  'rejected',
  'remediation',
  'completed',
] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** Who caused an event: a tenant's API key, the end user holding the access token, or the platform itself. */
export interface Actor {
  type: 'api_key' | 'end_user' | 'system';
  id: string;
}
