import {
  SESSION_INTEGRATION_EVENT_SCHEMA_VERSION,
  type CorrectionSummary,
  type SessionIntegrationEvent,
  type SessionIntegrationEventData,
  type SessionIntegrationEventType,
} from './session-integration-event';
import { sessionIdFromStreamId } from './session-stream';
import { AUTOMATIC_DECISIONS, DOCUMENT_TYPES, PRIORITIES, RISK_LEVELS, SESSION_STATUSES } from './session-values';

/**
 * The part of an event-store `RecordedEvent` the mapping reads. Declared here, not imported, because contracts
 * depend on no other layer; a `RecordedEvent` satisfies it as is.
 */
export interface StoredSessionEvent {
  event_id: string;
  type: string;
  stream_id: string;
  version: number;
  data: unknown;
  metadata: { tenant_id: string; occurred_at: string };
}

/** What every event of a session carries but only its SessionCreated event holds. */
export interface SessionSnapshot {
  workflow_id: string;
  custom_tags: Record<string, string>;
}

/** The snapshot a SessionCreated event establishes; null for any other event or a malformed one. */
export function sessionSnapshotFromCreated(event: StoredSessionEvent): SessionSnapshot | null {
  if (event.type !== 'SessionCreated' || !isRecord(event.data)) return null;
  const workflowId = event.data.workflow_id;
  if (typeof workflowId !== 'string') return null;
  return { workflow_id: workflowId, custom_tags: stringEntries(event.data.custom_tags) };
}

/**
 * Maps a stored event of a `session-<id>` stream to its public form. Only fields known to be free of personal
 * data are copied, and only as plain strings, numbers or arrays of strings, so a sealed-value marker
 * (`{"$pii": "..."}`) can never be copied. An unknown type, or a known one whose data does not have the
 * expected shape, is published with `data: {}`: withholding data is safe, copying it is not.
 */
export function toIntegrationEvent(
  recorded: StoredSessionEvent,
  snapshot: SessionSnapshot,
): SessionIntegrationEvent {
  const sessionId = sessionIdFromStreamId(recorded.stream_id);
  if (sessionId === null) throw new Error(`not a session stream: ${recorded.stream_id}`);
  return {
    schema_version: SESSION_INTEGRATION_EVENT_SCHEMA_VERSION,
    event_id: recorded.event_id,
    type: recorded.type,
    session_id: sessionId,
    tenant_id: recorded.metadata.tenant_id,
    workflow_id: typeof snapshot.workflow_id === 'string' ? snapshot.workflow_id : '',
    version: recorded.version,
    occurred_at: recorded.metadata.occurred_at,
    custom_tags: stringEntries(snapshot.custom_tags),
    data: publicData(recorded.type, recorded.data),
  } as SessionIntegrationEvent;
}

function publicData(type: string, data: unknown): SessionIntegrationEvent['data'] {
  if (!Object.prototype.hasOwnProperty.call(MAPPERS, type)) return {};
  const mapper = MAPPERS[type as SessionIntegrationEventType];
  try {
    return mapper(isRecord(data) ? data : {}) as SessionIntegrationEvent['data'];
  } catch (error) {
    if (error instanceof UnexpectedShape) return {};
    throw error;
  }
}

type Source = Record<string, unknown>;
type Mappers = { [T in SessionIntegrationEventType]: (data: Source) => SessionIntegrationEventData[T] };

const empty = (): Record<string, never> => ({});
const stepRef = (d: Source) => ({ step_id: str(d, 'step_id') });

const MAPPERS: Mappers = {
  SessionCreated: (d) => {
    const parent = isRecord(d.parent) ? d.parent : null;
    return {
      workflow_id: str(d, 'workflow_id'),
      workflow_version: int(d, 'workflow_version'),
      status: oneOf(d, 'status', ['active', 'draft'] as const),
      ttl_days: int(d, 'ttl_days'),
      expires_at: int(d, 'expires_at'),
      priority: oneOf(d, 'priority', PRIORITIES),
      customer_id: strOrNull(d.customer_id),
      parent_session_id: parent ? strOrNull(parent.session_id) : null,
      parent_step_id: parent ? strOrNull(parent.step_id) : null,
    };
  },
  SessionActivated: empty,
  AccessLinkRegenerated: (d) => ({ expires_at: int(d, 'expires_at') }),
  StepStarted: stepRef,
  FormSubmitted: (d) => ({ step_id: str(d, 'step_id'), field_ids: submittedFieldIds(d) }),
  DocumentUploaded: (d) => ({
    step_id: str(d, 'step_id'),
    doc_id: str(d, 'doc_id'),
    document_type: oneOf(d, 'document_type', DOCUMENT_TYPES),
    mime_type: str(d, 'mime_type'),
    size: int(d, 'size'),
  }),
  DocumentRemoved: (d) => ({ step_id: str(d, 'step_id'), doc_id: str(d, 'doc_id') }),
  StepCompleted: stepRef,
  StepSkipped: stepRef,
  SessionCompleted: empty,
  SessionExtended: (d) => ({
    extend_days: int(d, 'extend_days'),
    expires_at: int(d, 'expires_at'),
    restored_status: d.restored_status === null ? null : oneOf(d, 'restored_status', SESSION_STATUSES),
  }),
  SessionExpired: (d) => ({ previous_status: oneOf(d, 'previous_status', SESSION_STATUSES) }),
  CorrectionRequested: (d) => ({
    corrections: list(d.corrections).map(correctionSummary),
    previous_status: oneOf(d, 'previous_status', SESSION_STATUSES),
  }),
  CorrectionResolved: (d) => ({ correction_id: str(d, 'correction_id'), step_id: str(d, 'step_id') }),
  SubsessionCreated: (d) => ({
    subsession_id: str(d, 'subsession_id'),
    step_id: str(d, 'step_id'),
    workflow_id: str(d, 'workflow_id'),
  }),
  SubsessionRemoved: (d) => ({ subsession_id: str(d, 'subsession_id') }),
  StatusChanged: (d) => ({
    from: oneOf(d, 'from', SESSION_STATUSES),
    to: oneOf(d, 'to', SESSION_STATUSES),
  }),
  ReviewUpdated: (d) => (d.priority === undefined ? {} : { priority: oneOf(d, 'priority', PRIORITIES) }),
  ValidationCompleted: (d) => {
    const results = record(d.results, 'results');
    return {
      validation_id: str(d, 'validation_id'),
      lists_check: nullable(results.lists_check, 'lists_check', (c) => ({
        is_match: bool(c, 'is_match'),
        match_count: int(c, 'match_count'),
        lists_checked: list(c.lists_checked).map((name) => asString(name, 'lists_checked[]')),
      })),
      crypto_check: nullable(results.crypto_check, 'crypto_check', (c) => ({
        is_match: bool(c, 'is_match'),
        match_count: int(c, 'match_count'),
      })),
      adverse_media_check: nullable(results.adverse_media_check, 'adverse_media_check', (c) => ({
        risk_score: num(c, 'risk_score'),
        decision: oneOf(c, 'decision', ['CLEAR', 'REVIEW'] as const),
      })),
      validated_at: str(results, 'validated_at'),
    };
  },
  MatchDismissed: (d) => ({ match_id: str(d, 'match_id'), entity_id: str(d, 'entity_id') }),
  MonitoringHitDetected: (d) => ({
    list: str(d, 'list'),
    list_version: str(d, 'list_version'),
    entity_ids: list(d.matches).map((hit) => str(record(hit, 'matches[]'), 'entity_id')),
    previous_status: oneOf(d, 'previous_status', SESSION_STATUSES),
  }),
  ProcessingRequested: (d) => ({ run: int(d, 'run'), previous_status: oneOf(d, 'previous_status', SESSION_STATUSES) }),
  ProcessingCompleted: (d) => {
    const results = record(d.results, 'results');
    const cross = record(results.cross_validation, 'cross_validation');
    return {
      run: int(d, 'run'),
      risk_score: num(results, 'risk_score'),
      risk_level: oneOf(results, 'risk_level', RISK_LEVELS),
      final_decision: oneOf(results, 'final_decision', AUTOMATIC_DECISIONS),
      reason_codes: list(results.decision_reasons).map((reason) => str(record(reason, 'decision_reasons[]'), 'code')),
      cross_validation_status: oneOf(cross, 'status', ['passed', 'warning', 'failed'] as const),
      face_match_status: nullable(results.face_match_result, 'face_match_result', (face) => str(face, 'status')),
      processed_at: str(results, 'processed_at'),
      processing_time_ms: int(results, 'processing_time_ms'),
    };
  },
  ProcessingFailed: (d) => ({ run: int(d, 'run'), code: str(d, 'code') }),
  SessionDeleted: empty,
};

function correctionSummary(item: unknown): CorrectionSummary {
  if (!isRecord(item)) throw new UnexpectedShape('corrections[]');
  return {
    id: str(item, 'id'),
    step_id: str(item, 'step_id'),
    field_ids: list(item.field_ids).map((id) => asString(id, 'field_ids[]')),
    document_types: list(item.document_types).map((t) => asOneOf(t, DOCUMENT_TYPES, 'document_types[]')),
  };
}

/**
 * The ids of the submitted fields are the keys of `values` when each value is sealed on its own (or not at
 * all). When `values` is one sealed marker, its keys are sealed with it and the ids are unknown (null).
 */
function submittedFieldIds(d: Source): string[] | null {
  if (Array.isArray(d.field_ids)) return d.field_ids.map((id) => asString(id, 'field_ids[]'));
  if (!isRecord(d.values) || isSealedMarker(d.values)) return null;
  return Object.keys(d.values);
}

class UnexpectedShape extends Error {
  constructor(field: string) {
    super(`unexpected shape at ${field}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSealedMarker(value: Record<string, unknown>): boolean {
  return Object.prototype.hasOwnProperty.call(value, '$pii');
}

function asString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new UnexpectedShape(field);
  return value;
}

function str(d: Source, field: string): string {
  return asString(d[field], field);
}

function strOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function int(d: Source, field: string): number {
  const value = d[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new UnexpectedShape(field);
  return value;
}

function asOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new UnexpectedShape(field);
  return value as T;
}

function oneOf<T extends string>(d: Source, field: string, allowed: readonly T[]): T {
  return asOneOf(d[field], allowed, field);
}

function num(d: Source, field: string): number {
  const value = d[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new UnexpectedShape(field);
  return value;
}

function bool(d: Source, field: string): boolean {
  const value = d[field];
  if (typeof value !== 'boolean') throw new UnexpectedShape(field);
  return value;
}

function record(value: unknown, field: string): Source {
  if (!isRecord(value) || isSealedMarker(value)) throw new UnexpectedShape(field);
  return value;
}

function nullable<T>(value: unknown, field: string, map: (d: Source) => T): T | null {
  return value === null ? null : map(record(value, field));
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new UnexpectedShape('array');
  return value;
}

function stringEntries(value: unknown): Record<string, string> {
  if (!isRecord(value) || isSealedMarker(value)) return {};
  const entries: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') entries[key] = entry;
  }
  return entries;
}
