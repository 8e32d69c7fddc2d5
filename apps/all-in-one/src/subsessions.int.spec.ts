import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';
import { eventually, expectError, ok } from './testing/assertions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('subsessions', () => {
  let platform: TestPlatform;
  const user = () => new ApiClient(platform.url);

  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`subsessions.int.spec: ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  /** A company onboarding whose `step_ubos` collects 1 to 2 beneficial owners, each on the UBO workflow. */
  async function company() {
    const { api } = await tenantClient(platform.url);
    const ubo = ok(
      await api.post('/kyc/workflows', {
        ...BASIC_WORKFLOW,
        name: 'UBO verification',
        custom_tags: { party: 'ubo' },
      }),
      201,
    );
    const wf = ok(
      await api.post('/kyc/workflows', {
        name: 'Company KYC',
        steps: [
          {
            step_id: 'company_info',
            type: 'form',
            fields: [{ field_id: 'legal_name', name: 'Legal name', type: 'text', required: true }],
          },
          { step_id: 'step_ubos', type: 'subsessions', workflow_id: ubo.workflow_id, min: 1, max: 2 },
        ],
        custom_tags: { party: 'company' },
        default_ttl_days: 10,
      }),
      201,
    );
    const parent = ok(
      await api.post('/kyc/sessions', { workflow_id: wf.workflow_id, customer_id: 'cust_company' }),
      201,
    );
    const add = (label: string, metadata?: object) =>
      api.post(`/kyc/sessions/${parent.session_id}/subsessions`, {
        step_id: 'step_ubos',
        label,
        ...(metadata ? { metadata } : {}),
      });
    return { api, ubo, workflowId: wf.workflow_id as string, parent, add };
  }

  it('creates a subsession with the seed’s fields: a full session on the step’s workflow', async () => {
    const { api, ubo, parent, add } = await company();
    const sub = ok(await add('Juan Garcia - UBO', { ownership_percentage: 25 }), 201);
    expect(sub).toMatchObject({
      subsession_id: expect.stringMatching(UUID),
      access_token: expect.stringMatching(UUID),
      workflow_id: ubo.workflow_id,
      status: 'active',
      label: 'Juan Garcia - UBO',
      expires_at: expect.any(Number),
      created_at: expect.stringMatching(ISO),
    });
    expect(sub.access_link).toBe(`${platform.url}/public/sessions/${sub.access_token}`);
    expect(sub.access_token).not.toBe(parent.access_token);
    expect(sub.expires_at).toBeGreaterThanOrEqual(parent.expires_at);

    const child = ok(await api.get(`/kyc/sessions/${sub.subsession_id}`));
    expect(child).toMatchObject({
      session_id: sub.subsession_id,
      parent_session_id: parent.session_id,
      workflow_id: ubo.workflow_id,
      workflow_version: 1,
      status: 'active',
      access_token: sub.access_token,
      metadata: { ownership_percentage: 25 },
      custom_tags: { party: 'ubo' },
      customer_id: 'cust_company',
    });
    expect(child.steps_data.map((s: { step_id: string }) => s.step_id)).toEqual([
      'id_document',
      'selfie',
      'personal_info',
    ]);
    expect(ok(await api.get(`/kyc/sessions/${parent.session_id}`)).subsessions).toEqual([
      { subsession_id: sub.subsession_id, step_id: 'step_ubos', label: 'Juan Garcia - UBO' },
    ]);
    expect(ok(await user().get(`/public/api/sessions/${sub.access_token}`))).toMatchObject({
      session_id: sub.subsession_id,
      status: 'active',
    });
  });

  it('lists subsessions with total, completed and pending', async () => {
    const { api, parent, add } = await company();
    const juan = ok(await add('Juan Garcia - UBO'), 201);
    const maria = ok(await add('Maria Lopez - UBO'), 201);
    await completeBasicSession(platform.url, juan.access_token);

    // The list is read from the read model, which follows the end user's completion shortly after.
    const list = await eventually(async () => {
      const current = ok(await api.get(`/kyc/sessions/${parent.session_id}/subsessions`));
      expect(current).toMatchObject({ total: 2, completed: 1, pending: 1 });
      return current;
    });
    const [first, second] = list.subsessions;
    expect(first).toMatchObject({
      subsession_id: juan.subsession_id,
      access_token: juan.access_token,
      access_link: juan.access_link,
      status: 'completed',
      workflow_id: juan.workflow_id,
      label: 'Juan Garcia - UBO',
      created_at: juan.created_at,
      expires_at: juan.expires_at,
      completed_at: expect.stringMatching(ISO),
    });
    expect(second).toMatchObject({
      subsession_id: maria.subsession_id,
      status: 'active',
      label: 'Maria Lopez - UBO',
    });
    expect(second).not.toHaveProperty('completed_at');

    // The step's max is enforced; only subsessions steps take subsessions.
    expectError(await add('Third owner'), 400, 'invalid_request', ['step_id']);
    expectError(
      await api.post(`/kyc/sessions/${parent.session_id}/subsessions`, {
        step_id: 'company_info',
        label: 'X',
      }),
      400,
      'invalid_request',
      ['step_id'],
    );
    expectError(
      await api.post(`/kyc/sessions/${parent.session_id}/subsessions`, { step_id: 'nope', label: 'X' }),
      400,
      'invalid_request',
      ['step_id'],
    );
    expectError(
      await api.post(`/kyc/sessions/${parent.session_id}/subsessions`, { step_id: 'step_ubos' }),
      400,
      'invalid_request',
      ['label'],
    );
    expect(ok(await api.get(`/kyc/sessions/${parent.session_id}/subsessions`)).total).toBe(2);
  });

  it('regenerates a subsession link: the new token works, the old one is dead', async () => {
    const { api, parent, add } = await company();
    const sub = ok(await add('Juan Garcia - UBO'), 201);
    const again = ok(
      await api.post(`/kyc/sessions/${parent.session_id}/subsessions/${sub.subsession_id}/regenerate-link`),
    );
    expect(again).toEqual({
      subsession_id: sub.subsession_id,
      access_token: expect.stringMatching(UUID),
      access_link: expect.any(String),
      expires_at: sub.expires_at,
    });
    expect(again.access_token).not.toBe(sub.access_token);
    expect(again.access_link).toBe(`${platform.url}/public/sessions/${again.access_token}`);

    expectError(await user().get(`/public/api/sessions/${sub.access_token}`), 404, 'not_found');
    expect(ok(await user().get(`/public/api/sessions/${again.access_token}`)).session_id).toBe(
      sub.subsession_id,
    );
    const [row] = ok(await api.get(`/kyc/sessions/${parent.session_id}/subsessions`)).subsessions;
    expect(row.access_token).toBe(again.access_token);
    // The parent's own link is untouched.
    expect(ok(await user().get(`/public/api/sessions/${parent.access_token}`)).session_id).toBe(
      parent.session_id,
    );
  });

  it('deletes a subsession: it is gone from the parent, the list and every route', async () => {
    const { api, parent, add } = await company();
    const keep = ok(await add('Keep me'), 201);
    const sub = ok(await add('Delete me'), 201);
    const path = `/kyc/sessions/${parent.session_id}/subsessions/${sub.subsession_id}`;
    expect(ok(await api.delete(path))).toEqual({ subsession_id: sub.subsession_id, deleted: true });

    expectError(await api.get(`/kyc/sessions/${sub.subsession_id}`), 404, 'not_found');
    expectError(await user().get(`/public/api/sessions/${sub.access_token}`), 404, 'not_found');
    expectError(await api.delete(path), 404, 'not_found');
    expectError(await api.post(`${path}/regenerate-link`), 404, 'not_found');
    const list = ok(await api.get(`/kyc/sessions/${parent.session_id}/subsessions`));
    expect(list).toMatchObject({ total: 1, completed: 0, pending: 1 });
    expect(list.subsessions.map((s: { subsession_id: string }) => s.subsession_id)).toEqual([
      keep.subsession_id,
    ]);
    expect(
      ok(await api.get(`/kyc/sessions/${parent.session_id}`)).subsessions.map(
        (s: { label: string }) => s.label,
      ),
    ).toEqual(['Keep me']);
    await eventually(async () => {
      const rows = ok(await api.get('/kyc/sessions?include_subsessions=true')).sessions;
      expect(rows.map((r: { session_id: string }) => r.session_id).sort()).toEqual(
        [parent.session_id, keep.subsession_id].sort(),
      );
    });
    // The freed slot can be used again.
    ok(await add('Replacement'), 201);
  });

  it('lets the end user add and list subsessions through the public API and complete the step', async () => {
    const { api, parent } = await company();
    const base = `/public/api/sessions/${parent.access_token}`;
    ok(await user().put(`${base}/steps/company_info/form`, { values: { legal_name: 'Acme SA' } }));
    ok(await user().post(`${base}/steps/company_info/complete`));
    expectError(await user().post(`${base}/steps/step_ubos/complete`), 400, 'invalid_request', [
      'subsessions',
    ]);

    const sub = ok(
      await user().post(`${base}/subsessions`, {
        step_id: 'step_ubos',
        label: 'Juan Garcia - UBO',
        metadata: { ownership_percentage: 40 },
      }),
      201,
    );
    expect(sub).toMatchObject({
      subsession_id: expect.stringMatching(UUID),
      status: 'active',
      label: 'Juan Garcia - UBO',
    });
    expect(sub.access_link).toBe(`${platform.url}/public/sessions/${sub.access_token}`);

    const listed = ok(await user().get(`${base}/subsessions`));
    expect(listed).toMatchObject({ total: 1, completed: 0, pending: 1 });
    expect(listed.subsessions[0]).toMatchObject({
      subsession_id: sub.subsession_id,
      label: 'Juan Garcia - UBO',
    });
    const view = ok(await user().get(base));
    expect(view.steps[1].status).toBe('in_progress');

    // The subsession belongs to the tenant like any other session, with the actor recorded as the end user.
    expect(ok(await api.get(`/kyc/sessions/${sub.subsession_id}`))).toMatchObject({
      parent_session_id: parent.session_id,
      metadata: { ownership_percentage: 40 },
    });
    const trail = ok(await api.get(`/kyc/sessions/${parent.session_id}/events`)).events;
    expect(trail.find((e: { type: string }) => e.type === 'SubsessionCreated').actor).toEqual({
      type: 'end_user',
      id: parent.session_id,
    });

    await completeBasicSession(platform.url, sub.access_token);
    await eventually(async () =>
      expect(ok(await user().get(`${base}/subsessions`))).toMatchObject({
        total: 1,
        completed: 1,
        pending: 0,
      }),
    );
    const done = ok(await user().post(`${base}/steps/step_ubos/complete`));
    expect(done.status).toBe('completed');
    expect(ok(await api.get(`/kyc/sessions/${parent.session_id}`)).status).toBe('completed');

    // A completed parent takes no more subsessions from the end user.
    expectError(
      await user().post(`${base}/subsessions`, { step_id: 'step_ubos', label: 'Late' }),
      409,
      'invalid_transition',
    );
    expectError(
      await user().get('/public/api/sessions/00000000-0000-4000-8000-000000000000/subsessions'),
      404,
      'not_found',
    );
  });

  it('hides subsessions from GET /kyc/sessions unless asked, and marks their rows with parent_session_id', async () => {
    const { api, parent, add } = await company();
    const a = ok(await add('A'), 201);
    const b = ok(await add('B'), 201);
    const other = ok(await api.post('/kyc/sessions', { workflow_id: a.workflow_id }), 201);

    const ids = (rows: { session_id: string }[]) => rows.map((r) => r.session_id).sort();
    const top = ok(await api.get('/kyc/sessions')).sessions;
    expect(ids(top)).toEqual([parent.session_id, other.session_id].sort());
    for (const row of top) expect(row).not.toHaveProperty('parent_session_id');

    const children = ok(await api.get(`/kyc/sessions?parent_session_id=${parent.session_id}`)).sessions;
    expect(ids(children)).toEqual([a.subsession_id, b.subsession_id].sort());
    for (const row of children) expect(row.parent_session_id).toBe(parent.session_id);
    expect(children.map((r: { label: string }) => r.label).sort()).toEqual(['A', 'B']);

    const all = ok(await api.get('/kyc/sessions?include_subsessions=true&include_summary=true'));
    expect(ids(all.sessions)).toEqual(
      [parent.session_id, other.session_id, a.subsession_id, b.subsession_id].sort(),
    );
    expect(all.summary.total).toBe(4);
    expect(ok(await api.get('/kyc/sessions?include_summary=true')).summary.total).toBe(2);
    expect(ok(await api.get(`/kyc/sessions?parent_session_id=${other.session_id}`)).sessions).toEqual([]);
    expectError(await api.get('/kyc/sessions?parent_session_id=nope'), 400, 'invalid_request', [
      'parent_session_id',
    ]);
  });

  it('deletes the subsessions with their parent', async () => {
    const { api, parent, add } = await company();
    const a = ok(await add('A'), 201);
    const b = ok(await add('B'), 201);
    await completeBasicSession(platform.url, a.access_token);
    expect(ok(await api.delete(`/kyc/sessions/${parent.session_id}`))).toEqual({
      session_id: parent.session_id,
      deleted: true,
    });

    for (const sub of [a, b]) {
      expectError(await api.get(`/kyc/sessions/${sub.subsession_id}`), 404, 'not_found');
      expectError(await user().get(`/public/api/sessions/${sub.access_token}`), 404, 'not_found');
      expectError(await api.delete(`/kyc/sessions/${sub.subsession_id}`), 404, 'not_found');
    }
    expectError(await api.get(`/kyc/sessions/${parent.session_id}/subsessions`), 404, 'not_found');
    expectError(
      await api.post(`/kyc/sessions/${parent.session_id}/subsessions/${a.subsession_id}/regenerate-link`),
      404,
      'not_found',
    );
    await eventually(async () => {
      expect(ok(await api.get('/kyc/sessions?include_subsessions=true')).sessions).toEqual([]);
    });
  });

  it('keeps subsessions to their own parent and tenant', async () => {
    const one = await company();
    const two = await company();
    const subOfOne = ok(await one.add('One'), 201);
    const parentTwo = two.parent.session_id;
    // Same tenant, wrong parent.
    const sameTenantOtherParent = ok(
      await one.api.post('/kyc/sessions', { workflow_id: one.workflowId }),
      201,
    );
    const wrongParent = `/kyc/sessions/${sameTenantOtherParent.session_id}/subsessions/${subOfOne.subsession_id}`;
    expectError(await one.api.post(`${wrongParent}/regenerate-link`), 404, 'not_found');
    expectError(await one.api.delete(wrongParent), 404, 'not_found');
    // Another tenant.
    expectError(await two.api.get(`/kyc/sessions/${one.parent.session_id}/subsessions`), 404, 'not_found');
    expectError(
      await two.api.post(`/kyc/sessions/${one.parent.session_id}/subsessions`, {
        step_id: 'step_ubos',
        label: 'X',
      }),
      404,
      'not_found',
    );
    expectError(
      await two.api.post(`/kyc/sessions/${parentTwo}/subsessions/${subOfOne.subsession_id}/regenerate-link`),
      404,
      'not_found',
    );
    expectError(await two.api.get(`/kyc/sessions/${subOfOne.subsession_id}`), 404, 'not_found');
    // Still there for its owner.
    expect(ok(await one.api.get(`/kyc/sessions/${one.parent.session_id}/subsessions`)).total).toBe(1);
  });
});
