import type { DocumentType, WorkflowDefinition } from '@kyc/workflow-domain';
import type { CorrectionItem } from './session-events';
import type { ProcessingResults } from './session-processing';
import type { ScreeningHit, ValidationResults } from './session-screening';
import type { Actor, Priority, SessionStatus } from './session-values';

/**
 * Commands carry every id, token and the current time, so `decide` stays pure and deterministic.
 * `now` is an ISO 8601 string; expiry is compared in Unix seconds.
 */
export type SessionCommand =
  | {
      type: 'CreateSession';
      session_id: string;
      tenant_id: string;
      workflow: WorkflowDefinition;
      ttl_days: number | null;
      metadata: Record<string, unknown>;
      customer_id: string | null;
      priority: Priority;
      assigned_to: string | null;
      activate: boolean;
      access_token: string;
      parent: { session_id: string; step_id: string; label: string } | null;
    }
  | { type: 'GenerateLink'; access_token: string }
  | { type: 'ExtendSession'; extend_days: number; comment: string | null }
  | { type: 'ExpireSession' }
  | { type: 'SaveForm'; step_id: string; values: Record<string, unknown> }
  | {
      type: 'UploadDocument';
      step_id: string;
      doc_id: string;
      document_type: DocumentType;
      file_name: string;
      mime_type: string;
      size: number;
      sha256: string;
      storage_key: string;
    }
  | { type: 'RemoveDocument'; step_id: string; doc_id: string }
  | { type: 'CompleteStep'; step_id: string }
  | { type: 'SkipStep'; step_id: string }
  | { type: 'RequestCorrections'; corrections: CorrectionItem[]; comment: string | null }
  | {
      type: 'UpdateReview';
      status?: Extract<SessionStatus, 'approved' | 'rejected' | 'manual_review' | 'active'>;
      notes?: string;
      assigned_to?: string | null;
      priority?: Priority;
    }
  | { type: 'AddSubsession'; subsession_id: string; step_id: string; label: string; workflow_id: string }
  | { type: 'RemoveSubsession'; subsession_id: string }
  | { type: 'DeleteSession' }
  /** completed (or processed, manual_review: a re-run) -> processing. While a run is in flight, joins it. */
  | { type: 'RequestProcessing' }
  /** processing -> processed; with `auto_decision`, on to the decision's status. */
  | { type: 'RecordProcessingResult'; run: number; results: ProcessingResults; auto_decision: boolean }
  /** processing -> manual_review with the reason, so a failed run loses nothing and can be retried. */
  | { type: 'RecordProcessingFailure'; run: number; code: string; message: string }
  /** Records a run of the workflow's validations (screening happens before, outside the aggregate). */
  | { type: 'RecordValidation'; validation_id: string; results: ValidationResults; list_versions: Record<string, string> }
  | { type: 'DismissMatch'; match_id: string; reason: string }
  /** Ongoing monitoring found hits for an approved session in a newer list publication. */
  | { type: 'RecordMonitoringHit'; list: string; list_version: string; matches: ScreeningHit[] };

export type SessionCommandType = SessionCommand['type'];

export interface CommandContext {
  /** ISO 8601 UTC. */
  now: string;
  /**
   * Who issues the command. Only `AddSubsession` depends on it: the end user (public API) may add one only
   * while the session is editable by them; a tenant's key or the platform may also add one to a draft.
   * Absent means the tenant's API.
   */
  actor?: Actor;
}
