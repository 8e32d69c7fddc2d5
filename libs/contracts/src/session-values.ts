/**
 * The value sets the public events use. Contracts stand alone (no import of the session or workflow domain),
 * so these mirror them; a change there is a change of the public contract and must be made here on purpose
 * (apps/all-in-one/src/contract-values.spec.ts fails until it is).
 */
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

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const DOCUMENT_TYPES = [
  'id',
  'passport',
  'driver_license',
  'proof_of_address',
  'company_registry',
  'selfie',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const AUTOMATIC_DECISIONS = ['approved', 'flagged', 'manual_review', 'rejected'] as const;
export type AutomaticDecision = (typeof AUTOMATIC_DECISIONS)[number];
