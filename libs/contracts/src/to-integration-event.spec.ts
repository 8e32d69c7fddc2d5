import { compileJsonSchema } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import {
  SESSION_INTEGRATION_EVENT_TYPES,
  isKnownSessionIntegrationEvent,
  type SessionIntegrationEvent,
  type SessionIntegrationEventData,
  type SessionIntegrationEventType,
} from './session-integration-event';
import { SESSION_INTEGRATION_EVENT_JSON_SCHEMA } from './session-integration-event.schema';
import { sessionIdFromStreamId } from './session-stream';
import { SESSION_EVENTS_TOPIC } from './topics';
import {
  sessionSnapshotFromCreated,
  toIntegrationEvent,
  type StoredSessionEvent,
} from './to-integration-event';

const validate = compileJsonSchema(SESSION_INTEGRATION_EVENT_JSON_SCHEMA);

const SESSION_ID = '0197a3c2-5a10-7000-8000-00000000abcd';
const TENANT_ID = '0197a3c2-5a10-7000-8000-0000000000aa';
const WORKFLOW_ID = '0197a3c2-5a10-7000-8000-0000000000bb';
const snapshot = { workflow_id: WORKFLOW_ID, custom_tags: { department: 'onboarding', region: 'latam' } };

/** A sealed-value marker as the personal-data vault writes it; its body is easy to search for. */
const sealed = (what: string) => ({ $pii: `v1.SEALED-${what}-${Buffer.from(what).toString('base64')}` });

/** Personal data written in clear: a mapping that copied it would be caught by a search for these strings. */
const PERSONAL = [
  'Wilhelmina',
  'w.o@example.org',
  'passport-scan.jpg',
  'Director #2',
  'call me',
  'ACCESS-TOKEN-SECRET',
];

function recorded(type: string, data: unknown, version = 3): StoredSessionEvent {
  return {
    event_id: `evt-${type}`,
    type,
    stream_id: `session-${SESSION_ID}`,
    version,
    data,
    metadata: { tenant_id: TENANT_ID, occurred_at: '2026-01-15T10:20:30.000Z' },
  };
}

interface Fixture<T extends SessionIntegrationEventType> {
  type: T;
  /** As the store holds it: personal data sealed per the application's personal-data policy. */
  stored: unknown;
  expected: SessionIntegrationEventData[T];
}
const fixture = <T extends SessionIntegrationEventType>(f: Fixture<T>) => f;

const FIXTURES = [
  fixture({
    type: 'SessionCreated',
    stored: {
      session_id: SESSION_ID,
      tenant_id: TENANT_ID,
      workflow_id: WORKFLOW_ID,
      workflow_version: 2,
      workflow_name: 'Basic KYC',
      steps: [{ step_id: 'personal_info', type: 'form', optional: false, fields: [] }],
      custom_tags: snapshot.custom_tags,
      auto_process: false,
      metadata: sealed('metadata'),
      customer_id: 'cust-42',
      priority: 'high',
      assigned_to: 'reviewer@tenant.example',
      ttl_days: 7,
      expires_at: 1_768_900_000,
      status: 'active',
      access_token: 'ACCESS-TOKEN-SECRET',
      parent: { session_id: 'parent-1', step_id: 'step_ubos', label: sealed('label') },
    },
    expected: {
      workflow_id: WORKFLOW_ID,
      workflow_version: 2,
      status: 'active',
      ttl_days: 7,
      expires_at: 1_768_900_000,
      priority: 'high',
      customer_id: 'cust-42',
      parent_session_id: 'parent-1',
      parent_step_id: 'step_ubos',
    },
  }),
  fixture({ type: 'SessionActivated', stored: {}, expected: {} }),
  fixture({
    type: 'AccessLinkRegenerated',
    stored: { access_token: 'ACCESS-TOKEN-SECRET', expires_at: 1_769_000_000 },
    expected: { expires_at: 1_769_000_000 },
  }),
  fixture({
    type: 'StepStarted',
    stored: { step_id: 'personal_info' },
    expected: { step_id: 'personal_info' },
  }),
  fixture({
    type: 'FormSubmitted',
    stored: { step_id: 'personal_info', values: sealed('values') },
    expected: { step_id: 'personal_info', field_ids: null },
  }),
  fixture({
    type: 'DocumentUploaded',
    stored: {
      step_id: 'id_document',
      doc_id: 'doc_abc123',
      document_type: 'passport',
      file_name: sealed('file_name'),
      mime_type: 'image/jpeg',
      size: 48_213,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      storage_key: 'tenants/x/sessions/y/doc_abc123',
    },
    expected: {
      step_id: 'id_document',
      doc_id: 'doc_abc123',
      document_type: 'passport',
      mime_type: 'image/jpeg',
      size: 48_213,
    },
  }),
  fixture({
    type: 'DocumentRemoved',
    stored: { step_id: 'id_document', doc_id: 'doc_abc123' },
    expected: { step_id: 'id_document', doc_id: 'doc_abc123' },
  }),
  fixture({ type: 'StepCompleted', stored: { step_id: 'selfie' }, expected: { step_id: 'selfie' } }),
  fixture({ type: 'StepSkipped', stored: { step_id: 'step_ubos' }, expected: { step_id: 'step_ubos' } }),
  fixture({ type: 'SessionCompleted', stored: {}, expected: {} }),
  fixture({
    type: 'SessionExtended',
    stored: {
      extend_days: 5,
      expires_at: 1_769_500_000,
      comment: sealed('comment'),
      restored_status: 'active',
    },
    expected: { extend_days: 5, expires_at: 1_769_500_000, restored_status: 'active' },
  }),
  fixture({
    type: 'SessionExpired',
    stored: { previous_status: 'active' },
    expected: { previous_status: 'active' },
  }),
  fixture({
    type: 'CorrectionRequested',
    stored: {
      corrections: [
        {
          id: 'cor_1',
          step_id: 'personal_info',
          field_ids: ['full_name'],
          document_types: [],
          message: sealed('msg1'),
        },
        {
          id: 'cor_2',
          step_id: 'id_document',
          field_ids: [],
          document_types: ['passport', 'id'],
          message: sealed('msg2'),
        },
      ],
      comment: sealed('comment'),
      previous_status: 'manual_review',
    },
    expected: {
      corrections: [
        { id: 'cor_1', step_id: 'personal_info', field_ids: ['full_name'], document_types: [] },
        { id: 'cor_2', step_id: 'id_document', field_ids: [], document_types: ['passport', 'id'] },
      ],
      previous_status: 'manual_review',
    },
  }),
  fixture({
    type: 'CorrectionResolved',
    stored: { correction_id: 'cor_1', step_id: 'personal_info' },
    expected: { correction_id: 'cor_1', step_id: 'personal_info' },
  }),
  fixture({
    type: 'SubsessionCreated',
    stored: { subsession_id: 'sub-1', step_id: 'step_ubos', label: sealed('label'), workflow_id: 'wf-ubo' },
    expected: { subsession_id: 'sub-1', step_id: 'step_ubos', workflow_id: 'wf-ubo' },
  }),
  fixture({
    type: 'SubsessionRemoved',
    stored: { subsession_id: 'sub-1' },
    expected: { subsession_id: 'sub-1' },
  }),
  fixture({
    type: 'StatusChanged',
    stored: { from: 'processed', to: 'approved', notes: sealed('notes') },
    expected: { from: 'processed', to: 'approved' },
  }),
  fixture({
    type: 'ReviewUpdated',
    stored: { assigned_to: 'reviewer@tenant.example', priority: 'low', notes: sealed('notes') },
    expected: { priority: 'low' },
  }),
  fixture({
    type: 'ValidationCompleted',
    stored: {
      validation_id: 'val-1',
      results: {
        lists_check: {
          is_match: true,
          match_count: 1,
          lists_checked: ['ofac', 'un', 'eu'],
          matches: [{ match_id: 'm_1', entity_id: 'ofac:1', subject: sealed('subject'), explanation: sealed('why') }],
        },
        crypto_check: null,
        adverse_media_check: {
          risk_score: 62.5,
          decision: 'REVIEW',
          provider: 'offline',
          articles: [{ title: 'Fraud trial', matched_text: sealed('text') }],
        },
        validated_at: '2026-03-02T10:00:00.000Z',
      },
      list_versions: { ofac: '2023-12-28' },
    },
    expected: {
      validation_id: 'val-1',
      lists_check: { is_match: true, match_count: 1, lists_checked: ['ofac', 'un', 'eu'] },
      crypto_check: null,
      adverse_media_check: { risk_score: 62.5, decision: 'REVIEW' },
      validated_at: '2026-03-02T10:00:00.000Z',
    },
  }),
  fixture({
    type: 'MatchDismissed',
    stored: { match_id: 'm_1', entity_id: 'ofac:1', reason: sealed('reason') },
    expected: { match_id: 'm_1', entity_id: 'ofac:1' },
  }),
  fixture({
    type: 'MonitoringHitDetected',
    stored: {
      list: 'ofac',
      list_version: '2024-05-03',
      matches: [{ match_id: 'm_2', entity_id: 'ofac:47100', subject: sealed('subject') }],
      previous_status: 'approved',
    },
    expected: { list: 'ofac', list_version: '2024-05-03', entity_ids: ['ofac:47100'], previous_status: 'approved' },
  }),
  fixture({
    type: 'ProcessingRequested',
    stored: { run: 1, previous_status: 'completed' },
    expected: { run: 1, previous_status: 'completed' },
  }),
  fixture({
    type: 'ProcessingCompleted',
    stored: {
      run: 1,
      results: {
        extraction_results: { 'doc-1': sealed('extraction') },
        cross_validation: {
          status: 'warning',
          warnings: [{ code: 'name_partial_match', field: 'personal_info.full_name', message: 'a middle name is missing' }],
          errors: [],
        },
        face_match_result: { status: 'matched', confidence: 0.93, threshold: 0.8, document_id: 'doc-1', selfie_id: 'doc-2' },
        external_validations: { lists_check: null, crypto_check: null, adverse_media_check: null },
        web_validation_results: [{ url: sealed('url'), checks: sealed('checks'), status: 'valid' }],
        risk_score: 12.5,
        risk_level: 'low',
        final_decision: 'flagged',
        decision_reasons: [{ code: 'name_partial_match', source: 'cross_validation', outcome: 'flagged', message: 'm' }],
        processed_at: '2026-03-02T10:00:00.000Z',
        processing_time_ms: 1250,
      },
    },
    expected: {
      run: 1,
      risk_score: 12.5,
      risk_level: 'low',
      final_decision: 'flagged',
      reason_codes: ['name_partial_match'],
      cross_validation_status: 'warning',
      face_match_status: 'matched',
      processed_at: '2026-03-02T10:00:00.000Z',
      processing_time_ms: 1250,
    },
  }),
  fixture({
    type: 'ProcessingFailed',
    stored: { run: 2, code: 'analysis_timeout', message: 'document analysis took longer than 60 s' },
    expected: { run: 2, code: 'analysis_timeout' },
  }),
  fixture({ type: 'SessionDeleted', stored: {}, expected: {} }),
];

/** The same events with personal data in clear (as the domain emits them, before sealing). */
const CLEAR_DATA: Partial<Record<SessionIntegrationEventType, { stored: unknown; expected: object }>> = {
  SessionCreated: {
    stored: {
      ...(FIXTURES[0].stored as object),
      metadata: { full_name: 'Wilhelmina' },
      parent: { session_id: 'parent-1', step_id: 'step_ubos', label: 'Director #2' },
    },
    expected: FIXTURES[0].expected,
  },
  FormSubmitted: {
    stored: { step_id: 'personal_info', values: { full_name: 'Wilhelmina', email: 'w.o@example.org' } },
    expected: { step_id: 'personal_info', field_ids: ['full_name', 'email'] },
  },
  DocumentUploaded: {
    stored: { ...(FIXTURES[5].stored as object), file_name: 'passport-scan.jpg' },
    expected: FIXTURES[5].expected,
  },
  StatusChanged: {
    stored: { from: 'processed', to: 'rejected', notes: 'call me' },
    expected: { from: 'processed', to: 'rejected' },
  },
  SubsessionCreated: {
    stored: { subsession_id: 'sub-1', step_id: 'step_ubos', label: 'Director #2', workflow_id: 'wf-ubo' },
    expected: { subsession_id: 'sub-1', step_id: 'step_ubos', workflow_id: 'wf-ubo' },
  },
};

function expectNothingPersonal(event: SessionIntegrationEvent): void {
  const json = JSON.stringify(event);
  expect(json).not.toContain('$pii');
  expect(json).not.toContain('SEALED-');
  for (const value of PERSONAL) expect(json).not.toContain(value);
}

function expectValid(event: unknown): void {
  const ok = validate(event);
  expect(validate.errors ?? null, JSON.stringify(validate.errors)).toBeNull();
  expect(ok).toBe(true);
}

describe('toIntegrationEvent', () => {
  it('has a fixture for every event type of the contract', () => {
    expect(FIXTURES.map((f) => f.type).sort()).toEqual([...SESSION_INTEGRATION_EVENT_TYPES].sort());
  });

  describe.each(FIXTURES)('$type', ({ type, stored, expected }) => {
    it('keeps only the non-personal fields and never a sealed marker', () => {
      const event = toIntegrationEvent(recorded(type, stored), snapshot);

      expect(event).toEqual({
        schema_version: 1,
        event_id: `evt-${type}`,
        type,
        session_id: SESSION_ID,
        tenant_id: TENANT_ID,
        workflow_id: WORKFLOW_ID,
        version: 3,
        occurred_at: '2026-01-15T10:20:30.000Z',
        custom_tags: { department: 'onboarding', region: 'latam' },
        data: expected,
      });
      expectNothingPersonal(event);
      expectValid(event);
      expect(isKnownSessionIntegrationEvent(event)).toBe(true);
    });

    it('drops personal data written in clear as well', () => {
      const clear = CLEAR_DATA[type] ?? { stored, expected };
      const event = toIntegrationEvent(recorded(type, clear.stored), snapshot);
      expect(event.data).toEqual(clear.expected);
      expectNothingPersonal(event);
      expectValid(event);
    });
  });

  it('keeps the field ids of values sealed one by one, never the markers', () => {
    const event = toIntegrationEvent(
      recorded('FormSubmitted', { step_id: 's', values: { full_name: sealed('a'), dob: sealed('b') } }),
      snapshot,
    );
    expect(event.data).toEqual({ step_id: 's', field_ids: ['full_name', 'dob'] });
    expectNothingPersonal(event);
  });

  it('publishes a sealed customer_id as null and a sealed step id not at all', () => {
    const created = toIntegrationEvent(
      recorded('SessionCreated', { ...(FIXTURES[0].stored as object), customer_id: sealed('customer') }),
      snapshot,
    );
    expect((created.data as { customer_id: unknown }).customer_id).toBeNull();
    expectNothingPersonal(created);

    const started = toIntegrationEvent(recorded('StepStarted', { step_id: sealed('step') }), snapshot);
    expect(started.data).toEqual({});
    expectNothingPersonal(started);
  });

  it('withholds the data of an unknown event type', () => {
    const event = toIntegrationEvent(
      recorded('SessionArchived', { reason: 'Wilhelmina asked', nested: sealed('x') }),
      snapshot,
    );
    expect(event.type).toBe('SessionArchived');
    expect(event.data).toEqual({});
    expect(isKnownSessionIntegrationEvent(event)).toBe(false);
    expectNothingPersonal(event);
    expectValid(event);
  });

  it('withholds the data of a known type whose data has an unexpected shape', () => {
    for (const [type, data] of [
      ['StatusChanged', { from: 'approved', to: 'somewhere' }],
      ['DocumentUploaded', { step_id: 'x' }],
      [
        'CorrectionRequested',
        {
          corrections: [{ id: 'c', step_id: 's', field_ids: [sealed('f')], document_types: [] }],
          previous_status: 'completed',
        },
      ],
      ['SessionExtended', 'not an object'],
      ['ReviewUpdated', { priority: sealed('p') }],
    ] as const) {
      const event = toIntegrationEvent(recorded(type, data), snapshot);
      expect(event.data, type).toEqual({});
      expectNothingPersonal(event);
    }
  });

  it('copies only string custom tags and never a marker from the snapshot', () => {
    const event = toIntegrationEvent(recorded('StepStarted', { step_id: 's' }), {
      workflow_id: WORKFLOW_ID,
      custom_tags: { ok: 'yes', bad: sealed('tag') as unknown as string },
    });
    expect(event.custom_tags).toEqual({ ok: 'yes' });
    expectNothingPersonal(event);
  });

  it('refuses a stream that is not a session stream', () => {
    expect(() =>
      toIntegrationEvent({ ...recorded('StepStarted', { step_id: 's' }), stream_id: 'workflow-1' }, snapshot),
    ).toThrow(/not a session stream/);
  });
});

describe('sessionSnapshotFromCreated', () => {
  it('takes workflow_id and the string custom tags of SessionCreated', () => {
    const stored = { ...(FIXTURES[0].stored as object), custom_tags: { region: 'latam', n: 1 } };
    expect(sessionSnapshotFromCreated(recorded('SessionCreated', stored, 1))).toEqual({
      workflow_id: WORKFLOW_ID,
      custom_tags: { region: 'latam' },
    });
  });

  it('is null for other events and for a SessionCreated without workflow_id', () => {
    expect(sessionSnapshotFromCreated(recorded('StepStarted', { step_id: 's' }))).toBeNull();
    expect(sessionSnapshotFromCreated(recorded('SessionCreated', { custom_tags: {} }))).toBeNull();
  });
});

describe('sessionIdFromStreamId', () => {
  it('reads the id of session-<id> streams only', () => {
    expect(sessionIdFromStreamId(`session-${SESSION_ID}`)).toBe(SESSION_ID);
    expect(sessionIdFromStreamId('session-')).toBeNull();
    expect(sessionIdFromStreamId('workflow-1')).toBeNull();
  });
});

describe('SESSION_INTEGRATION_EVENT_JSON_SCHEMA', () => {
  const valid = () =>
    toIntegrationEvent(
      recorded('StatusChanged', { from: 'processed', to: 'approved', notes: null }),
      snapshot,
    );

  it('names the topic and the draft', () => {
    expect(SESSION_EVENTS_TOPIC).toBe('kyc.session.events.v1');
    expect(SESSION_INTEGRATION_EVENT_JSON_SCHEMA.$schema).toBe(
      'https://json-schema.org/draft/2020-12/schema',
    );
    expect(Object.keys(SESSION_INTEGRATION_EVENT_JSON_SCHEMA.$defs)).toEqual(
      expect.arrayContaining([...SESSION_INTEGRATION_EVENT_TYPES]),
    );
  });

  it('rejects a personal field, a marker, a missing envelope field and data on an unknown type', () => {
    expectValid(valid());
    const cases: [string, unknown][] = [
      ['notes in data', { ...valid(), data: { from: 'processed', to: 'approved', notes: 'call me' } }],
      ['marker in data', { ...valid(), data: { from: 'processed', to: sealed('to') } }],
      ['marker in custom_tags', { ...valid(), custom_tags: { a: sealed('tag') } }],
      ['unknown status', { ...valid(), data: { from: 'processed', to: 'nowhere' } }],
      ['no tenant_id', { ...valid(), tenant_id: undefined }],
      ['extra envelope field', { ...valid(), actor: { type: 'end_user', id: 'x' } }],
      ['unknown type with data', { ...valid(), type: 'SessionArchived', data: { reason: 'x' } }],
      ['wrong schema_version', { ...valid(), schema_version: 2 }],
    ];
    for (const [name, candidate] of cases) {
      expect(validate(JSON.parse(JSON.stringify(candidate))), name).toBe(false);
    }
  });
});
