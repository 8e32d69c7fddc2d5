import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { ALL_SCOPES, BASIC_WORKFLOW, fileForm, PNG_BYTES, tenantClient } from './testing/fixtures';
import { ROOT_KEY, startTestPlatform, type TestPlatform } from './testing/test-platform';
import { expectError, expectStatus } from './testing/assertions';

/** A tenant holding one of everything a tenant route can point at. */
interface Seeded {
  api: ApiClient;
  tenantId: string;
  workflowId: string;
  sessionId: string;
  accessToken: string;
  subsessionId: string;
  docId: string;
}

async function seedTenant(baseUrl: string, name = 'Seeded'): Promise<Seeded> {
  const { api, tenantId } = await tenantClient(baseUrl, ALL_SCOPES, name);
  const ubo = await api.post('/kyc/workflows', { name: 'UBO', steps: [{ step_id: 'ubo_info', type: 'form', fields: [{ field_id: 'full_name', name: 'Full Name', type: 'name', required: true }] }] });
  expectStatus(ubo, 201);
  const workflow = await api.post('/kyc/workflows', {
    ...BASIC_WORKFLOW,
    steps: [...BASIC_WORKFLOW.steps, { step_id: 'step_ubos', type: 'subsessions', workflow_id: ubo.body.data.workflow_id, min: 0, max: 10 }],
  });
  expectStatus(workflow, 201);
  const session = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id });
  expectStatus(session, 201);
  const accessToken = session.body.data.access_token as string;
  const upload = await new ApiClient(baseUrl).post(`/public/api/sessions/${accessToken}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id.png', 'id'));
  expectStatus(upload, 201);
  const sub = await api.post(`/kyc/sessions/${session.body.data.session_id}/subsessions`, { step_id: 'step_ubos', label: 'Juan Garcia - UBO' });
  expectStatus(sub, 201);
  return {
    api,
    tenantId,
    workflowId: workflow.body.data.workflow_id,
    sessionId: session.body.data.session_id,
    accessToken,
    subsessionId: sub.body.data.subsession_id,
    docId: upload.body.data.doc_id,
  };
}

/** Path parameters as API.md writes them, for test names. */
const PLACEHOLDER = { workflowId: '{workflow_id}', sessionId: '{session_id}', docId: '{doc_id}', subsessionId: '{sub_id}' } as Seeded;

interface TenantRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (s: Seeded) => string;
  scope: string;
  body?: (s: Seeded) => unknown;
  /** What a key holding only this scope gets back on the seeded resources. */
  allowed: number;
}

/** Every tenant route of API.md with the scope it needs. */
const TENANT_ROUTES: TenantRoute[] = [
  { method: 'POST', path: () => '/kyc/workflows', scope: 'workflows:write', body: () => BASIC_WORKFLOW, allowed: 201 },
  { method: 'GET', path: () => '/kyc/workflows', scope: 'workflows:read', allowed: 200 },
  { method: 'GET', path: (s) => `/kyc/workflows/${s.workflowId}`, scope: 'workflows:read', allowed: 200 },
  { method: 'PUT', path: (s) => `/kyc/workflows/${s.workflowId}`, scope: 'workflows:write', body: () => BASIC_WORKFLOW, allowed: 200 },
  { method: 'DELETE', path: (s) => `/kyc/workflows/${s.workflowId}`, scope: 'workflows:write', allowed: 200 },
  { method: 'POST', path: () => '/kyc/sessions', scope: 'kyc:create', body: (s) => ({ workflow_id: s.workflowId }), allowed: 201 },
  { method: 'GET', path: () => '/kyc/sessions', scope: 'kyc:read', allowed: 200 },
  { method: 'GET', path: (s) => `/kyc/sessions/${s.sessionId}`, scope: 'kyc:read', allowed: 200 },
  { method: 'PATCH', path: (s) => `/kyc/sessions/${s.sessionId}`, scope: 'kyc:update', body: () => ({ notes: 'checked' }), allowed: 200 },
  { method: 'DELETE', path: (s) => `/kyc/sessions/${s.sessionId}`, scope: 'kyc:delete', allowed: 200 },
  { method: 'POST', path: (s) => `/kyc/sessions/${s.sessionId}/generate-link`, scope: 'kyc:create', allowed: 200 },
  { method: 'POST', path: (s) => `/kyc/sessions/${s.sessionId}/extend`, scope: 'kyc:create', body: () => ({ extend_days: 3 }), allowed: 200 },
  {
    method: 'POST',
    path: (s) => `/kyc/sessions/${s.sessionId}/corrections`,
    scope: 'kyc:update',
    body: () => ({ corrections: [{ step_id: 'id_document', message: 'Please upload a clearer photo.' }] }),
    // the seeded session is still active: the scope is enough, the status machine refuses
    allowed: 409,
  },
  { method: 'POST', path: (s) => `/kyc/sessions/${s.sessionId}/validate`, scope: 'kyc:process', allowed: 200 },
  {
    method: 'POST',
    path: (s) => `/kyc/sessions/${s.sessionId}/matches/m_0000000000000000/dismiss`,
    scope: 'kyc:update',
    body: () => ({ reason: 'not the customer' }),
    // no such match: the scope is enough, the session refuses
    allowed: 404,
  },
  { method: 'GET', path: () => '/kyc/screening/search?name=Vladimir%20Putin', scope: 'screening:search', allowed: 200 },
  // the seeded session is still active: the scope is enough, the status machine refuses
  { method: 'POST', path: (s) => `/kyc/sessions/${s.sessionId}/process`, scope: 'kyc:process', allowed: 409 },
  { method: 'GET', path: (s) => `/kyc/sessions/${s.sessionId}/documents/${s.docId}/url`, scope: 'kyc:read', allowed: 200 },
  { method: 'GET', path: (s) => `/kyc/sessions/${s.sessionId}/events`, scope: 'kyc:read', allowed: 200 },
  {
    method: 'POST',
    path: (s) => `/kyc/sessions/${s.sessionId}/subsessions`,
    scope: 'kyc:create',
    body: () => ({ step_id: 'step_ubos', label: 'Maria Lopez - UBO' }),
    allowed: 201,
  },
  { method: 'GET', path: (s) => `/kyc/sessions/${s.sessionId}/subsessions`, scope: 'kyc:read', allowed: 200 },
  {
    method: 'POST',
    path: (s) => `/kyc/sessions/${s.sessionId}/subsessions/${s.subsessionId}/regenerate-link`,
    scope: 'kyc:create',
    allowed: 200,
  },
  { method: 'DELETE', path: (s) => `/kyc/sessions/${s.sessionId}/subsessions/${s.subsessionId}`, scope: 'kyc:delete', allowed: 200 },
];

const ADMIN_ROUTES: { method: 'GET' | 'POST' | 'DELETE'; path: (tenantId: string) => string; body?: unknown }[] = [
  { method: 'POST', path: () => '/admin/tenants', body: { name: 'Intruder' } },
  { method: 'GET', path: () => '/admin/tenants' },
  { method: 'POST', path: (t) => `/admin/tenants/${t}/api-keys`, body: { name: 'escalated', scopes: ALL_SCOPES } },
  { method: 'GET', path: (t) => `/admin/tenants/${t}/api-keys` },
  { method: 'DELETE', path: (t) => `/admin/tenants/${t}/api-keys/abcdefghij012345` },
];

describe('authentication, tenants and scopes', () => {
  let platform: TestPlatform;
  let root: ApiClient;

  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`auth-and-admin: platform on ${platform.describeDatabase}`);
    root = new ApiClient(platform.url, ROOT_KEY);
  });
  afterAll(async () => platform?.close());

  async function newKey(tenantId: string, scopes: string[], name = 'key'): Promise<{ keyId: string; apiKey: string; client: ApiClient }> {
    const created = await root.post(`/admin/tenants/${tenantId}/api-keys`, { name, scopes });
    expectStatus(created, 201);
    return { keyId: created.body.data.key_id, apiKey: created.body.data.api_key, client: new ApiClient(platform.url, created.body.data.api_key) };
  }

  describe('admin API (root key)', () => {
    it('creates and lists tenants', async () => {
      const created = await root.post('/admin/tenants', { name: 'Acme Payments' });
      expectStatus(created, 201);
      expect(created.body).toEqual({
        status: 'success',
        data: { tenant_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), name: 'Acme Payments', created_at: expect.any(String) },
      });
      expect(new Date(created.body.data.created_at).toISOString()).toBe(created.body.data.created_at);

      const listed = await root.get('/admin/tenants');
      expectStatus(listed, 200);
      expect(listed.body.data.tenants).toContainEqual(created.body.data);
    });

    it('creates an API key whose secret is shown once and never listed', async () => {
      const tenant = await root.post('/admin/tenants', { name: 'Keys Inc' });
      const tenantId = tenant.body.data.tenant_id;
      const created = await root.post(`/admin/tenants/${tenantId}/api-keys`, { name: 'backend', scopes: ['kyc:read', 'kyc:create'] });
      expectStatus(created, 201);
      expect(created.body.data).toEqual({
        key_id: expect.any(String),
        name: 'backend',
        api_key: expect.any(String),
        scopes: expect.arrayContaining(['kyc:read', 'kyc:create']),
        created_at: expect.any(String),
      });
      const { key_id: keyId, api_key: apiKey } = created.body.data;
      expect(created.body.data.scopes).toHaveLength(2);
      expect(apiKey.length).toBeGreaterThanOrEqual(40);
      expect(apiKey).toContain(keyId);

      const listed = await root.get(`/admin/tenants/${tenantId}/api-keys`);
      expectStatus(listed, 200);
      expect(listed.body.data.api_keys).toEqual([
        { key_id: keyId, name: 'backend', scopes: created.body.data.scopes, created_at: created.body.data.created_at, revoked_at: null },
      ]);
      const secret = apiKey.slice(apiKey.lastIndexOf('_') + 1);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      // Stored hashed: nothing in the row holds the secret.
      const row = await platform.readModel.apiKey.findUniqueOrThrow({ where: { keyId } });
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(Buffer.from(row.secretHash).toString('utf8')).not.toContain(secret);

      // The key works for its tenant.
      const ok = await new ApiClient(platform.url, apiKey).get('/kyc/sessions');
      expectStatus(ok, 200);
      expect(ok.body.data.sessions).toEqual([]);
    });

    it('revokes a key at once', async () => {
      const tenant = await root.post('/admin/tenants', { name: 'Revoke Ltd' });
      const tenantId = tenant.body.data.tenant_id;
      const kept = await newKey(tenantId, ['kyc:read'], 'kept');
      const doomed = await newKey(tenantId, ['kyc:read'], 'doomed');
      expectStatus(await doomed.client.get('/kyc/sessions'), 200);

      const revoked = await root.delete(`/admin/tenants/${tenantId}/api-keys/${doomed.keyId}`);
      expectStatus(revoked, 200);
      expect(revoked.body.data).toEqual({ key_id: doomed.keyId, revoked: true });
      expectError(await doomed.client.get('/kyc/sessions'), 401, 'unauthorized');
      expectStatus(await kept.client.get('/kyc/sessions'), 200);

      const listed = await root.get(`/admin/tenants/${tenantId}/api-keys`);
      const byId = Object.fromEntries(listed.body.data.api_keys.map((k: { key_id: string }) => [k.key_id, k]));
      expect(byId[doomed.keyId].revoked_at).toEqual(expect.any(String));
      expect(byId[kept.keyId].revoked_at).toBeNull();

      // Revoking twice is harmless; an unknown key is 404.
      expectStatus(await root.delete(`/admin/tenants/${tenantId}/api-keys/${doomed.keyId}`), 200);
      expectError(await root.delete(`/admin/tenants/${tenantId}/api-keys/abcdefghij012345`), 404, 'not_found');
    });

    it('refuses a key revoked by another gateway instance (straight in the shared database)', async () => {
      const tenant = await root.post('/admin/tenants', { name: 'Replica Co' });
      const key = await newKey(tenant.body.data.tenant_id, ['kyc:read']);
      expectStatus(await key.client.get('/kyc/sessions'), 200);
      await platform.readModel.apiKey.update({ where: { keyId: key.keyId }, data: { revokedAt: new Date() } });
      expectError(await key.client.get('/kyc/sessions'), 401, 'unauthorized');
    });

    it("does not revoke another tenant's key", async () => {
      const a = await root.post('/admin/tenants', { name: 'A' });
      const b = await root.post('/admin/tenants', { name: 'B' });
      const key = await newKey(a.body.data.tenant_id, ['kyc:read']);
      expectError(await root.delete(`/admin/tenants/${b.body.data.tenant_id}/api-keys/${key.keyId}`), 404, 'not_found');
      expectStatus(await key.client.get('/kyc/sessions'), 200);
    });

    it('answers 404 for an unknown tenant', async () => {
      const unknown = randomUUID();
      expectError(await root.post(`/admin/tenants/${unknown}/api-keys`, { name: 'x', scopes: ['kyc:read'] }), 404, 'not_found');
      expectError(await root.get(`/admin/tenants/${unknown}/api-keys`), 404, 'not_found');
      expectError(await root.delete(`/admin/tenants/${unknown}/api-keys/abcdefghij012345`), 404, 'not_found');
      expect(await platform.readModel.apiKey.count({ where: { tenantId: unknown } })).toBe(0);
    });

    it.each(ADMIN_ROUTES)('refuses a tenant key on $method admin route with 403', async (route) => {
      const { api, tenantId } = await tenantClient(platform.url, ALL_SCOPES, 'Not an operator');
      const tenantsBefore = await platform.readModel.tenant.count();
      const keysBefore = await platform.readModel.apiKey.count({ where: { tenantId } });
      const response = await api.request(route.method, route.path(tenantId), route.body);
      expectError(response, 403, 'forbidden');
      expect(await platform.readModel.tenant.count()).toBe(tenantsBefore);
      expect(await platform.readModel.apiKey.count({ where: { tenantId } })).toBe(keysBefore);
    });

    it('refuses admin routes without a key or with a wrong root key (401)', async () => {
      expectError(await new ApiClient(platform.url).get('/admin/tenants'), 401, 'unauthorized');
      expectError(await new ApiClient(platform.url, `${ROOT_KEY}x`).get('/admin/tenants'), 401, 'unauthorized');
      expectError(await new ApiClient(platform.url, ROOT_KEY.slice(0, -1)).post('/admin/tenants', { name: 'x' }), 401, 'unauthorized');
    });
  });

  describe('authentication (401)', () => {
    let valid: { keyId: string; apiKey: string };
    beforeAll(async () => {
      const tenant = await root.post('/admin/tenants', { name: 'Auth' });
      valid = await newKey(tenant.body.data.tenant_id, ['kyc:read']);
    });

    const raw = (headers: Record<string, string>) => fetch(`${platform.url}/kyc/sessions`, { headers }).then(async (r) => ({ status: r.status, body: await r.json(), headers: r.headers }));

    it('accepts the key with the scheme in any case', async () => {
      expect((await raw({ authorization: `Bearer ${valid.apiKey}` })).status).toBe(200);
      expect((await raw({ authorization: `bearer ${valid.apiKey}` })).status).toBe(200);
    });

    it.each([
      ['no Authorization header', () => ({})],
      ['an empty Authorization header', () => ({ authorization: '' })],
      ['a Basic header', () => ({ authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` })],
      ['"Bearer" alone', () => ({ authorization: 'Bearer' })],
      ['the key without a scheme', () => ({ authorization: valid.apiKey })],
      ['two tokens', () => ({ authorization: `Bearer ${valid.apiKey} ${valid.apiKey}` })],
      ['a random token', () => ({ authorization: 'Bearer not-a-key' })],
      ['an unknown key id', () => ({ authorization: `Bearer sk_zzzzzzzzzzzzzzzz_${'A'.repeat(43)}` })],
      ['the right key id with a wrong secret', () => ({ authorization: `Bearer sk_${valid.keyId}_${'A'.repeat(43)}` })],
      ['a truncated key', () => ({ authorization: `Bearer ${valid.apiKey.slice(0, -1)}` })],
      ['the key with a character changed', () => ({ authorization: `Bearer ${valid.apiKey.slice(0, -1)}${valid.apiKey.endsWith('A') ? 'B' : 'A'}` })],
    ])('answers 401 for %s', async (_label, headers) => {
      const response = await raw(headers());
      expectError(response, 401, 'unauthorized');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('answers 401 before looking at the body or the path', async () => {
      const anonymous = new ApiClient(platform.url);
      expectError(await anonymous.post('/kyc/sessions', { nonsense: true }), 401, 'unauthorized');
      expectError(await anonymous.get('/kyc/sessions/not-a-uuid'), 401, 'unauthorized');
      expectError(await anonymous.post(`/kyc/sessions/${randomUUID()}/process`), 401, 'unauthorized');
    });
  });

  describe('scopes (403)', () => {
    it.each(TENANT_ROUTES.map((r) => [`${r.method} ${r.path(PLACEHOLDER)}`, r] as const))(
      '%s needs its scope',
      async (_label, route) => {
        const seeded = await seedTenant(platform.url, `Scopes ${route.scope}`);
        const lacking = await newKey(seeded.tenantId, ALL_SCOPES.filter((s) => s !== route.scope), 'lacking');
        const only = await newKey(seeded.tenantId, [route.scope], 'only');
        const body = route.body?.(seeded);
        const sessionsBefore = await platform.readModel.sessionView.count({ where: { tenantId: seeded.tenantId } });
        const eventsBefore = await platform.store.headPosition();

        const refused = await lacking.client.request(route.method, route.path(seeded), body);
        expectError(refused, 403, 'forbidden');
        expect(refused.body.error.message).toContain(route.scope);
        expectError(await root.request(route.method, route.path(seeded), body), 403, 'forbidden');
        // nothing was written by the refused calls
        expect(await platform.store.headPosition()).toBe(eventsBefore);
        expect(await platform.readModel.sessionView.count({ where: { tenantId: seeded.tenantId } })).toBe(sessionsBefore);

        const allowed = await only.client.request(route.method, route.path(seeded), body);
        expect(allowed.status, JSON.stringify(allowed.body)).toBe(route.allowed);
      },
    );
  });

  describe("another tenant's resources (404, never 403)", () => {
    let owner: Seeded;
    let other: ApiClient;
    beforeAll(async () => {
      owner = await seedTenant(platform.url, 'Owner');
      other = (await tenantClient(platform.url, ALL_SCOPES, 'Stranger')).api;
    });

    // Routes on a tenant's own resources (ad-hoc screening searches the public lists: nothing to own).
    const owned = (path: string) => path !== '/kyc/workflows' && path !== '/kyc/sessions' && !path.startsWith('/kyc/screening/');
    it.each(TENANT_ROUTES.filter((r) => owned(r.path(PLACEHOLDER))).map((r) => [`${r.method} ${r.path(PLACEHOLDER)}`, r] as const))(
      '%s',
      async (_label, route) => {
        const eventsBefore = await platform.store.headPosition();
        const response = await other.request(route.method, route.path(owner), route.body?.(owner));
        expectError(response, 404, 'not_found');
        expect(await platform.store.headPosition()).toBe(eventsBefore);
      },
    );

    it("refuses to create a session on another tenant's workflow", async () => {
      const response = await other.post('/kyc/sessions', { workflow_id: owner.workflowId });
      expectError(response, 404, 'not_found');
      const list = await other.get('/kyc/sessions?include_summary=true');
      expect(list.body.data.summary.total).toBe(0);
    });

    it("does not list another tenant's sessions or workflows", async () => {
      const sessions = await other.get('/kyc/sessions?include_subsessions=true');
      expect(sessions.body.data.sessions).toEqual([]);
      const byParent = await other.get(`/kyc/sessions?parent_session_id=${owner.sessionId}`);
      expect(byParent.body.data.sessions).toEqual([]);
      const byWorkflow = await other.get(`/kyc/sessions?workflow_id=${owner.workflowId}`);
      expect(byWorkflow.body.data.sessions).toEqual([]);
      const workflows = await other.get('/kyc/workflows');
      expect(workflows.body.data.workflows).toEqual([]);
    });

    it("leaves the owner's session untouched", async () => {
      const session = await owner.api.get(`/kyc/sessions/${owner.sessionId}`);
      expectStatus(session, 200);
      expect(session.body.data.status).toBe('active');
      expect(session.body.data.access_token).toBe(owner.accessToken);
      expect(session.body.data.subsessions.map((s: { subsession_id: string }) => s.subsession_id)).toEqual([owner.subsessionId]);
      const workflow = await owner.api.get(`/kyc/workflows/${owner.workflowId}`);
      expect(workflow.body.data).toMatchObject({ version: 1, archived: false });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body', async () => {
      const { api } = await tenantClient(platform.url);
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const body = { workflow_id: workflow.body.data.workflow_id, metadata: { user_email: 'user@example.com' } };
      const key = { 'Idempotency-Key': `create-${randomUUID()}` };

      const first = await api.post('/kyc/sessions', body, key);
      expectStatus(first, 201);
      const second = await api.post('/kyc/sessions', body, key);
      expectStatus(second, 201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      // the same body with its keys in another order is the same request
      const reordered = await api.post('/kyc/sessions', { metadata: body.metadata, workflow_id: body.workflow_id }, key);
      expectStatus(reordered, 201);
      expect(reordered.body.data.session_id).toBe(first.body.data.session_id);

      const list = await api.get('/kyc/sessions?include_summary=true');
      expect(list.body.data.summary.total).toBe(1);
      expect(list.body.data.sessions.map((s: { session_id: string }) => s.session_id)).toEqual([first.body.data.session_id]);
    });

    it('replays the first status code of a 200 route', async () => {
      const { api } = await tenantClient(platform.url);
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const session = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id });
      const key = { 'Idempotency-Key': randomUUID() };
      const first = await api.post(`/kyc/sessions/${session.body.data.session_id}/generate-link`, undefined, key);
      expectStatus(first, 200);
      const again = await api.post(`/kyc/sessions/${session.body.data.session_id}/generate-link`, undefined, key);
      expectStatus(again, 200);
      expect(again.body.data.access_token).toBe(first.body.data.access_token);
      const current = await api.get(`/kyc/sessions/${session.body.data.session_id}`);
      expect(current.body.data.access_token).toBe(first.body.data.access_token);
    });

    it('answers 422 for the same key with another body or route, and keeps the first result', async () => {
      const { api } = await tenantClient(platform.url);
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const key = { 'Idempotency-Key': randomUUID() };
      const first = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id, ttl_days: 7 }, key);
      expectStatus(first, 201);

      const reused = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id, ttl_days: 8 }, key);
      expectError(reused, 422, 'idempotency_key_reused');
      expect(reused.body.error.details).toEqual([{ field: 'Idempotency-Key', issue: expect.any(String) }]);
      const otherRoute = await api.post('/kyc/workflows', BASIC_WORKFLOW, key);
      expectError(otherRoute, 422, 'idempotency_key_reused');

      const list = await api.get('/kyc/sessions?include_summary=true');
      expect(list.body.data.summary.total).toBe(1);
      expect((await api.get('/kyc/workflows')).body.data.workflows).toHaveLength(1);
      // the original request still replays
      const replay = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id, ttl_days: 7 }, key);
      expect(replay.body.data.session_id).toBe(first.body.data.session_id);
    });

    it('scopes keys per tenant', async () => {
      const a = await tenantClient(platform.url, ALL_SCOPES, 'A');
      const b = await tenantClient(platform.url, ALL_SCOPES, 'B');
      const key = { 'Idempotency-Key': 'shared-key-1' };
      const wfA = await a.api.post('/kyc/workflows', BASIC_WORKFLOW, key);
      const wfB = await b.api.post('/kyc/workflows', BASIC_WORKFLOW, key);
      expectStatus(wfA, 201);
      expectStatus(wfB, 201);
      expect(wfB.body.data.workflow_id).not.toBe(wfA.body.data.workflow_id);
      expect((await b.api.get(`/kyc/workflows/${wfB.body.data.workflow_id}`)).status).toBe(200);
      expectError(await b.api.get(`/kyc/workflows/${wfA.body.data.workflow_id}`), 404, 'not_found');
      // a different body under the same key in another tenant is no reuse either
      const sessA = await a.api.post('/kyc/sessions', { workflow_id: wfA.body.data.workflow_id }, { 'Idempotency-Key': 'shared-key-2' });
      const sessB = await b.api.post('/kyc/sessions', { workflow_id: wfB.body.data.workflow_id }, { 'Idempotency-Key': 'shared-key-2' });
      expectStatus(sessA, 201);
      expectStatus(sessB, 201);
      expect(sessB.body.data.tenant_id).toBe(b.tenantId);
    });

    it("scopes an end user's keys to their access token", async () => {
      const seeded = await seedTenant(platform.url, 'Public keys');
      const user = new ApiClient(platform.url);
      const key = { 'Idempotency-Key': 'ubo-1' };
      const body = { step_id: 'step_ubos', label: 'Maria Lopez - UBO' };
      const first = await user.post(`/public/api/sessions/${seeded.accessToken}/subsessions`, body, key);
      expectStatus(first, 201);
      const again = await user.post(`/public/api/sessions/${seeded.accessToken}/subsessions`, body, key);
      expectStatus(again, 201);
      expect(again.body.data.subsession_id).toBe(first.body.data.subsession_id);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expectError(await user.post(`/public/api/sessions/${seeded.accessToken}/subsessions`, { ...body, label: 'Other' }, key), 422, 'idempotency_key_reused');
      const listed = await seeded.api.get(`/kyc/sessions/${seeded.sessionId}/subsessions`);
      expect(listed.body.data.total).toBe(2);
    });

    it('creates one session for concurrent requests with the same key', async () => {
      const { api } = await tenantClient(platform.url);
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const body = { workflow_id: workflow.body.data.workflow_id };
      const key = { 'Idempotency-Key': randomUUID() };
      const responses = await Promise.all(Array.from({ length: 5 }, () => api.post('/kyc/sessions', body, key)));
      for (const r of responses) expectStatus(r, 201);
      expect(new Set(responses.map((r) => r.body.data.session_id)).size).toBe(1);
      const list = await api.get('/kyc/sessions?include_summary=true');
      expect(list.body.data.summary.total).toBe(1);
    });

    it('does not store a failed request: the same key may be retried with a fixed body', async () => {
      const { api } = await tenantClient(platform.url);
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const key = { 'Idempotency-Key': randomUUID() };
      expectError(await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id, ttl_days: 0 }, key), 400, 'invalid_request');
      expectError(await api.post('/kyc/sessions', { workflow_id: randomUUID() }, key), 404, 'not_found');
      const fixed = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id }, key);
      expectStatus(fixed, 201);
    });

    it('rejects an over-long key', async () => {
      const { api } = await tenantClient(platform.url);
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const response = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id }, { 'Idempotency-Key': 'k'.repeat(256) });
      expectError(response, 400, 'invalid_request');
      expect(response.body.error.details).toEqual([{ field: 'Idempotency-Key', issue: expect.any(String) }]);
      expect((await api.get('/kyc/sessions?include_summary=true')).body.data.summary.total).toBe(0);
    });
  });
});
