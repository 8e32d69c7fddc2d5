import {
  SESSION_INTEGRATION_EVENT_SCHEMA_VERSION,
  SESSION_INTEGRATION_EVENT_TYPES,
} from './session-integration-event';
import { AUTOMATIC_DECISIONS, DOCUMENT_TYPES, PRIORITIES, RISK_LEVELS, SESSION_STATUSES } from './session-values';

const id = { type: 'string', minLength: 1 } as const;
const unixSeconds = { type: 'integer', minimum: 0 } as const;
const status = { $ref: '#/$defs/SessionStatus' } as const;

function dataOf(properties: Record<string, object>, optional: readonly string[] = []) {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  } as const;
}

const empty = { type: 'object', maxProperties: 0 } as const;
const stepRef = dataOf({ step_id: id });

/**
 * JSON Schema (draft 2020-12) of the public session event (`SessionIntegrationEvent`). Every data object is
 * closed (`additionalProperties: false`), so nothing beyond the listed non-personal fields validates.
 */
export const SESSION_INTEGRATION_EVENT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:kyc:contracts:session-integration-event:v1',
  title: 'SessionIntegrationEvent',
  description:
    'A session event for other systems (topic kyc.session.events.v1, keyed by session_id). Personal data is left out.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schema_version',
    'event_id',
    'type',
    'session_id',
    'tenant_id',
    'workflow_id',
    'version',
    'occurred_at',
    'custom_tags',
    'data',
  ],
  properties: {
    schema_version: { const: SESSION_INTEGRATION_EVENT_SCHEMA_VERSION },
    event_id: id,
    type: id,
    session_id: id,
    tenant_id: id,
    workflow_id: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    occurred_at: { type: 'string', format: 'date-time' },
    custom_tags: { type: 'object', additionalProperties: { type: 'string' } },
    data: { type: 'object' },
  },
  allOf: [
    ...SESSION_INTEGRATION_EVENT_TYPES.map((type) => ({
      if: { properties: { type: { const: type } }, required: ['type'] },
      then: { properties: { data: { $ref: `#/$defs/${type}` } } },
    })),
    {
      // Types added after this schema version carry no data, so a consumer never sees unvetted fields.
      if: {
        properties: { type: { not: { enum: [...SESSION_INTEGRATION_EVENT_TYPES] } } },
        required: ['type'],
      },
      then: { properties: { data: empty } },
    },
  ],
  $defs: {
    SessionStatus: { enum: [...SESSION_STATUSES] },
    Priority: { enum: [...PRIORITIES] },
    DocumentType: { enum: [...DOCUMENT_TYPES] },
    SessionCreated: dataOf({
      workflow_id: id,
      workflow_version: { type: 'integer', minimum: 1 },
      status: { enum: ['active', 'draft'] },
      ttl_days: { type: 'integer', minimum: 1 },
      expires_at: unixSeconds,
      priority: { $ref: '#/$defs/Priority' },
      customer_id: { type: ['string', 'null'] },
      parent_session_id: { type: ['string', 'null'] },
      parent_step_id: { type: ['string', 'null'] },
    }),
    SessionActivated: empty,
    AccessLinkRegenerated: dataOf({ expires_at: unixSeconds }),
    StepStarted: stepRef,
    FormSubmitted: dataOf({ step_id: id, field_ids: { type: ['array', 'null'], items: id } }),
    DocumentUploaded: dataOf({
      step_id: id,
      doc_id: id,
      document_type: { $ref: '#/$defs/DocumentType' },
      mime_type: id,
      size: { type: 'integer', minimum: 0 },
    }),
    DocumentRemoved: dataOf({ step_id: id, doc_id: id }),
    StepCompleted: stepRef,
    StepSkipped: stepRef,
    SessionCompleted: empty,
    SessionExtended: dataOf({
      extend_days: { type: 'integer', minimum: 1 },
      expires_at: unixSeconds,
      restored_status: { anyOf: [status, { type: 'null' }] },
    }),
    SessionExpired: dataOf({ previous_status: status }),
    CorrectionRequested: dataOf({
      corrections: {
        type: 'array',
        items: dataOf({
          id,
          step_id: id,
          field_ids: { type: 'array', items: id },
          document_types: { type: 'array', items: { $ref: '#/$defs/DocumentType' } },
        }),
      },
      previous_status: status,
    }),
    CorrectionResolved: dataOf({ correction_id: id, step_id: id }),
    SubsessionCreated: dataOf({ subsession_id: id, step_id: id, workflow_id: id }),
    SubsessionRemoved: dataOf({ subsession_id: id }),
    StatusChanged: dataOf({ from: status, to: status }),
    ReviewUpdated: dataOf({ priority: { $ref: '#/$defs/Priority' } }, ['priority']),
    ValidationCompleted: dataOf({
      validation_id: id,
      lists_check: {
        anyOf: [
          dataOf({
            is_match: { type: 'boolean' },
            match_count: { type: 'integer', minimum: 0 },
            lists_checked: { type: 'array', items: id },
          }),
          { type: 'null' },
        ],
      },
      crypto_check: {
        anyOf: [dataOf({ is_match: { type: 'boolean' }, match_count: { type: 'integer', minimum: 0 } }), { type: 'null' }],
      },
      adverse_media_check: {
        anyOf: [
          dataOf({ risk_score: { type: 'number', minimum: 0, maximum: 100 }, decision: { enum: ['CLEAR', 'REVIEW'] } }),
          { type: 'null' },
        ],
      },
      validated_at: { type: 'string', format: 'date-time' },
    }),
    MatchDismissed: dataOf({ match_id: id, entity_id: id }),
    MonitoringHitDetected: dataOf({
      list: id,
      list_version: id,
      entity_ids: { type: 'array', items: id },
      previous_status: status,
    }),
    ProcessingRequested: dataOf({ run: { type: 'integer', minimum: 1 }, previous_status: status }),
    ProcessingCompleted: dataOf({
      run: { type: 'integer', minimum: 1 },
      risk_score: { type: 'number', minimum: 0, maximum: 100 },
      risk_level: { enum: RISK_LEVELS },
      final_decision: { enum: AUTOMATIC_DECISIONS },
      reason_codes: { type: 'array', items: id },
      cross_validation_status: { enum: ['passed', 'warning', 'failed'] },
      face_match_status: { anyOf: [id, { type: 'null' }] },
      processed_at: { type: 'string', format: 'date-time' },
      processing_time_ms: { type: 'integer', minimum: 0 },
    }),
    ProcessingFailed: dataOf({ run: { type: 'integer', minimum: 1 }, code: id }),
    SessionDeleted: empty,
  },
} as const;
