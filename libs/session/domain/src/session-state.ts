import type { DocumentType, StepDefinition } from '@kyc/workflow-domain';
import type { CorrectionItem } from './session-events';
import type { SessionProcessing } from './session-processing';
import type { SessionScreening } from './session-screening';
import type { Priority, SessionStatus, StepStatus } from './session-values';

/** A terminal reviewer decision currently in force; cleared by corrections and by reopening. */
export type FinalDecision = 'approved' | 'rejected';

export interface SessionDocument {
  doc_id: string;
  document_type: DocumentType;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_at: string;
  /** Session version of the upload: tells whether it came after a correction request. */
  uploaded_version: number;
}

export type CorrectionStatus = 'open' | 'resolved';

export interface CorrectionRequest extends CorrectionItem {
  status: CorrectionStatus;
  requested_at: string;
  /** Session version of the request. */
  requested_version: number;
  resolved_at: string | null;
}

export interface SessionStep {
  step_id: string;
  /** The pinned workflow version's definition of this step. */
  definition: StepDefinition;
  status: StepStatus;
  started_at: string | null;
  completed_at: string | null;
  form_values: Record<string, unknown>;
  /** Session version of the last form save; 0 when never saved. */
  form_saved_version: number;
  documents: SessionDocument[];
  /** Every correction requested for this step, open and resolved, oldest first. */
  corrections: CorrectionRequest[];
}

export interface SubsessionLink {
  subsession_id: string;
  step_id: string;
  label: string;
  workflow_id: string;
  created_at: string;
}

export interface ParentLink {
  session_id: string;
  step_id: string;
  label: string;
}

export interface Session {
  exists: true;
  /** Number of events folded: the stream version. */
  version: number;
  session_id: string;
  tenant_id: string;
  workflow_id: string;
  workflow_version: number;
  workflow_name: string;
  auto_process: boolean;
  parent: ParentLink | null;
  status: SessionStatus;
  /** The status an expired session returns to when extended or reactivated. */
  status_before_expiry: SessionStatus | null;
  steps: SessionStep[];
  current_step_index: number;
  ttl_days: number;
  /** Unix seconds. */
  expires_at: number;
  access_token: string;
  metadata: Record<string, unknown>;
  custom_tags: Record<string, string>;
  customer_id: string | null;
  priority: Priority;
  assigned_to: string | null;
  subsessions: SubsessionLink[];
  final_decision: FinalDecision | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  /** When the end user last completed the flow. */
  completed_at: string | null;
  screening: SessionScreening;
  processing: SessionProcessing;
  deleted: boolean;
  deleted_at: string | null;
}

export interface NoSession {
  exists: false;
  version: 0;
}

export type SessionState = NoSession | Session;

export const initialState: SessionState = { exists: false, version: 0 };

/** What `evolve` needs to know about an event besides its data. */
export interface SessionEventMeta {
  /** ISO 8601 UTC. */
  occurred_at: string;
}
