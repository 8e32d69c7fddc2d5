import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';
import { expectError, ok } from './testing/assertions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('workflows', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`workflows.int.spec: ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  it('creates a workflow as version 1 with every field it was given', async () => {
    const { api } = await tenantClient(platform.url);
    const body = { ...BASIC_WORKFLOW, auto_process: false, auto_decision: true };
    const wf = ok(await api.post('/kyc/workflows', body), 201);
    expect(wf.workflow_id).toMatch(UUID);
    expect(wf).toMatchObject({
      version: 1,
      latest_version: 1,
      archived: false,
      name: 'Basic KYC',
      validations: BASIC_WORKFLOW.validations,
      auto_process: false,
      auto_decision: true,
      custom_tags: { department: 'onboarding', region: 'latam' },
      default_ttl_days: 7,
    });
    expect(wf.steps.map((s: { step_id: string }) => s.step_id)).toEqual([
      'id_document',
      'selfie',
      'personal_info',
    ]);
    expect(wf.steps[0]).toEqual({
      step_id: 'id_document',
      type: 'document',
      name: 'Identity document',
      optional: false,
      document_types: ['id', 'passport'],
    });
    expect(wf.steps[2].fields[0]).toEqual({
      field_id: 'full_name',
      name: 'Full Name',
      type: 'name',
      required: true,
    });
    expect(wf.steps[2].fields[2]).toEqual({
      field_id: 'email',
      name: 'Email',
      type: 'email',
      required: false,
    });
    expect(wf.created_at).toMatch(ISO);
    expect(wf).not.toHaveProperty('tenant_id');
  });

  it('applies the defaults to a minimal definition', async () => {
    const { api } = await tenantClient(platform.url);
    const wf = ok(
      await api.post('/kyc/workflows', {
        name: 'Selfie only',
        steps: [{ step_id: 'selfie', type: 'selfie' }],
      }),
      201,
    );
    expect(wf).toMatchObject({
      version: 1,
      name: 'Selfie only',
      steps: [{ step_id: 'selfie', type: 'selfie', optional: false }],
      validations: { lists: false, face_match: false, adverse_media: false, crypto: false, web: false },
      auto_process: false,
      auto_decision: false,
      custom_tags: {},
      default_ttl_days: 7,
    });
  });

  it('gets the latest version, an older one with ?version=N, and 404 for a version that does not exist', async () => {
    const { api } = await tenantClient(platform.url);
    const created = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201);
    const id = created.workflow_id;

    expect(ok(await api.get(`/kyc/workflows/${id}`))).toEqual(created);

    const v2Body = {
      ...BASIC_WORKFLOW,
      name: 'Basic KYC v2',
      custom_tags: { department: 'risk' },
      default_ttl_days: 14,
    };
    const v2 = ok(await api.put(`/kyc/workflows/${id}`, v2Body));
    expect(v2).toMatchObject({
      workflow_id: id,
      version: 2,
      latest_version: 2,
      name: 'Basic KYC v2',
      custom_tags: { department: 'risk' },
    });

    expect(ok(await api.get(`/kyc/workflows/${id}`))).toMatchObject({
      version: 2,
      name: 'Basic KYC v2',
      default_ttl_days: 14,
    });
    const v1 = ok(await api.get(`/kyc/workflows/${id}?version=1`));
    expect(v1).toMatchObject({
      workflow_id: id,
      version: 1,
      latest_version: 2,
      name: 'Basic KYC',
      default_ttl_days: 7,
    });
    expect(v1.custom_tags).toEqual({ department: 'onboarding', region: 'latam' });
    expect(ok(await api.get(`/kyc/workflows/${id}?version=2`))).toMatchObject({ version: 2 });

    expectError(await api.get(`/kyc/workflows/${id}?version=3`), 404, 'not_found');
    expectError(await api.get(`/kyc/workflows/${id}?version=0`), 400, 'invalid_request', ['version']);
    expectError(await api.get(`/kyc/workflows/${id}?version=two`), 400, 'invalid_request', ['version']);
  });

  it('lists the tenant’s workflows at their latest version, and only theirs', async () => {
    const { api } = await tenantClient(platform.url);
    const { api: other } = await tenantClient(platform.url, undefined, 'Other');
    const a = ok(await api.post('/kyc/workflows', { ...BASIC_WORKFLOW, name: 'A' }), 201);
    const b = ok(await api.post('/kyc/workflows', { ...BASIC_WORKFLOW, name: 'B' }), 201);
    ok(await api.put(`/kyc/workflows/${b.workflow_id}`, { ...BASIC_WORKFLOW, name: 'B2' }));
    const foreign = ok(await other.post('/kyc/workflows', { ...BASIC_WORKFLOW, name: 'Foreign' }), 201);

    const list = ok(await api.get('/kyc/workflows'));
    const byId = new Map<string, { name: string; version: number; archived: boolean }>(
      list.workflows.map((w: { workflow_id: string }) => [w.workflow_id, w]),
    );
    expect(list.workflows).toHaveLength(2);
    expect(byId.get(a.workflow_id)).toMatchObject({ name: 'A', version: 1, archived: false });
    expect(byId.get(b.workflow_id)).toMatchObject({ name: 'B2', version: 2, archived: false });
    expect(byId.has(foreign.workflow_id)).toBe(false);

    // Another tenant's workflow does not exist for this one.
    expectError(await api.get(`/kyc/workflows/${foreign.workflow_id}`), 404, 'not_found');
    expectError(await api.put(`/kyc/workflows/${foreign.workflow_id}`, BASIC_WORKFLOW), 404, 'not_found');
    expectError(await api.delete(`/kyc/workflows/${foreign.workflow_id}`), 404, 'not_found');
    expectError(await api.post('/kyc/sessions', { workflow_id: foreign.workflow_id }), 404, 'not_found');
  });

  it('keeps a session on the version and custom_tags it pinned when the workflow gets a new version', async () => {
    const { api } = await tenantClient(platform.url);
    const wf = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201);
    const before = ok(await api.post('/kyc/sessions', { workflow_id: wf.workflow_id }), 201);
    expect(before.workflow_version).toBe(1);

    const v2Body = {
      name: 'Basic KYC (short)',
      steps: [
        {
          step_id: 'contact',
          type: 'form',
          fields: [{ field_id: 'email', name: 'Email', type: 'email', required: true }],
        },
      ],
      custom_tags: { department: 'growth' },
      default_ttl_days: 30,
    };
    ok(await api.put(`/kyc/workflows/${wf.workflow_id}`, v2Body));
    const after = ok(await api.post('/kyc/sessions', { workflow_id: wf.workflow_id }), 201);

    expect(after).toMatchObject({ workflow_version: 2, custom_tags: { department: 'growth' }, ttl_days: 30 });
    expect(after.steps_data.map((s: { step_id: string }) => s.step_id)).toEqual(['contact']);

    const pinned = ok(await api.get(`/kyc/sessions/${before.session_id}`));
    expect(pinned.workflow_version).toBe(1);
    expect(pinned.custom_tags).toEqual({ department: 'onboarding', region: 'latam' });
    expect(pinned.ttl_days).toBe(7);
    expect(pinned.steps_data.map((s: { step_id: string }) => s.step_id)).toEqual([
      'id_document',
      'selfie',
      'personal_info',
    ]);

    // The old session is still completed against its own version's steps.
    await completeBasicSession(platform.url, before.access_token);
    expect(ok(await api.get(`/kyc/sessions/${before.session_id}`)).status).toBe('completed');

    const rows = ok(await api.get(`/kyc/sessions?workflow_id=${wf.workflow_id}`)).sessions;
    const versions = Object.fromEntries(
      rows.map((r: { session_id: string; workflow_version: number }) => [r.session_id, r.workflow_version]),
    );
    expect(versions).toEqual({ [before.session_id]: 1, [after.session_id]: 2 });
  });

  it('archives with DELETE: no new sessions, existing ones continue', async () => {
    const { api } = await tenantClient(platform.url);
    const wf = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201);
    const existing = ok(await api.post('/kyc/sessions', { workflow_id: wf.workflow_id }), 201);

    expect(ok(await api.delete(`/kyc/workflows/${wf.workflow_id}`))).toEqual({
      workflow_id: wf.workflow_id,
      archived: true,
    });

    expectError(await api.post('/kyc/sessions', { workflow_id: wf.workflow_id }), 400, 'invalid_request', [
      'workflow_id',
    ]);
    const got = ok(await api.get(`/kyc/workflows/${wf.workflow_id}`));
    expect(got).toMatchObject({ archived: true, version: 1 });
    const listed = ok(await api.get('/kyc/workflows')).workflows.find(
      (w: { workflow_id: string }) => w.workflow_id === wf.workflow_id,
    );
    expect(listed).toMatchObject({ archived: true });

    // An archived workflow takes no new versions and cannot be archived twice.
    expectError(await api.put(`/kyc/workflows/${wf.workflow_id}`, BASIC_WORKFLOW), 409, 'invalid_transition');
    expectError(await api.delete(`/kyc/workflows/${wf.workflow_id}`), 409, 'invalid_transition');

    // The session created before keeps working, through the end user's link and the reviewer's API.
    await completeBasicSession(platform.url, existing.access_token);
    expect(ok(await api.patch(`/kyc/sessions/${existing.session_id}`, { status: 'approved' }))).toMatchObject(
      { status: 'approved' },
    );
  });

  it('rejects invalid definitions with 400 and field paths', async () => {
    const { api } = await tenantClient(platform.url);
    const cases: { body: unknown; fields: string[] }[] = [
      {
        body: {
          name: 'Bad field type',
          steps: [
            { step_id: 'selfie', type: 'selfie' },
            { step_id: 'info', type: 'form', fields: [{ field_id: 'x', name: 'X', type: 'colour' }] },
          ],
        },
        fields: ['steps[1].fields[0].type'],
      },
      { body: { name: 'No steps', steps: [] }, fields: ['steps'] },
      { body: { steps: [{ step_id: 'selfie', type: 'selfie' }] }, fields: ['name'] },
      {
        body: { name: 'Bad step type', steps: [{ step_id: 's', type: 'video' }] },
        fields: ['steps[0].type'],
      },
      {
        body: { name: 'Form without fields', steps: [{ step_id: 'info', type: 'form' }] },
        fields: ['steps[0].fields'],
      },
      {
        body: { name: 'Document without types', steps: [{ step_id: 'doc', type: 'document' }] },
        fields: ['steps[0].document_types'],
      },
      {
        body: {
          name: 'Unknown document type',
          steps: [{ step_id: 'doc', type: 'document', document_types: ['id', 'photo'] }],
        },
        fields: ['steps[0].document_types'],
      },
      {
        body: {
          name: 'Duplicate steps',
          steps: [
            { step_id: 'a', type: 'selfie' },
            { step_id: 'a', type: 'selfie' },
          ],
        },
        fields: ['steps[1].step_id'],
      },
      {
        body: {
          name: 'Duplicate fields',
          steps: [
            {
              step_id: 'info',
              type: 'form',
              fields: [
                { field_id: 'a', name: 'A', type: 'text' },
                { field_id: 'a', name: 'A again', type: 'text' },
              ],
            },
          ],
        },
        fields: ['steps[0].fields[1].field_id'],
      },
      {
        body: {
          name: 'Select without options',
          steps: [{ step_id: 'info', type: 'form', fields: [{ field_id: 'c', name: 'C', type: 'select' }] }],
        },
        fields: ['steps[0].fields[0].options'],
      },
      {
        body: { name: 'Bad step id', steps: [{ step_id: 'has space', type: 'selfie' }] },
        fields: ['steps[0].step_id'],
      },
      {
        body: { name: 'TTL', steps: [{ step_id: 's', type: 'selfie' }], default_ttl_days: 91 },
        fields: ['default_ttl_days'],
      },
      {
        body: { name: 'Tags', steps: [{ step_id: 's', type: 'selfie' }], custom_tags: { a: 1 } },
        fields: ['custom_tags'],
      },
      {
        body: { name: 'Unknown key', steps: [{ step_id: 's', type: 'selfie' }], colour: 'red' },
        fields: ['colour'],
      },
      {
        body: { name: 'Misplaced key', steps: [{ step_id: 's', type: 'selfie', document_types: ['id'] }] },
        fields: ['steps[0].document_types'],
      },
      {
        body: {
          name: 'Min over max',
          steps: [
            {
              step_id: 'ubos',
              type: 'subsessions',
              workflow_id: '00000000-0000-4000-8000-000000000000',
              min: 5,
              max: 2,
            },
          ],
        },
        fields: ['steps[0].min'],
      },
    ];
    for (const { body, fields } of cases) {
      const response = await api.post('/kyc/workflows', body);
      expectError(response, 400, 'invalid_request', fields);
    }
    // The same rules apply to a new version, and a refused version publishes nothing.
    const wf = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201);
    expectError(await api.put(`/kyc/workflows/${wf.workflow_id}`, cases[0].body), 400, 'invalid_request', [
      'steps[1].fields[0].type',
    ]);
    expect(ok(await api.get(`/kyc/workflows/${wf.workflow_id}`)).version).toBe(1);
    // Nothing was created by the refused requests.
    expect(ok(await api.get('/kyc/workflows')).workflows).toHaveLength(1);
  });

  it('checks that a subsessions step names a workflow of the same tenant', async () => {
    const { api } = await tenantClient(platform.url);
    const { api: other } = await tenantClient(platform.url, undefined, 'Other');
    const foreign = ok(await other.post('/kyc/workflows', BASIC_WORKFLOW), 201);
    const step = (workflowId: string) => ({
      name: 'Company',
      steps: [{ step_id: 'step_ubos', type: 'subsessions', workflow_id: workflowId, min: 0, max: 3 }],
    });
    expectError(
      await api.post('/kyc/workflows', step('00000000-0000-4000-8000-000000000000')),
      400,
      'invalid_request',
      ['steps[0].workflow_id'],
    );
    expectError(await api.post('/kyc/workflows', step(foreign.workflow_id)), 400, 'invalid_request', [
      'steps[0].workflow_id',
    ]);
    expectError(await api.post('/kyc/workflows', step('not-a-uuid')), 400, 'invalid_request', [
      'steps[0].workflow_id',
    ]);

    const ubo = ok(await api.post('/kyc/workflows', { ...BASIC_WORKFLOW, name: 'UBO' }), 201);
    const company = ok(await api.post('/kyc/workflows', step(ubo.workflow_id)), 201);
    expect(company.steps[0]).toEqual({
      step_id: 'step_ubos',
      type: 'subsessions',
      optional: false,
      workflow_id: ubo.workflow_id,
      min: 0,
      max: 3,
    });
  });

  it('answers 404 for unknown workflows, 400 for malformed ids, and enforces scopes', async () => {
    const { api } = await tenantClient(platform.url);
    const missing = '0190a8f0-0000-7000-8000-000000000000';
    expectError(await api.get(`/kyc/workflows/${missing}`), 404, 'not_found');
    expectError(await api.put(`/kyc/workflows/${missing}`, BASIC_WORKFLOW), 404, 'not_found');
    expectError(await api.delete(`/kyc/workflows/${missing}`), 404, 'not_found');
    expectError(await api.get('/kyc/workflows/not-a-uuid'), 400, 'invalid_request', ['workflow_id']);
    expectError(await api.post('/kyc/sessions', { workflow_id: missing }), 404, 'not_found');

    const { api: reader } = await tenantClient(platform.url, ['workflows:read']);
    expectError(await reader.post('/kyc/workflows', BASIC_WORKFLOW), 403, 'forbidden');
    ok(await reader.get('/kyc/workflows'));
    const { api: writer } = await tenantClient(platform.url, ['workflows:write']);
    expectError(await writer.get('/kyc/workflows'), 403, 'forbidden');
    expectError(await new ApiClient(platform.url).get('/kyc/workflows'), 401, 'unauthorized');
  });
});
