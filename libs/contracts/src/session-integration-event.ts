import type { AutomaticDecision, DocumentType, Priority, RiskLevel, SessionStatus } from './session-values';

/** Bumped when a field changes meaning or disappears; adding a field or an event type keeps it. */
export const SESSION_INTEGRATION_EVENT_SCHEMA_VERSION = 1;

/**
 * What other systems receive for every session event (topic `kyc.session.events.v1`, webhooks). Personal data
 * is left out: no form values, file names, labels, notes, comments, metadata or access tokens.
 */
export interface SessionIntegrationEventEnvelope<TType extends string, TData> {
  schema_version: typeof SESSION_INTEGRATION_EVENT_SCHEMA_VERSION;
  event_id: string;
  type: TType;
  session_id: string;
  tenant_id: string;
  workflow_id: string;
  /** 1-based position of the event in its session's history (the audit trail's `version`). */
  version: number;
  /** ISO 8601 UTC. */
  occurred_at: string;
  /** The workflow's tags as pinned when the session was created. */
  custom_tags: Record<string, string>;
  data: TData;
}

type StepRef = { step_id: string };
type Empty = Record<string, never>;

export interface CorrectionSummary {
  id: string;
  step_id: string;
  field_ids: string[];
  document_types: DocumentType[];
}

/** The `data` of each event type. */
export interface SessionIntegrationEventData {
  SessionCreated: {
    workflow_id: string;
    workflow_version: number;
    status: 'active' | 'draft';
    ttl_days: number;
    /** Unix seconds. */
    expires_at: number;
    priority: Priority;
    /** The tenant's own reference for the customer. */
    customer_id: string | null;
    parent_session_id: string | null;
    parent_step_id: string | null;
  };
  SessionActivated: Empty;
  AccessLinkRegenerated: { expires_at: number };
  StepStarted: StepRef;
  FormSubmitted: {
    step_id: string;
    /** Ids of the fields saved; null when the stored event sealed the values as a whole, ids included. */
    field_ids: string[] | null;
  };
  DocumentUploaded: {
    step_id: string;
    doc_id: string;
    document_type: DocumentType;
    mime_type: string;
    size: number;
  };
  DocumentRemoved: { step_id: string; doc_id: string };
  StepCompleted: StepRef;
  StepSkipped: StepRef;
  SessionCompleted: Empty;
  SessionExtended: { extend_days: number; expires_at: number; restored_status: SessionStatus | null };
  SessionExpired: { previous_status: SessionStatus };
  CorrectionRequested: { corrections: CorrectionSummary[]; previous_status: SessionStatus };
  CorrectionResolved: { correction_id: string; step_id: string };
  SubsessionCreated: { subsession_id: string; step_id: string; workflow_id: string };
  SubsessionRemoved: { subsession_id: string };
  StatusChanged: { from: SessionStatus; to: SessionStatus };
  /** Only a priority change is public; assignment and notes are not. */
  ReviewUpdated: { priority?: Priority };
  /** Outcomes only: who or what was screened and the hits' details stay in the session's own record. */
  ValidationCompleted: {
    validation_id: string;
    lists_check: { is_match: boolean; match_count: number; lists_checked: string[] } | null;
    crypto_check: { is_match: boolean; match_count: number } | null;
    adverse_media_check: { risk_score: number; decision: 'CLEAR' | 'REVIEW' } | null;
    validated_at: string;
  };
  MatchDismissed: { match_id: string; entity_id: string };
  MonitoringHitDetected: { list: string; list_version: string; entity_ids: string[]; previous_status: SessionStatus };
  ProcessingRequested: { run: number; previous_status: SessionStatus };
  /** Outcomes and reason codes only: what was read from the documents stays in the session's own record. */
  ProcessingCompleted: {
    run: number;
    risk_score: number;
    risk_level: RiskLevel;
    final_decision: AutomaticDecision;
    reason_codes: string[];
    cross_validation_status: 'passed' | 'warning' | 'failed';
    face_match_status: string | null;
    processed_at: string;
    processing_time_ms: number;
  };
  ProcessingFailed: { run: number; code: string };
  SessionDeleted: Empty;
}

export type SessionIntegrationEventType = keyof SessionIntegrationEventData;

export const SESSION_INTEGRATION_EVENT_TYPES = [
  'SessionCreated',
  'SessionActivated',
  'AccessLinkRegenerated',
  'StepStarted',
  'FormSubmitted',
  'DocumentUploaded',
  'DocumentRemoved',
  'StepCompleted',
  'StepSkipped',
  'SessionCompleted',
  'SessionExtended',
  'SessionExpired',
  'CorrectionRequested',
  'CorrectionResolved',
  'SubsessionCreated',
  'SubsessionRemoved',
  'StatusChanged',
  'ReviewUpdated',
  'ValidationCompleted',
  'MatchDismissed',
  'MonitoringHitDetected',
  'ProcessingRequested',
  'ProcessingCompleted',
  'ProcessingFailed',
  'SessionDeleted',
] as const satisfies readonly SessionIntegrationEventType[];

/** An event of a type this version of the contract describes; narrow it by `type`. */
export type KnownSessionIntegrationEvent = {
  [T in SessionIntegrationEventType]: SessionIntegrationEventEnvelope<T, SessionIntegrationEventData[T]>;
}[SessionIntegrationEventType];

/** An event of a type added after this version of the contract: its data is withheld (`{}`). */
export type UnrecognisedSessionIntegrationEvent = SessionIntegrationEventEnvelope<string, Empty>;

export type SessionIntegrationEvent = KnownSessionIntegrationEvent | UnrecognisedSessionIntegrationEvent;

export function isKnownSessionIntegrationEvent(
  event: SessionIntegrationEvent,
): event is KnownSessionIntegrationEvent {
  return (SESSION_INTEGRATION_EVENT_TYPES as readonly string[]).includes(event.type);
}
