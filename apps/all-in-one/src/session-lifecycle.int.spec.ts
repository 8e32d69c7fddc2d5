import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { BASIC_WORKFLOW, completeBasicSession, fileForm, PNG_BYTES, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';
import { eventually, expectError, ok } from './testing/assertions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAY = 86_400;
const DAY_MS = DAY * 1000;

describe('session lifecycle', () => {
  let platform: TestPlatform;
  /** How far the platform's clock runs ahead of the real one; only ever moves forward. */
  let skewMs = 0;
  const clock = () => new Date(Date.now() + skewMs);
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);
  const user = () => new ApiClient(platform.url);
  const publicView = (token: string) => user().get(`/public/api/sessions/${token}`);

  beforeAll(async () => {
    platform = await startTestPlatform({ clock });
    console.log(`session-lifecycle.int.spec: ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  async function setup(workflow: object = BASIC_WORKFLOW) {
    const { api, tenantId } = await tenantClient(platform.url);
    const wf = ok(await api.post('/kyc/workflows', workflow), 201);
    const create = async (body: object = {}) =>
      ok(await api.post('/kyc/sessions', { workflow_id: wf.workflow_id, ...body }), 201);
    return { api, tenantId, workflowId: wf.workflow_id as string, create };
  }

  async function completed(body: object = {}) {
    const ctx = await setup();
    const session = await ctx.create(body);
    await completeBasicSession(platform.url, session.access_token);
    return { ...ctx, session };
  }

  describe('create', () => {
    it('answers with the seed’s fields', async () => {
      const { api, tenantId, workflowId, create } = await setup();
      const before = nowSeconds();
      const metadata = { user_email: 'user@example.com', user_name: 'John Doe' };
      const s = await create({
        ttl_days: 3,
        metadata,
        customer_id: 'cust_abc123',
        assigned_to: 'user_abc123',
      });
      const after = nowSeconds();

      expect(s.session_id).toMatch(UUID);
      expect(s.access_token).toMatch(UUID);
      expect(s.access_token).not.toBe(s.session_id);
      expect(s.access_link).toBe(`${platform.url}/public/sessions/${s.access_token}`);
      expect(s).toMatchObject({
        tenant_id: tenantId,
        workflow_id: workflowId,
        workflow_version: 1,
        status: 'active',
        current_step_index: 0,
        ttl_days: 3,
        metadata,
        custom_tags: { department: 'onboarding', region: 'latam' },
        customer_id: 'cust_abc123',
        priority: 'medium',
        assigned_to: 'user_abc123',
      });
      expect(Number.isInteger(s.expires_at)).toBe(true);
      expect(s.expires_at).toBeGreaterThanOrEqual(before + 3 * DAY);
      expect(s.expires_at).toBeLessThanOrEqual(after + 3 * DAY);
      expect(
        s.steps_data.map((step: { step_id: string; status: string }) => [step.step_id, step.status]),
      ).toEqual([
        ['id_document', 'pending'],
        ['selfie', 'pending'],
        ['personal_info', 'pending'],
      ]);
      expect(s.created_at).toMatch(ISO);
      expect(s.updated_at).toBe(s.created_at);

      // GET returns the same session.
      const got = ok(await api.get(`/kyc/sessions/${s.session_id}`));
      expect(got).toMatchObject({
        session_id: s.session_id,
        access_token: s.access_token,
        expires_at: s.expires_at,
        metadata,
      });
      // The link works for the end user.
      expect(ok(await publicView(s.access_token))).toMatchObject({
        session_id: s.session_id,
        status: 'active',
        current_step_index: 0,
      });
    });

    it('takes ttl_days from the workflow by default and validates the body', async () => {
      const { create, api, workflowId } = await setup({ ...BASIC_WORKFLOW, default_ttl_days: 21 });
      const before = nowSeconds();
      const s = await create();
      expect(s.ttl_days).toBe(21);
      expect(s.expires_at - before).toBeGreaterThanOrEqual(21 * DAY);
      expect(s.expires_at - before).toBeLessThanOrEqual(21 * DAY + 5);
      expect(s.metadata).toEqual({});
      expect(s.priority).toBe('medium');

      const post = (body: object) => api.post('/kyc/sessions', { workflow_id: workflowId, ...body });
      expectError(await post({ ttl_days: 0 }), 400, 'invalid_request', ['ttl_days']);
      expectError(await post({ ttl_days: 91 }), 400, 'invalid_request', ['ttl_days']);
      expectError(await post({ ttl_days: 2.5 }), 400, 'invalid_request', ['ttl_days']);
      expectError(await post({ metadata: { blob: 'x'.repeat(17 * 1024) } }), 400, 'invalid_request', [
        'metadata',
      ]);
      expectError(await post({ metadata: ['not', 'an', 'object'] }), 400, 'invalid_request', ['metadata']);
      expectError(await post({ priority: 'urgent' }), 400, 'invalid_request', ['priority']);
      expectError(await post({ activate: 'yes' }), 400, 'invalid_request', ['activate']);
      expectError(await api.post('/kyc/sessions', {}), 400, 'invalid_request', ['workflow_id']);
      expect(ok(await api.get('/kyc/sessions')).sessions).toHaveLength(1);
    });

    it('creates a draft with activate:false whose link is 404 until generate-link activates it', async () => {
      const { api, create } = await setup();
      const draft = await create({ activate: false });
      expect(draft.status).toBe('draft');
      expect(draft.compliance_status).toBe('incomplete');
      expectError(await publicView(draft.access_token), 404, 'not_found');
      expectError(
        await user().put(`/public/api/sessions/${draft.access_token}/steps/personal_info/form`, {
          values: { full_name: 'X' },
        }),
        404,
        'not_found',
      );

      const link = ok(await api.post(`/kyc/sessions/${draft.session_id}/generate-link`));
      expect(link).toMatchObject({ session_id: draft.session_id, expires_at: draft.expires_at });
      expect(link.access_token).toMatch(UUID);
      expect(link.access_token).not.toBe(draft.access_token);
      expect(link.link).toBe(`${platform.url}/public/sessions/${link.access_token}`);

      expect(ok(await api.get(`/kyc/sessions/${draft.session_id}`)).status).toBe('active');
      expect(ok(await publicView(link.access_token)).status).toBe('active');
      expectError(await publicView(draft.access_token), 404, 'not_found');
    });
  });

  it('shows the completed session with documents and form data as the seed does', async () => {
    const { api, session } = await completed();
    const s = ok(await api.get(`/kyc/sessions/${session.session_id}`));
    expect(s.status).toBe('completed');
    expect(s.current_step_index).toBe(3);
    expect(s.completed_at).toMatch(ISO);
    const [idStep, selfie, form] = s.steps_data;
    for (const step of s.steps_data) {
      expect(step.status).toBe('completed');
      expect(step.started_at).toMatch(ISO);
      expect(step.completed_at).toMatch(ISO);
    }
    expect(idStep.documents).toHaveLength(1);
    expect(idStep.documents[0]).toMatchObject({
      type: 'id',
      file_name: 'id.png',
      mime_type: 'image/png',
      size: PNG_BYTES.length,
    });
    expect(idStep.documents[0].doc_id).toMatch(/^doc_/);
    expect(idStep.documents[0].uploaded_at).toMatch(ISO);
    expect(selfie.documents[0]).toMatchObject({
      type: 'selfie',
      file_name: 'selfie.png',
      mime_type: 'image/png',
    });
    expect(form.form_data).toEqual({
      full_name: 'John Doe',
      date_of_birth: '1990-01-15',
      email: 'john@example.com',
    });
    expect(s.form_data).toEqual({
      full_name: { field_id: 'full_name', name: 'Full Name', type: 'name', value: 'John Doe' },
      date_of_birth: { field_id: 'date_of_birth', name: 'Date of Birth', type: 'date', value: '1990-01-15' },
      email: { field_id: 'email', name: 'Email', type: 'email', value: 'john@example.com' },
    });
    // The end user can no longer change a completed session.
    expectError(
      await user().put(`/public/api/sessions/${session.access_token}/steps/personal_info/form`, {
        values: { full_name: 'Jane' },
      }),
      409,
      'invalid_transition',
    );
  });

  describe('PATCH', () => {
    const patch = (api: ApiClient, id: string, body: object) => api.patch(`/kyc/sessions/${id}`, body);

    for (const to of ['approved', 'rejected', 'manual_review'] as const) {
      it(`moves a completed session to ${to}`, async () => {
        const { api, session } = await completed();
        const result = ok(await patch(api, session.session_id, { status: to, notes: `decided ${to}` }));
        expect(result).toEqual({
          session_id: session.session_id,
          status: to,
          updated_at: expect.stringMatching(ISO),
        });
        const got = ok(await api.get(`/kyc/sessions/${session.session_id}`));
        expect(got).toMatchObject({
          status: to,
          notes: `decided ${to}`,
          final_decision: to === 'manual_review' ? null : to,
        });
        expect(got.updated_at).toBe(result.updated_at);
      });
    }

    it('decides from manual_review, reopens approved and rejected to manual_review', async () => {
      const { api, session } = await completed();
      const id = session.session_id;
      const status = async (to: string) => ok(await patch(api, id, { status: to })).status;
      expect(await status('manual_review')).toBe('manual_review');
      expect(await status('approved')).toBe('approved');
      expect(ok(await api.get(`/kyc/sessions/${id}`)).final_decision).toBe('approved');
      expect(await status('manual_review')).toBe('manual_review');
      expect(ok(await api.get(`/kyc/sessions/${id}`)).final_decision).toBeNull();
      expect(await status('rejected')).toBe('rejected');
      expect(ok(await api.get(`/kyc/sessions/${id}`)).final_decision).toBe('rejected');
      expect(await status('manual_review')).toBe('manual_review');
      expect(await status('rejected')).toBe('rejected');

      const list = await eventually(async () => {
        const rows = ok(await api.get('/kyc/sessions')).sessions;
        expect(rows[0]).toMatchObject({ status: 'rejected', compliance_status: 'rejected' });
        return rows;
      });
      expect(list).toHaveLength(1);
    });

    it('refuses illegal transitions with 409 invalid_transition', async () => {
      const { api, create } = await setup();
      const active = await create();
      const draft = await create({ activate: false });
      const refused = async (id: string, to: string) =>
        expectError(await patch(api, id, { status: to }), 409, 'invalid_transition');

      for (const to of ['approved', 'rejected', 'manual_review', 'active'])
        await refused(active.session_id, to);
      for (const to of ['approved', 'rejected', 'manual_review', 'active'])
        await refused(draft.session_id, to);

      await completeBasicSession(platform.url, active.access_token);
      await refused(active.session_id, 'active');
      ok(await patch(api, active.session_id, { status: 'approved' }));
      await refused(active.session_id, 'approved');
      await refused(active.session_id, 'rejected');
      await refused(active.session_id, 'active');
      ok(await patch(api, active.session_id, { status: 'manual_review' }));
      await refused(active.session_id, 'manual_review');
      ok(await patch(api, active.session_id, { status: 'rejected' }));
      await refused(active.session_id, 'rejected');
      await refused(active.session_id, 'approved');

      ok(
        await api.post(`/kyc/sessions/${active.session_id}/corrections`, {
          corrections: [{ step_id: 'selfie', message: 'Retake' }],
        }),
      );
      for (const to of ['approved', 'rejected', 'manual_review', 'active'])
        await refused(active.session_id, to);
      // A refused PATCH changed nothing.
      const got = ok(await api.get(`/kyc/sessions/${active.session_id}`));
      expect(got.status).toBe('awaiting_client_correction');
      expect(ok(await api.get(`/kyc/sessions/${draft.session_id}`)).status).toBe('draft');
    });

    it('updates notes, assigned_to and priority without a status change, and validates the body', async () => {
      const { api, create } = await setup();
      const s = await create({ priority: 'low' });
      const result = ok(
        await patch(api, s.session_id, {
          notes: 'Called the customer',
          assigned_to: 'reviewer_7',
          priority: 'high',
        }),
      );
      expect(result).toMatchObject({ session_id: s.session_id, status: 'active' });
      const got = ok(await api.get(`/kyc/sessions/${s.session_id}`));
      expect(got).toMatchObject({
        status: 'active',
        notes: 'Called the customer',
        assigned_to: 'reviewer_7',
        priority: 'high',
      });
      await eventually(async () => {
        const [row] = ok(await api.get('/kyc/sessions')).sessions;
        expect(row).toMatchObject({ assigned_to: 'reviewer_7', priority: 'high' });
      });

      ok(await patch(api, s.session_id, { assigned_to: null }));
      expect(ok(await api.get(`/kyc/sessions/${s.session_id}`))).toMatchObject({
        assigned_to: null,
        notes: 'Called the customer',
      });

      expectError(await patch(api, s.session_id, {}), 400, 'invalid_request');
      expectError(await patch(api, s.session_id, { status: 'processing' }), 400, 'invalid_request', [
        'status',
      ]);
      expectError(await patch(api, s.session_id, { status: 'completed' }), 400, 'invalid_request', [
        'status',
      ]);
      expectError(await patch(api, s.session_id, { priority: 'urgent' }), 400, 'invalid_request', [
        'priority',
      ]);
      expectError(await patch(api, s.session_id, { owner: 'x' }), 400, 'invalid_request', ['owner']);
      expectError(await patch(api, '0190a8f0-0000-7000-8000-000000000000', { notes: 'x' }), 404, 'not_found');
    });
  });

  describe('links', () => {
    it('generate-link replaces the token: the new one works, the old one is 404 at once', async () => {
      const { api, create } = await setup();
      const s = await create();
      const user1 = `/public/api/sessions/${s.access_token}`;
      ok(await user().put(`${user1}/steps/personal_info/form`, { values: { full_name: 'John Doe' } }));

      const link = ok(await api.post(`/kyc/sessions/${s.session_id}/generate-link`));
      expect(link).toEqual({
        session_id: s.session_id,
        status: 'active',
        access_token: expect.stringMatching(UUID),
        link: expect.stringMatching(/\/public\/sessions\//),
        expires_at: s.expires_at,
      });
      expect(link.access_token).not.toBe(s.access_token);

      expectError(await publicView(s.access_token), 404, 'not_found');
      expectError(
        await user().put(`${user1}/steps/personal_info/form`, { values: { full_name: 'Mallory' } }),
        404,
        'not_found',
      );
      const view = ok(await publicView(link.access_token));
      expect(view.steps[2].values).toEqual({ full_name: 'John Doe' });
      expect(ok(await api.get(`/kyc/sessions/${s.session_id}`)).access_token).toBe(link.access_token);
    });

    it('extend moves expires_at and answers {session_id, status, expires_at}', async () => {
      const { api, create } = await setup();
      const s = await create({ ttl_days: 2 });
      const extended = ok(
        await api.post(`/kyc/sessions/${s.session_id}/extend`, { extend_days: 7, comment: 'More time' }),
      );
      expect(extended).toEqual({
        session_id: s.session_id,
        status: 'active',
        expires_at: s.expires_at + 7 * DAY,
      });
      expect(ok(await api.get(`/kyc/sessions/${s.session_id}`)).expires_at).toBe(s.expires_at + 7 * DAY);
      expect(ok(await publicView(s.access_token)).expires_at).toBe(s.expires_at + 7 * DAY);
      await eventually(async () => {
        const [row] = ok(await api.get('/kyc/sessions')).sessions;
        expect(row.expires_at).toBe(s.expires_at + 7 * DAY);
      });

      const extend = (body: object) => api.post(`/kyc/sessions/${s.session_id}/extend`, body);
      expectError(await extend({ extend_days: 0 }), 400, 'invalid_request', ['extend_days']);
      expectError(await extend({ extend_days: 91 }), 400, 'invalid_request', ['extend_days']);
      expectError(await extend({}), 400, 'invalid_request', ['extend_days']);
      expect(ok(await api.get(`/kyc/sessions/${s.session_id}`)).expires_at).toBe(s.expires_at + 7 * DAY);
    });

    it('expires a session past its TTL and revives it with extend or PATCH active', async () => {
      const { api, create } = await setup();
      const active = await create({ ttl_days: 1 });
      const draft = await create({ ttl_days: 1, activate: false });
      const inCorrection = await create({ ttl_days: 1 });
      await completeBasicSession(platform.url, inCorrection.access_token);
      ok(
        await api.post(`/kyc/sessions/${inCorrection.session_id}/corrections`, {
          corrections: [{ step_id: 'selfie', message: 'Retake' }],
        }),
      );
      const done = await create({ ttl_days: 1 });
      await completeBasicSession(platform.url, done.access_token);

      await eventually(async () => {
        const rows = ok(await api.get('/kyc/sessions?status=awaiting_client_correction')).sessions;
        expect(rows.map((r: { session_id: string }) => r.session_id)).toEqual([inCorrection.session_id]);
      });
      // Not yet due: the sweeper leaves these sessions alone.
      await platform.sweeper.sweepOnce();
      expect(ok(await api.get(`/kyc/sessions/${active.session_id}`)).status).toBe('active');

      skewMs += DAY_MS + 60_000;
      expectError(await publicView(active.access_token), 410, 'link_expired');
      expectError(
        await user().put(`/public/api/sessions/${active.access_token}/steps/personal_info/form`, {
          values: { full_name: 'X' },
        }),
        410,
        'link_expired',
      );
      expectError(await publicView(inCorrection.access_token), 410, 'link_expired');

      expect(await platform.sweeper.sweepOnce()).toBeGreaterThanOrEqual(3);
      const status = async (id: string) => ok(await api.get(`/kyc/sessions/${id}`)).status;
      expect(await status(active.session_id)).toBe('expired');
      expect(await status(draft.session_id)).toBe('expired');
      expect(await status(inCorrection.session_id)).toBe('expired');
      expect(await status(done.session_id)).toBe('completed');
      expectError(await publicView(active.access_token), 410, 'link_expired');

      const rows = await eventually(async () => {
        const list = ok(await api.get('/kyc/sessions?status=expired')).sessions;
        expect(list).toHaveLength(3);
        return list;
      });
      for (const row of rows) expect(row.compliance_status).toBe('incomplete');
      const events = ok(await api.get(`/kyc/sessions/${active.session_id}/events`)).events;
      expect(events.at(-1)).toMatchObject({
        type: 'SessionExpired',
        actor: { type: 'system' },
        data: { previous_status: 'active' },
      });

      // A new link for an expired session would be dead on arrival: extend it first.
      expectError(
        await api.post(`/kyc/sessions/${active.session_id}/generate-link`),
        409,
        'invalid_transition',
      );

      // extend revives each to the status it had before.
      const extended = ok(await api.post(`/kyc/sessions/${active.session_id}/extend`, { extend_days: 3 }));
      expect(extended).toEqual({
        session_id: active.session_id,
        status: 'active',
        expires_at: expect.any(Number),
      });
      expect(extended.expires_at).toBeGreaterThanOrEqual(nowSeconds() + 3 * DAY - 5);
      expect(ok(await publicView(active.access_token)).status).toBe('active');
      expect(
        ok(await api.post(`/kyc/sessions/${inCorrection.session_id}/extend`, { extend_days: 3 })).status,
      ).toBe('awaiting_client_correction');
      expect(ok(await publicView(inCorrection.access_token)).status).toBe('awaiting_client_correction');
      expect(ok(await api.post(`/kyc/sessions/${draft.session_id}/extend`, { extend_days: 3 })).status).toBe(
        'draft',
      );

      // Expire again; PATCH status active reactivates, with a link that works. The sweeper finds its
      // candidates in the list, so the revived statuses must have reached it first.
      await eventually(async () => {
        const ids = ok(await api.get('/kyc/sessions?status=expired')).sessions.map(
          (r: { session_id: string }) => r.session_id,
        );
        expect(ids).toEqual([]);
      });
      skewMs += 4 * DAY_MS;
      await platform.sweeper.sweepOnce();
      expect(await status(active.session_id)).toBe('expired');
      expect(await status(draft.session_id)).toBe('expired');
      const reactivated = ok(
        await api.patch(`/kyc/sessions/${active.session_id}`, {
          status: 'active',
          notes: 'Customer called back',
        }),
      );
      expect(reactivated.status).toBe('active');
      const details = ok(await api.get(`/kyc/sessions/${active.session_id}`));
      expect(details.expires_at).toBeGreaterThan(nowSeconds());
      expect(ok(await publicView(active.access_token)).status).toBe('active');
      // A reactivated draft goes back to draft (its link is still not issued).
      expect(ok(await api.patch(`/kyc/sessions/${draft.session_id}`, { status: 'active' })).status).toBe(
        'draft',
      );
      await eventually(async () => {
        const list = ok(await api.get('/kyc/sessions?status=expired')).sessions;
        expect(list.map((r: { session_id: string }) => r.session_id)).toEqual([inCorrection.session_id]);
      });
    });
  });

  describe('corrections', () => {
    it('round trip: approved -> awaiting_client_correction -> the end user fixes only the affected steps -> completed', async () => {
      const { api, session } = await completed();
      const id = session.session_id;
      const base = `/public/api/sessions/${session.access_token}`;
      ok(await api.patch(`/kyc/sessions/${id}`, { status: 'approved' }));
      expect(ok(await api.get(`/kyc/sessions/${id}`)).final_decision).toBe('approved');

      const requested = ok(
        await api.post(`/kyc/sessions/${id}/corrections`, {
          corrections: [
            {
              step_id: 'personal_info',
              field_ids: ['full_name'],
              message: 'Please correct your legal name so it matches your ID.',
            },
            {
              step_id: 'id_document',
              document_types: ['id'],
              message: 'Please upload a clearer photo of your ID.',
            },
          ],
          comment: 'Name mismatch and blurry ID image',
        }),
      );
      expect(requested).toMatchObject({
        session_id: id,
        status: 'awaiting_client_correction',
        current_step_index: 0,
      });
      expect(requested.steps_data.map((s: { step_id: string }) => s.step_id)).toEqual([
        'id_document',
        'personal_info',
      ]);
      const [idStep, formStep] = requested.steps_data;
      expect(idStep.status).toBe('needs_correction');
      expect(idStep.correction_requests).toEqual([
        expect.objectContaining({
          id: expect.stringMatching(/^corr_/),
          step_id: 'id_document',
          document_types: ['id'],
          message: 'Please upload a clearer photo of your ID.',
          status: 'open',
        }),
      ]);
      expect(formStep.correction_requests).toEqual([
        expect.objectContaining({ step_id: 'personal_info', field_ids: ['full_name'], status: 'open' }),
      ]);

      const details = ok(await api.get(`/kyc/sessions/${id}`));
      expect(details).toMatchObject({
        status: 'awaiting_client_correction',
        compliance_status: 'remediation',
        final_decision: null,
      });
      expect(details.steps_data.map((s: { status: string }) => s.status)).toEqual([
        'needs_correction',
        'completed',
        'needs_correction',
      ]);

      // The end user sees the open corrections; the existing link stays valid.
      const view = ok(await user().get(base));
      expect(view.status).toBe('awaiting_client_correction');
      expect(view.open_corrections.map((c: { step_id: string }) => c.step_id).sort()).toEqual([
        'id_document',
        'personal_info',
      ]);

      // Steps that need no correction refuse edits.
      expectError(
        await user().post(`${base}/steps/selfie/documents`, fileForm(PNG_BYTES, 'again.png', 'selfie')),
        409,
        'invalid_transition',
      );
      expectError(await user().post(`${base}/steps/selfie/complete`), 409, 'invalid_transition');

      // Completing a corrected step without the correction is refused and says what is missing.
      expectError(await user().post(`${base}/steps/personal_info/complete`), 400, 'invalid_request', [
        'values.full_name',
      ]);
      ok(await user().put(`${base}/steps/personal_info/form`, { values: { full_name: 'Johnathan Doe' } }));
      ok(await user().post(`${base}/steps/personal_info/complete`));
      expect(ok(await api.get(`/kyc/sessions/${id}`)).status).toBe('awaiting_client_correction');

      expectError(await user().post(`${base}/steps/id_document/complete`), 400, 'invalid_request', [
        'documents.id',
      ]);
      ok(
        await user().post(`${base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id-clear.png', 'id')),
        201,
      );
      const last = ok(await user().post(`${base}/steps/id_document/complete`));
      expect(last.status).toBe('completed');

      const after = ok(await api.get(`/kyc/sessions/${id}`));
      expect(after.status).toBe('completed');
      expect(after.final_decision).toBeNull();
      expect(after.form_data.full_name.value).toBe('Johnathan Doe');
      expect(after.steps_data.map((s: { status: string }) => s.status)).toEqual([
        'completed',
        'completed',
        'completed',
      ]);
      const corrections = after.steps_data.flatMap(
        (s: { correction_requests?: unknown[] }) => s.correction_requests ?? [],
      );
      expect(corrections).toHaveLength(2);
      for (const c of corrections)
        expect(c).toMatchObject({ status: 'resolved', resolved_at: expect.stringMatching(ISO) });
      expect(ok(await user().get(base)).open_corrections).toEqual([]);

      // The reviewer can decide again.
      expect(ok(await api.patch(`/kyc/sessions/${id}`, { status: 'approved' })).status).toBe('approved');
    });

    for (const from of ['completed', 'manual_review', 'approved', 'rejected'] as const) {
      it(`sends a ${from} session back to the end user`, async () => {
        const { api, session } = await completed();
        const id = session.session_id;
        if (from !== 'completed') ok(await api.patch(`/kyc/sessions/${id}`, { status: from }));
        const result = ok(
          await api.post(`/kyc/sessions/${id}/corrections`, {
            corrections: [{ step_id: 'selfie', message: 'Please retake the selfie without glasses.' }],
          }),
        );
        expect(result).toMatchObject({
          session_id: id,
          status: 'awaiting_client_correction',
          current_step_index: 1,
        });
        expect(result.steps_data).toEqual([
          expect.objectContaining({
            step_id: 'selfie',
            status: 'needs_correction',
            correction_requests: [expect.objectContaining({ step_id: 'selfie', status: 'open' })],
          }),
        ]);
        const details = ok(await api.get(`/kyc/sessions/${id}`));
        expect(details).toMatchObject({ status: 'awaiting_client_correction', final_decision: null });
        // A second request while the first is open is refused: the session is no longer under review.
        expectError(
          await api.post(`/kyc/sessions/${id}/corrections`, {
            corrections: [{ step_id: 'selfie', message: 'Again' }],
          }),
          409,
          'invalid_transition',
        );
      });
    }

    it('refuses corrections for unknown steps, fields or document types, and for sessions still in progress', async () => {
      const { api, session, create } = await completed();
      const post = (id: string, corrections: object[]) =>
        api.post(`/kyc/sessions/${id}/corrections`, { corrections });
      expectError(
        await post(session.session_id, [{ step_id: 'bank_statement', message: 'Upload it' }]),
        400,
        'invalid_request',
        ['corrections[0].step_id'],
      );
      expectError(
        await post(session.session_id, [
          { step_id: 'selfie', message: 'ok' },
          { step_id: 'personal_info', field_ids: ['iban'], message: 'Fix' },
        ]),
        400,
        'invalid_request',
        ['corrections[1].field_ids[0]'],
      );
      expectError(
        await post(session.session_id, [
          { step_id: 'id_document', document_types: ['selfie'], message: 'x' },
        ]),
        400,
        'invalid_request',
        ['corrections[0].document_types[0]'],
      );
      expectError(await post(session.session_id, []), 400, 'invalid_request', ['corrections']);
      expectError(await post(session.session_id, [{ step_id: 'selfie' }]), 400, 'invalid_request', [
        'corrections[0].message',
      ]);
      expect(ok(await api.get(`/kyc/sessions/${session.session_id}`)).status).toBe('completed');

      const active = await create();
      expectError(
        await post(active.session_id, [{ step_id: 'selfie', message: 'Retake' }]),
        409,
        'invalid_transition',
      );
    });
  });

  it('keeps an audit trail, oldest first, with actors and without access tokens', async () => {
    const { api, create } = await setup();
    const s = await create({ ttl_days: 1, metadata: { user_name: 'John Doe' } });
    const base = `/public/api/sessions/${s.access_token}`;
    ok(await user().put(`${base}/steps/personal_info/form`, { values: { full_name: 'John Doe' } }));
    const link = ok(await api.post(`/kyc/sessions/${s.session_id}/generate-link`));
    ok(await api.patch(`/kyc/sessions/${s.session_id}`, { notes: 'watch this one' }));
    skewMs += DAY_MS + 60_000;
    await platform.sweeper.sweepOnce();
    ok(await api.post(`/kyc/sessions/${s.session_id}/extend`, { extend_days: 2, comment: 'retry' }));

    const trail = ok(await api.get(`/kyc/sessions/${s.session_id}/events`));
    const events = trail.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'SessionCreated',
      'StepStarted',
      'FormSubmitted',
      'AccessLinkRegenerated',
      'ReviewUpdated',
      'SessionExpired',
      'SessionExtended',
    ]);
    events.forEach((e: Record<string, unknown>, index: number) => {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['event_id', 'type', 'version', 'occurred_at', 'actor', 'data']),
      );
      expect(e.event_id).toMatch(UUID);
      expect(e.version).toBe(index + 1);
      expect(e.occurred_at).toMatch(ISO);
      if (index > 0)
        expect(Date.parse(e.occurred_at as string)).toBeGreaterThanOrEqual(
          Date.parse(events[index - 1].occurred_at),
        );
    });
    const actors = events.map((e: { actor: { type: string } }) => e.actor.type);
    expect(actors).toEqual(['api_key', 'end_user', 'end_user', 'api_key', 'api_key', 'system', 'api_key']);
    expect(events[0].actor.id.length).toBeGreaterThan(0);
    expect(events[1].actor.id).toBe(s.session_id);
    expect(events[0].data).toMatchObject({
      session_id: s.session_id,
      workflow_version: 1,
      status: 'active',
      metadata: { user_name: 'John Doe' },
    });
    expect(events[2].data).toEqual({ step_id: 'personal_info', values: { full_name: 'John Doe' } });
    expect(events[4].data).toEqual({ notes: 'watch this one' });
    expect(events[5].data).toEqual({ previous_status: 'active' });
    expect(events[6].data).toMatchObject({ extend_days: 2, comment: 'retry', restored_status: 'active' });

    const text = JSON.stringify(trail);
    expect(text).not.toContain(s.access_token);
    expect(text).not.toContain(link.access_token);
    expect(text).not.toContain('access_token');

    // Another tenant cannot read it; the read scope is required.
    const { api: other } = await tenantClient(platform.url);
    expectError(await other.get(`/kyc/sessions/${s.session_id}/events`), 404, 'not_found');
    const { api: creator } = await tenantClient(platform.url, ['kyc:create']);
    expectError(await creator.get(`/kyc/sessions/${s.session_id}/events`), 403, 'forbidden');
  });

  it('hides another tenant’s sessions behind 404 on every route', async () => {
    const { session } = await completed();
    const { api: other } = await tenantClient(platform.url);
    const id = session.session_id;
    expectError(await other.get(`/kyc/sessions/${id}`), 404, 'not_found');
    expectError(await other.patch(`/kyc/sessions/${id}`, { status: 'approved' }), 404, 'not_found');
    expectError(await other.post(`/kyc/sessions/${id}/generate-link`), 404, 'not_found');
    expectError(await other.post(`/kyc/sessions/${id}/extend`, { extend_days: 1 }), 404, 'not_found');
    expectError(
      await other.post(`/kyc/sessions/${id}/corrections`, {
        corrections: [{ step_id: 'selfie', message: 'x' }],
      }),
      404,
      'not_found',
    );
    expectError(await other.delete(`/kyc/sessions/${id}`), 404, 'not_found');
    expectError(await other.get(`/kyc/sessions/not-a-uuid`), 400, 'invalid_request', ['session_id']);
  });
});
