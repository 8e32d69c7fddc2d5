import type { DocumentType, StepDefinition } from '@kyc/workflow-domain';
import type { ProcessingResults } from './session-processing';
import type { ScreeningHit, ValidationResults } from './session-screening';
import type { Actor, Priority, SessionStatus } from './session-values';

/**
 * Domain events of the session aggregate. Field names are snake_case because they are also what the audit
 * trail (`GET /kyc/sessions/{id}/events`) shows. Personal data (metadata, form values, file names, labels,
 * notes) is plain here; the application layer encrypts it before it reaches the event store.
 */
export interface SessionCreated {
  type: 'SessionCreated';
  data: {
    session_id: string;
    tenant_id: string;
    workflow_id: string;
    workflow_version: number;
    workflow_name: string;
    /** Snapshot of the pinned workflow version's steps: the aggregate decides without loading the workflow. */
    steps: StepDefinition[];
    custom_tags: Record<string, string>;
    auto_process: boolean;
    metadata: Record<string, unknown>;
    customer_id: string | null;
    priority: Priority;
    assigned_to: string | null;
    ttl_days: number;
    /** Unix seconds. */
    expires_at: number;
    status: 'active' | 'draft';
    access_token: string;
    parent: { session_id: string; step_id: string; label: string } | null;
  };
}
export interface SessionActivated {
  type: 'SessionActivated';
  data: Record<string, never>;
}
export interface AccessLinkRegenerated {
  type: 'AccessLinkRegenerated';
  /** The previous token stops working at once. */
  data: { access_token: string; expires_at: number };
}
export interface StepStarted {
  type: 'StepStarted';
  data: { step_id: string };
}
export interface FormSubmitted {
  type: 'FormSubmitted';
  /** The complete set of values of the step after this save (not a patch). */
  data: { step_id: string; values: Record<string, unknown> };
}
export interface DocumentUploaded {
  type: 'DocumentUploaded';
  data: {
    step_id: string;
    doc_id: string;
    document_type: DocumentType;
    file_name: string;
    mime_type: string;
    size: number;
    sha256: string;
    storage_key: string;
  };
}
export interface DocumentRemoved {
  type: 'DocumentRemoved';
  data: { step_id: string; doc_id: string };
}
export interface StepCompleted {
  type: 'StepCompleted';
  data: { step_id: string };
}
export interface StepSkipped {
  type: 'StepSkipped';
  data: { step_id: string };
}
export interface SessionCompleted {
  type: 'SessionCompleted';
  data: Record<string, never>;
}
export interface SessionExtended {
  type: 'SessionExtended';
  /** `restored_status` is set when the extension revives an expired session. */
  data: { extend_days: number; expires_at: number; comment: string | null; restored_status: SessionStatus | null };
}
export interface SessionExpired {
  type: 'SessionExpired';
  data: { previous_status: SessionStatus };
}
export interface CorrectionItem {
  id: string;
  step_id: string;
  field_ids: string[];
  document_types: DocumentType[];
  message: string;
}
export interface CorrectionRequested {
  type: 'CorrectionRequested';
  data: { corrections: CorrectionItem[]; comment: string | null; previous_status: SessionStatus };
}
export interface CorrectionResolved {
  type: 'CorrectionResolved';
  data: { correction_id: string; step_id: string };
}
export interface SubsessionCreated {
  type: 'SubsessionCreated';
  data: { subsession_id: string; step_id: string; label: string; workflow_id: string };
}
export interface SubsessionRemoved {
  type: 'SubsessionRemoved';
  data: { subsession_id: string };
}
export interface StatusChanged {
  type: 'StatusChanged';
  /** A reviewer's decision or an operational transition (reactivation, reopening). */
  data: { from: SessionStatus; to: SessionStatus; notes: string | null };
}
export interface ReviewUpdated {
  type: 'ReviewUpdated';
  /** Triage changes made without a status change; only the fields that changed are present. */
  data: { assigned_to?: string | null; priority?: Priority; notes?: string };
}
export interface ValidationCompleted {
  type: 'ValidationCompleted';
  /** `list_versions`: the publication of each list screened against (list id -> ISO date). */
  data: { validation_id: string; results: ValidationResults; list_versions: Record<string, string> };
}
export interface MatchDismissed {
  type: 'MatchDismissed';
  /** A reviewer judged the hit a false positive; `reason` is their note. */
  data: { match_id: string; entity_id: string; reason: string };
}
export interface MonitoringHitDetected {
  type: 'MonitoringHitDetected';
  /** A newer list publication matches an approved session: it goes back to manual review. */
  data: { list: string; list_version: string; matches: ScreeningHit[]; previous_status: SessionStatus };
}
export interface ProcessingRequested {
  type: 'ProcessingRequested';
  /** `run` numbers the session's processing runs from 1: a result is recorded only for the run in flight. */
  data: { run: number; previous_status: SessionStatus };
}
export interface ProcessingCompleted {
  type: 'ProcessingCompleted';
  data: { run: number; results: ProcessingResults };
}
export interface ProcessingFailed {
  type: 'ProcessingFailed';
  /** Processing could not finish (corrupt file, engine crash, timeout): the session goes to a reviewer. */
  data: { run: number; code: string; message: string };
}
export interface SessionDeleted {
  type: 'SessionDeleted';
  data: Record<string, never>;
}

export type SessionEvent =
  | SessionCreated
  | SessionActivated
  | AccessLinkRegenerated
  | StepStarted
  | FormSubmitted
  | DocumentUploaded
  | DocumentRemoved
  | StepCompleted
  | StepSkipped
  | SessionCompleted
  | SessionExtended
  | SessionExpired
  | CorrectionRequested
  | CorrectionResolved
  | SubsessionCreated
  | SubsessionRemoved
  | StatusChanged
  | ReviewUpdated
  | ValidationCompleted
  | MatchDismissed
  | MonitoringHitDetected
  | ProcessingRequested
  | ProcessingCompleted
  | ProcessingFailed
  | SessionDeleted;

export type SessionEventType = SessionEvent['type'];
export type { Actor };
