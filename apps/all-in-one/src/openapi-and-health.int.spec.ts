import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_WORKFLOW } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Route {
  method: Method;
  path: string;
  /** The API key scope; 'admin' is the root key; undefined: no key. */
  scope?: string;
  /** The request body's schema and the fields it requires. */
  body?: { schema: string; required: string[] };
  created?: boolean;
}

const S = '/kyc/sessions/{session_id}';
const P = '/public/api/sessions/{access_token}';

/** Every route of API.md and the seed. */
const ROUTES: Route[] = [
  { method: 'get', path: '/health' },
  { method: 'get', path: '/health/ready' },
  { method: 'post', path: '/admin/tenants', scope: 'admin', body: { schema: 'CreateTenantBody', required: ['name'] }, created: true },
  { method: 'get', path: '/admin/tenants', scope: 'admin' },
  { method: 'post', path: '/admin/tenants/{tenant_id}/api-keys', scope: 'admin', body: { schema: 'CreateApiKeyBody', required: ['name', 'scopes'] }, created: true },
  { method: 'get', path: '/admin/tenants/{tenant_id}/api-keys', scope: 'admin' },
  { method: 'delete', path: '/admin/tenants/{tenant_id}/api-keys/{key_id}', scope: 'admin' },
  { method: 'post', path: '/kyc/workflows', scope: 'workflows:write', body: { schema: 'WorkflowBody', required: ['name', 'steps'] }, created: true },
  { method: 'get', path: '/kyc/workflows', scope: 'workflows:read' },
  { method: 'get', path: '/kyc/workflows/{workflow_id}', scope: 'workflows:read' },
  { method: 'put', path: '/kyc/workflows/{workflow_id}', scope: 'workflows:write', body: { schema: 'WorkflowBody', required: ['name', 'steps'] } },
  { method: 'delete', path: '/kyc/workflows/{workflow_id}', scope: 'workflows:write' },
  { method: 'post', path: '/kyc/sessions', scope: 'kyc:create', body: { schema: 'CreateSessionBody', required: ['workflow_id'] }, created: true },
  { method: 'get', path: '/kyc/sessions', scope: 'kyc:read' },
  { method: 'get', path: S, scope: 'kyc:read' },
  { method: 'patch', path: S, scope: 'kyc:update', body: { schema: 'UpdateSessionBody', required: [] } },
  { method: 'delete', path: S, scope: 'kyc:delete' },
  { method: 'post', path: `${S}/generate-link`, scope: 'kyc:create' },
  { method: 'post', path: `${S}/extend`, scope: 'kyc:create', body: { schema: 'ExtendSessionBody', required: ['extend_days'] } },
  { method: 'post', path: `${S}/corrections`, scope: 'kyc:update', body: { schema: 'RequestCorrectionsBody', required: ['corrections'] } },
  { method: 'post', path: `${S}/validate`, scope: 'kyc:process' },
  { method: 'post', path: `${S}/matches/{match_id}/dismiss`, scope: 'kyc:update', body: { schema: 'DismissMatchBody', required: ['reason'] } },
  { method: 'get', path: '/kyc/screening/search', scope: 'screening:search' },
  { method: 'post', path: `${S}/process`, scope: 'kyc:process' },
  { method: 'get', path: `${S}/documents/{doc_id}/url`, scope: 'kyc:read' },
  { method: 'get', path: `${S}/events`, scope: 'kyc:read' },
  { method: 'post', path: `${S}/subsessions`, scope: 'kyc:create', body: { schema: 'CreateSubsessionBody', required: ['step_id', 'label'] }, created: true },
  { method: 'get', path: `${S}/subsessions`, scope: 'kyc:read' },
  { method: 'post', path: `${S}/subsessions/{subsession_id}/regenerate-link`, scope: 'kyc:create' },
  { method: 'delete', path: `${S}/subsessions/{subsession_id}`, scope: 'kyc:delete' },
  { method: 'post', path: '/kyc/webhooks', scope: 'webhooks:manage', body: { schema: 'CreateWebhookBody', required: ['url'] }, created: true },
  { method: 'get', path: '/kyc/webhooks', scope: 'webhooks:manage' },
  { method: 'get', path: '/kyc/webhooks/{webhook_id}', scope: 'webhooks:manage' },
  { method: 'delete', path: '/kyc/webhooks/{webhook_id}', scope: 'webhooks:manage' },
  { method: 'get', path: '/kyc/webhooks/{webhook_id}/deliveries', scope: 'webhooks:manage' },
  { method: 'get', path: P },
  { method: 'put', path: `${P}/steps/{step_id}/form`, body: { schema: 'SaveFormBody', required: ['values'] } },
  { method: 'post', path: `${P}/steps/{step_id}/documents`, created: true },
  { method: 'delete', path: `${P}/steps/{step_id}/documents/{doc_id}` },
  { method: 'post', path: `${P}/steps/{step_id}/complete` },
  { method: 'post', path: `${P}/steps/{step_id}/skip` },
  { method: 'post', path: `${P}/subsessions`, body: { schema: 'CreateSubsessionBody', required: ['step_id', 'label'] }, created: true },
  { method: 'get', path: `${P}/subsessions` },
];

describe('operations: health and the OpenAPI document', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`openapi-and-health: platform on ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(platform.url + path, { headers });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
  };

  describe('health', () => {
    it('GET /health answers 200 without a key, whatever Authorization says', async () => {
      for (const headers of [{}, { authorization: 'Bearer not-a-key' }] as Record<string, string>[]) {
        const response = await get('/health', headers);
        expect(response.status).toBe(200);
        expect(response.json()).toEqual({ status: 'success', data: { status: 'ok' } });
      }
    });

    it('GET /health/ready answers 200 with every check passing', async () => {
      const response = await get('/health/ready');
      expect(response.status, response.text).toBe(200);
      const body = response.json();
      expect(body.status).toBe('success');
      expect(body.data.status).toBe('ready');
      const names = body.data.checks.map((c: { name: string }) => c.name);
      expect(names).toEqual(expect.arrayContaining(['event_store', 'read_model', 'projection']));
      for (const check of body.data.checks) expect(check).toEqual({ name: check.name, ok: true });
    });
  });

  describe('OpenAPI document', () => {
    let doc: any;
    beforeAll(async () => {
      const response = await get('/docs/openapi.json');
      expect(response.status).toBe(200);
      expect(response.contentType).toMatch(/^application\/json/);
      doc = response.json();
    });

    const operation = (route: Route) => doc.paths[route.path]?.[route.method];
    const resolve = (ref: string) => {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      const schema = doc.components.schemas[ref.split('/').pop() as string];
      expect(schema, ref).toBeDefined();
      return schema;
    };

    it('is OpenAPI 3 and needs no key', async () => {
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('lists exactly the routes of the contract', () => {
      const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`));
      expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    });

    it.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s is described', (_label, route) => {
      const op = operation(route);
      expect(op).toBeDefined();

      // authentication and scope
      if (route.scope) {
        expect(op.security).toEqual([{ bearer: [] }]);
        expect(op['x-required-scope']).toBe(route.scope);
        expect(op.description).toContain(route.scope === 'admin' ? 'root key' : route.scope);
        expect(op.responses['401'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorEnvelope');
        expect(op.responses['403']).toBeDefined();
      } else {
        expect(op.security).toEqual([]);
        expect(op.responses['401']).toBeUndefined();
      }

      // path parameters
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string; required: boolean }) => p.name);
      expect(pathParams.sort()).toEqual(names.sort());
      if (names.length > 0) expect(op.responses['404']).toBeDefined();

      // success answer in the envelope
      const success = route.created ? '201' : '200';
      expect(Object.keys(op.responses).filter((s) => s.startsWith('2'))).toEqual([success]);
      expect(op.responses[success].content['application/json'].schema.$ref).toBe('#/components/schemas/SuccessEnvelope');

      // Idempotency-Key on every POST
      const idempotency = (op.parameters ?? []).find((p: { name: string }) => p.name === 'Idempotency-Key');
      if (route.method === 'post') {
        expect(idempotency).toMatchObject({ in: 'header', required: false });
        expect(op.responses['422']).toBeDefined();
      } else {
        expect(idempotency).toBeUndefined();
      }

      // the request body
      if (route.body) {
        expect(op.requestBody.content['application/json'], JSON.stringify(op.requestBody)).toBeDefined();
        const schema = resolve(op.requestBody.content['application/json'].schema.$ref);
        expect(op.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${route.body.schema}`);
        expect(schema.type).toBe('object');
        expect(schema.additionalProperties).toBe(false);
        expect((schema.required ?? []).sort()).toEqual([...route.body.required].sort());
        for (const field of route.body.required) expect(schema.properties[field]).toBeDefined();
        expect(op.responses['415']).toBeDefined();
        expect(op.responses['413']).toBeDefined();
      } else if (route.path.endsWith('/documents') && route.method === 'post') {
        const schema = resolve(op.requestBody.content['multipart/form-data'].schema.$ref);
        expect(schema.required).toEqual(['file']);
        expect(schema.properties.file).toEqual(expect.objectContaining({ type: 'string', format: 'binary' }));
        expect(schema.properties.document_type.enum).toEqual(expect.arrayContaining(['id', 'passport', 'selfie']));
      } else {
        expect(op.requestBody).toBeUndefined();
      }
    });

    it('documents process as 501, validate as available, and readiness as 503', () => {
      expect(doc.paths[`${S}/process`].post.responses['501'].description).toMatch(/not_implemented/);
      expect(doc.paths[`${S}/validate`].post.responses['501']).toBeUndefined();
      expect(doc.paths['/health/ready'].get.responses['503']).toBeDefined();
    });

    it('describes the bodies the API accepts, field by field', () => {
      const schemas = doc.components.schemas;
      const create = schemas.CreateSessionBody.properties;
      expect(Object.keys(create).sort()).toEqual(['activate', 'assigned_to', 'customer_id', 'metadata', 'priority', 'ttl_days', 'workflow_id']);
      expect(create.workflow_id).toMatchObject({ type: 'string', format: 'uuid' });
      expect(create.ttl_days).toMatchObject({ type: 'integer', minimum: 1, maximum: 90 });
      expect(create.metadata.type).toBe('object');
      expect(create.priority.enum).toEqual(['low', 'medium', 'high']);
      expect(schemas.UpdateSessionBody.properties.status.enum.sort()).toEqual(['active', 'approved', 'manual_review', 'rejected']);
      expect(schemas.ExtendSessionBody.properties.extend_days).toMatchObject({ type: 'integer', minimum: 1, maximum: 90 });
      expect(schemas.CreateApiKeyBody.properties.scopes.items.enum).toEqual(
        expect.arrayContaining(['kyc:create', 'kyc:read', 'kyc:update', 'kyc:delete', 'kyc:process', 'workflows:read', 'workflows:write']),
      );
      expect(schemas.CreateApiKeyBody.properties.scopes.items.enum).not.toContain('admin');

      // every field of the contract's workflow example is in the schema, down to the form fields
      const workflow = schemas.WorkflowBody;
      for (const key of Object.keys(BASIC_WORKFLOW)) expect(workflow.properties[key], key).toBeDefined();
      const step = resolve(workflow.properties.steps.items.$ref);
      for (const key of ['step_id', 'type', 'name', 'optional', 'document_types', 'fields', 'workflow_id', 'min', 'max']) expect(step.properties[key], key).toBeDefined();
      expect(step.properties.type.enum).toEqual(expect.arrayContaining(['document', 'selfie', 'form', 'subsessions']));
      const field = resolve(step.properties.fields.items.$ref);
      expect(field.properties.type.enum).toEqual(
        expect.arrayContaining(['text', 'name', 'date', 'email', 'phone', 'country', 'number', 'select', 'boolean', 'url', 'crypto_address']),
      );
      const corrections = schemas.RequestCorrectionsBody;
      const item = resolve(corrections.properties.corrections.items.$ref);
      expect(item.required.sort()).toEqual(['message', 'step_id']);
      expect(Object.keys(item.properties).sort()).toEqual(['document_types', 'field_ids', 'message', 'step_id']);
    });

    it('describes the list query', () => {
      const params = doc.paths['/kyc/sessions'].get.parameters.filter((p: { in: string }) => p.in === 'query');
      const byName = Object.fromEntries(params.map((p: { name: string }) => [p.name, p]));
      for (const name of ['status', 'status_list', 'workflow_id', 'created_from', 'created_to', 'limit', 'next_key', 'include_summary', 'parent_session_id', 'include_subsessions']) {
        expect(byName[name], name).toBeDefined();
        expect(byName[name].required).toBe(false);
      }
      expect(byName.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
      expect(byName.status.schema.enum).toEqual(expect.arrayContaining(['draft', 'active', 'awaiting_client_correction']));
    });

    it('describes the error envelope', () => {
      expect(doc.components.schemas.ErrorEnvelope).toMatchObject({
        required: ['status', 'error'],
        properties: { status: { enum: ['error'] }, error: { required: ['code', 'message'] } },
      });
    });

    it('is also served as YAML', async () => {
      const response = await get('/docs/openapi.yaml');
      expect(response.status).toBe(200);
      expect(response.text).toMatch(/^openapi: 3\./m);
      expect(response.text).toContain('/kyc/sessions/{session_id}/corrections:');
    });
  });

  it('GET /docs serves the HTML page and its assets', async () => {
    const page = await get('/docs');
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.text).toMatch(/<html/i);
    expect(page.text).toContain('swagger-ui');
    const assets = [...page.text.matchAll(/(?:href|src)="\.\/(docs\/[^"]+\.(?:css|js))"/g)].map((m) => `/${m[1]}`);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await get(asset);
      expect(response.status, asset).toBe(200);
      expect(response.text.length, asset).toBeGreaterThan(0);
    }
    const init = await get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('/kyc/sessions');
  });
});
