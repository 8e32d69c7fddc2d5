import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { ALL_SCOPES, BASIC_WORKFLOW, completeBasicSession, fileForm, PNG_BYTES, tenantClient } from './testing/fixtures';
import { ROOT_KEY, startTestPlatform, type TestPlatform } from './testing/test-platform';

/** What the cases point at: one tenant with a workflow, an active and a completed session, a subsession. */
interface Ctx {
  tenantId: string;
  workflowId: string;
  sessionId: string;
  completedSessionId: string;
  subsessionId: string;
  accessToken: string;
}

type Body =
  | { json: unknown }
  /** Bytes as sent, with this content type (none: no header). */
  | { raw: string | Uint8Array; contentType?: string }
  | { form: FormData };

interface BadCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (c: Ctx) => string;
  body?: (c: Ctx) => Body;
  as?: 'tenant' | 'root' | 'public';
  status: number;
  code: string;
  /** A field the error's details must name. */
  field: string;
}

const json = (value: unknown) => () => ({ json: value }) as Body;
const raw = (text: string | Uint8Array, contentType?: string) => () => ({ raw: text, contentType }) as Body;
const invalid = { status: 400, code: 'invalid_request' } as const;
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const create = (extra: Record<string, unknown>) => (c: Ctx) => ({ json: { workflow_id: c.workflowId, ...extra } }) as Body;
const sessionBodyCases = (
  cases: [string, Record<string, unknown>, string][],
): BadCase[] => cases.map(([name, extra, field]) => ({ name: `create session: ${name}`, method: 'POST', path: () => '/kyc/sessions', body: create(extra), ...invalid, field }));

const workflowStep = (extra: Record<string, unknown>) => ({ name: 'W', steps: [{ step_id: 'selfie', type: 'selfie', ...extra }] });

const BODY_CASES: BadCase[] = [
  // the body as a whole
  { name: 'malformed JSON', method: 'POST', path: () => '/kyc/sessions', body: raw('{"workflow_id": ', 'application/json'), ...invalid, field: 'body' },
  { name: 'trailing garbage', method: 'POST', path: () => '/kyc/sessions', body: raw('{"ttl_days": 7} x', 'application/json'), ...invalid, field: 'body' },
  { name: 'prototype poisoning', method: 'POST', path: () => '/kyc/sessions', body: raw('{"__proto__": {"admin": true}}', 'application/json'), ...invalid, field: 'body' },
  { name: 'a JSON array body', method: 'POST', path: () => '/kyc/sessions', body: json([]), ...invalid, field: 'body' },
  { name: 'a JSON string body', method: 'POST', path: () => '/kyc/sessions', body: json('hello'), ...invalid, field: 'body' },
  { name: 'a JSON number body', method: 'POST', path: () => '/kyc/sessions', body: json(42), ...invalid, field: 'body' },
  { name: 'a JSON null body', method: 'POST', path: () => '/kyc/sessions', body: json(null), ...invalid, field: 'body' },
  { name: 'an empty object', method: 'POST', path: () => '/kyc/sessions', body: json({}), ...invalid, field: 'workflow_id' },
  { name: 'no body at all', method: 'POST', path: () => '/kyc/sessions', ...invalid, field: 'workflow_id' },
  { name: 'an empty JSON body', method: 'POST', path: () => '/kyc/sessions', body: raw('', 'application/json'), ...invalid, field: 'workflow_id' },

  // content types
  { name: 'text/plain', method: 'POST', path: () => '/kyc/sessions', body: (c) => ({ raw: JSON.stringify({ workflow_id: c.workflowId }), contentType: 'text/plain' }), status: 415, code: 'unsupported_media_type', field: 'content-type' },
  { name: 'a url-encoded form', method: 'POST', path: () => '/kyc/sessions', body: (c) => ({ raw: `workflow_id=${c.workflowId}`, contentType: 'application/x-www-form-urlencoded' }), status: 415, code: 'unsupported_media_type', field: 'content-type' },
  { name: 'XML', method: 'POST', path: () => '/kyc/sessions', body: raw('<session/>', 'application/xml'), status: 415, code: 'unsupported_media_type', field: 'content-type' },
  { name: 'a body without a content type', method: 'POST', path: () => '/kyc/sessions', body: (c) => ({ raw: new TextEncoder().encode(JSON.stringify({ workflow_id: c.workflowId })) }), status: 415, code: 'unsupported_media_type', field: 'content-type' },
  {
    name: 'multipart on a JSON route',
    method: 'POST',
    path: () => '/kyc/sessions',
    body: (c) => {
      const form = new FormData();
      form.append('workflow_id', c.workflowId);
      return { form };
    },
    status: 415,
    code: 'unsupported_media_type',
    field: 'content-type',
  },
  {
    name: 'multipart on the public form',
    method: 'PUT',
    path: (c) => `/public/api/sessions/${c.accessToken}/steps/personal_info/form`,
    as: 'public',
    body: () => {
      const form = new FormData();
      form.append('values', '{"full_name":"x"}');
      return { form };
    },
    status: 415,
    code: 'unsupported_media_type',
    field: 'content-type',
  },
  { name: 'a body over the limit', method: 'POST', path: () => '/kyc/sessions', body: create({ metadata: { blob: 'x'.repeat(300 * 1024) } }), status: 413, code: 'payload_too_large', field: 'body' },
  { name: 'JSON on the upload route', method: 'POST', path: (c) => `/public/api/sessions/${c.accessToken}/steps/id_document/documents`, as: 'public', body: json({ file: 'x' }), status: 415, code: 'unsupported_media_type', field: 'content-type' },

  // POST /kyc/sessions fields
  ...sessionBodyCases([
    ['workflow_id not a UUID', { workflow_id: 'wf-1' }, 'workflow_id'],
    ['workflow_id a number', { workflow_id: 123 }, 'workflow_id'],
    ['workflow_id null', { workflow_id: null }, 'workflow_id'],
    ['ttl_days 0', { ttl_days: 0 }, 'ttl_days'],
    ['ttl_days 91', { ttl_days: 91 }, 'ttl_days'],
    ['ttl_days "7"', { ttl_days: '7' }, 'ttl_days'],
    ['ttl_days 7.5', { ttl_days: 7.5 }, 'ttl_days'],
    ['ttl_days -1', { ttl_days: -1 }, 'ttl_days'],
    ['ttl_days null', { ttl_days: null }, 'ttl_days'],
    ['ttl_days true', { ttl_days: true }, 'ttl_days'],
    ['metadata an array', { metadata: [1, 2] }, 'metadata'],
    ['metadata a string', { metadata: 'x' }, 'metadata'],
    ['metadata null', { metadata: null }, 'metadata'],
    ['metadata over 16 KiB', { metadata: { blob: 'x'.repeat(16 * 1024) } }, 'metadata'],
    ['metadata with a NUL character', { metadata: { note: 'a\u0000b' } }, 'metadata.note'],
    ['metadata with a NUL character in a key', { metadata: { 'a\u0000': 1 } }, 'metadata'],
    ['customer_id empty', { customer_id: '' }, 'customer_id'],
    ['customer_id a number', { customer_id: 5 }, 'customer_id'],
    ['customer_id with a NUL character', { customer_id: 'cust\u0000' }, 'customer_id'],
    ['priority unknown', { priority: 'urgent' }, 'priority'],
    ['priority null', { priority: null }, 'priority'],
    ['assigned_to an array', { assigned_to: ['a'] }, 'assigned_to'],
    ['activate a string', { activate: 'yes' }, 'activate'],
    ['activate null', { activate: null }, 'activate'],
    ['an unknown field', { surname: 'Doe' }, 'surname'],
  ]),
  { name: 'create session: ttl_days 1e400', method: 'POST', path: () => '/kyc/sessions', body: (c) => ({ raw: `{"workflow_id":"${c.workflowId}","ttl_days":1e400}`, contentType: 'application/json' }), ...invalid, field: 'ttl_days' },
  { name: 'create session: metadata with a lone surrogate', method: 'POST', path: () => '/kyc/sessions', body: (c) => ({ raw: `{"workflow_id":"${c.workflowId}","metadata":{"a":"\\ud800"}}`, contentType: 'application/json' }), ...invalid, field: 'metadata.a' },

  // PATCH /kyc/sessions/{id}
  { name: 'patch: empty object', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json({}), ...invalid, field: 'body' },
  { name: 'patch: a JSON string body', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json('approved'), ...invalid, field: 'body' },
  { name: 'patch: a JSON array body', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json([{ status: 'approved' }]), ...invalid, field: 'body' },
  { name: 'patch: status not settable', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json({ status: 'completed' }), ...invalid, field: 'status' },
  { name: 'patch: status null', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json({ status: null }), ...invalid, field: 'status' },
  { name: 'patch: notes a number', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json({ notes: 5 }), ...invalid, field: 'notes' },
  { name: 'patch: priority unknown', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json({ priority: 'asap' }), ...invalid, field: 'priority' },
  { name: 'patch: an unknown field', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json({ notes: 'ok', reviewer: 'me' }), ...invalid, field: 'reviewer' },
  { name: 'patch: notes with a NUL character', method: 'PATCH', path: (c) => `/kyc/sessions/${c.sessionId}`, body: json({ notes: 'a\u0000' }), ...invalid, field: 'notes' },

  // POST extend
  ...([
    ['extend_days missing', {}],
    ['extend_days 0', { extend_days: 0 }],
    ['extend_days 91', { extend_days: 91 }],
    ['extend_days "7"', { extend_days: '7' }],
    ['extend_days null', { extend_days: null }],
  ] as const).map(([name, body]): BadCase => ({ name: `extend: ${name}`, method: 'POST', path: (c) => `/kyc/sessions/${c.sessionId}/extend`, body: json(body), ...invalid, field: 'extend_days' })),
  { name: 'extend: comment a number', method: 'POST', path: (c) => `/kyc/sessions/${c.sessionId}/extend`, body: json({ extend_days: 1, comment: 1 }), ...invalid, field: 'comment' },
  { name: 'extend: an unknown field', method: 'POST', path: (c) => `/kyc/sessions/${c.sessionId}/extend`, body: json({ extend_days: 1, days: 1 }), ...invalid, field: 'days' },

  // POST corrections
  ...([
    ['corrections missing', {}, 'corrections'],
    ['corrections empty', { corrections: [] }, 'corrections'],
    ['corrections a string', { corrections: 'fix it' }, 'corrections'],
    ['an item not an object', { corrections: ['fix it'] }, 'corrections[0]'],
    ['an item without step_id', { corrections: [{ message: 'm' }] }, 'corrections[0].step_id'],
    ['an item without message', { corrections: [{ step_id: 'id_document' }] }, 'corrections[0].message'],
    ['field_ids a string', { corrections: [{ step_id: 'personal_info', message: 'm', field_ids: 'full_name' }] }, 'corrections[0].field_ids'],
    ['an unknown field in an item', { corrections: [{ step_id: 'id_document', message: 'm', urgent: true }] }, 'corrections[0].urgent'],
    ['an unknown top-level field', { corrections: [{ step_id: 'id_document', message: 'm' }], notify: true }, 'notify'],
    ['a step not in the workflow', { corrections: [{ step_id: 'no_such_step', message: 'm' }] }, 'corrections[0].step_id'],
  ] as const).map(([name, body, field]): BadCase => ({ name: `corrections: ${name}`, method: 'POST', path: (c) => `/kyc/sessions/${c.completedSessionId}/corrections`, body: json(body), ...invalid, field })),

  // POST subsessions (tenant and end user)
  { name: 'subsession: empty object', method: 'POST', path: (c) => `/kyc/sessions/${c.sessionId}/subsessions`, body: json({}), ...invalid, field: 'label' },
  { name: 'subsession: label empty', method: 'POST', path: (c) => `/kyc/sessions/${c.sessionId}/subsessions`, body: json({ step_id: 'step_ubos', label: '' }), ...invalid, field: 'label' },
  { name: 'subsession: metadata an array', method: 'POST', path: (c) => `/kyc/sessions/${c.sessionId}/subsessions`, body: json({ step_id: 'step_ubos', label: 'x', metadata: [] }), ...invalid, field: 'metadata' },
  { name: 'subsession: an unknown field', method: 'POST', path: (c) => `/kyc/sessions/${c.sessionId}/subsessions`, body: json({ step_id: 'step_ubos', label: 'x', email: 'a@b.c' }), ...invalid, field: 'email' },
  { name: 'subsession: a step that is not a subsessions step', method: 'POST', path: (c) => `/kyc/sessions/${c.sessionId}/subsessions`, body: json({ step_id: 'selfie', label: 'x' }), ...invalid, field: 'step_id' },
  { name: 'public subsession: empty object', method: 'POST', path: (c) => `/public/api/sessions/${c.accessToken}/subsessions`, as: 'public', body: json({}), ...invalid, field: 'step_id' },
  { name: 'public subsession: malformed JSON', method: 'POST', path: (c) => `/public/api/sessions/${c.accessToken}/subsessions`, as: 'public', body: raw('{', 'application/json'), ...invalid, field: 'body' },

  // PUT public form
  { name: 'form: values missing', method: 'PUT', path: (c) => `/public/api/sessions/${c.accessToken}/steps/personal_info/form`, as: 'public', body: json({}), ...invalid, field: 'values' },
  { name: 'form: values an array', method: 'PUT', path: (c) => `/public/api/sessions/${c.accessToken}/steps/personal_info/form`, as: 'public', body: json({ values: ['John'] }), ...invalid, field: 'values' },
  { name: 'form: an unknown field', method: 'PUT', path: (c) => `/public/api/sessions/${c.accessToken}/steps/personal_info/form`, as: 'public', body: json({ values: {}, submit: true }), ...invalid, field: 'submit' },
  { name: 'form: a NUL character in a value', method: 'PUT', path: (c) => `/public/api/sessions/${c.accessToken}/steps/personal_info/form`, as: 'public', body: json({ values: { full_name: 'John\u0000' } }), ...invalid, field: 'values.full_name' },
  { name: 'form: malformed JSON', method: 'PUT', path: (c) => `/public/api/sessions/${c.accessToken}/steps/personal_info/form`, as: 'public', body: raw('{"values": {', 'application/json'), ...invalid, field: 'body' },
  { name: 'form: text/plain', method: 'PUT', path: (c) => `/public/api/sessions/${c.accessToken}/steps/personal_info/form`, as: 'public', body: raw('{"values": {}}', 'text/plain'), status: 415, code: 'unsupported_media_type', field: 'content-type' },

  // public upload
  { name: 'upload: no file part', method: 'POST', path: (c) => `/public/api/sessions/${c.accessToken}/steps/id_document/documents`, as: 'public', body: () => { const form = new FormData(); form.append('document_type', 'id'); return { form }; }, ...invalid, field: 'file' },
  { name: 'upload: unknown document_type', method: 'POST', path: (c) => `/public/api/sessions/${c.accessToken}/steps/id_document/documents`, as: 'public', body: () => ({ form: fileForm(PNG_BYTES, 'id.png', 'tax_return') }), ...invalid, field: 'document_type' },

  // POST/PUT workflows
  { name: 'workflow: empty object', method: 'POST', path: () => '/kyc/workflows', body: json({}), ...invalid, field: 'steps' },
  { name: 'workflow: name a number', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, name: 7 }), ...invalid, field: 'name' },
  { name: 'workflow: no steps', method: 'POST', path: () => '/kyc/workflows', body: json({ name: 'W', steps: [] }), ...invalid, field: 'steps' },
  { name: 'workflow: steps an object', method: 'POST', path: () => '/kyc/workflows', body: json({ name: 'W', steps: { a: 1 } }), ...invalid, field: 'steps' },
  { name: 'workflow: unknown step type', method: 'POST', path: () => '/kyc/workflows', body: json(workflowStep({ type: 'video' })), ...invalid, field: 'steps[0].type' },
  { name: 'workflow: unknown document type', method: 'POST', path: () => '/kyc/workflows', body: json({ name: 'W', steps: [{ step_id: 'd', type: 'document', document_types: ['tax_return'] }] }), ...invalid, field: 'steps[0].document_types' },
  { name: 'workflow: unknown field type', method: 'POST', path: () => '/kyc/workflows', body: json({ name: 'W', steps: [{ step_id: 'f', type: 'form', fields: [{ field_id: 'a', name: 'A', type: 'colour' }] }] }), ...invalid, field: 'steps[0].fields[0].type' },
  { name: 'workflow: an unknown field in a step', method: 'POST', path: () => '/kyc/workflows', body: json(workflowStep({ camera: 'front' })), ...invalid, field: 'steps[0].camera' },
  { name: 'workflow: an unknown top-level field', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, owner: 'me' }), ...invalid, field: 'owner' },
  { name: 'workflow: validations a string', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, validations: 'all' }), ...invalid, field: 'validations' },
  { name: 'workflow: validations.lists a string', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, validations: { lists: 'yes' } }), ...invalid, field: 'validations.lists' },
  { name: 'workflow: custom_tags with a number', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, custom_tags: { region: 1 } }), ...invalid, field: 'custom_tags' },
  { name: 'workflow: default_ttl_days 0', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, default_ttl_days: 0 }), ...invalid, field: 'default_ttl_days' },
  { name: 'workflow: default_ttl_days 91', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, default_ttl_days: 91 }), ...invalid, field: 'default_ttl_days' },
  { name: 'workflow: default_ttl_days "7"', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, default_ttl_days: '7' }), ...invalid, field: 'default_ttl_days' },
  { name: 'workflow: auto_process a string', method: 'POST', path: () => '/kyc/workflows', body: json({ ...BASIC_WORKFLOW, auto_process: 'true' }), ...invalid, field: 'auto_process' },
  { name: 'workflow: malformed JSON', method: 'POST', path: () => '/kyc/workflows', body: raw('{"name":"W",', 'application/json'), ...invalid, field: 'body' },
  { name: 'workflow put: empty object', method: 'PUT', path: (c) => `/kyc/workflows/${c.workflowId}`, body: json({}), ...invalid, field: 'name' },
  { name: 'workflow put: an unknown field', method: 'PUT', path: (c) => `/kyc/workflows/${c.workflowId}`, body: json({ ...BASIC_WORKFLOW, version: 3 }), ...invalid, field: 'version' },
  { name: 'workflow put: text/plain', method: 'PUT', path: (c) => `/kyc/workflows/${c.workflowId}`, body: raw(JSON.stringify(BASIC_WORKFLOW), 'text/plain'), status: 415, code: 'unsupported_media_type', field: 'content-type' },

  // admin
  { name: 'tenant: empty object', method: 'POST', path: () => '/admin/tenants', as: 'root', body: json({}), ...invalid, field: 'name' },
  { name: 'tenant: name empty', method: 'POST', path: () => '/admin/tenants', as: 'root', body: json({ name: '' }), ...invalid, field: 'name' },
  { name: 'tenant: name a number', method: 'POST', path: () => '/admin/tenants', as: 'root', body: json({ name: 5 }), ...invalid, field: 'name' },
  { name: 'tenant: name with a NUL character', method: 'POST', path: () => '/admin/tenants', as: 'root', body: json({ name: 'Acme\u0000' }), ...invalid, field: 'name' },
  { name: 'tenant: an unknown field', method: 'POST', path: () => '/admin/tenants', as: 'root', body: json({ name: 'Acme', plan: 'gold' }), ...invalid, field: 'plan' },
  { name: 'tenant: malformed JSON', method: 'POST', path: () => '/admin/tenants', as: 'root', body: raw('{"name":', 'application/json'), ...invalid, field: 'body' },
  { name: 'tenant: url-encoded', method: 'POST', path: () => '/admin/tenants', as: 'root', body: raw('name=Acme', 'application/x-www-form-urlencoded'), status: 415, code: 'unsupported_media_type', field: 'content-type' },
  { name: 'api key: scopes missing', method: 'POST', path: (c) => `/admin/tenants/${c.tenantId}/api-keys`, as: 'root', body: json({ name: 'k' }), ...invalid, field: 'scopes' },
  { name: 'api key: scopes a string', method: 'POST', path: (c) => `/admin/tenants/${c.tenantId}/api-keys`, as: 'root', body: json({ name: 'k', scopes: 'kyc:read' }), ...invalid, field: 'scopes' },
  { name: 'api key: the admin scope', method: 'POST', path: (c) => `/admin/tenants/${c.tenantId}/api-keys`, as: 'root', body: json({ name: 'k', scopes: ['admin'] }), ...invalid, field: 'scopes' },
  { name: 'api key: an unknown scope', method: 'POST', path: (c) => `/admin/tenants/${c.tenantId}/api-keys`, as: 'root', body: json({ name: 'k', scopes: ['kyc:read', 'kyc:everything'] }), ...invalid, field: 'scopes' },
  { name: 'api key: duplicate scopes', method: 'POST', path: (c) => `/admin/tenants/${c.tenantId}/api-keys`, as: 'root', body: json({ name: 'k', scopes: ['kyc:read', 'kyc:read'] }), ...invalid, field: 'scopes' },
  { name: 'api key: name missing', method: 'POST', path: (c) => `/admin/tenants/${c.tenantId}/api-keys`, as: 'root', body: json({ scopes: ['kyc:read'] }), ...invalid, field: 'name' },
  { name: 'api key: an unknown field', method: 'POST', path: (c) => `/admin/tenants/${c.tenantId}/api-keys`, as: 'root', body: json({ name: 'k', scopes: ['kyc:read'], expires: 1 }), ...invalid, field: 'expires' },
];

const list = (query: string, field: string): BadCase => ({ name: `list: ${query}`, method: 'GET', path: () => `/kyc/sessions?${query}`, ...invalid, field });

const QUERY_CASES: BadCase[] = [
  list('limit=0', 'limit'),
  list('limit=101', 'limit'),
  list('limit=abc', 'limit'),
  list('limit=1.5', 'limit'),
  list('limit=-1', 'limit'),
  list('limit=', 'limit'),
  list('limit=1&limit=2', 'limit'),
  list('status=done', 'status'),
  list('status=active&status=draft', 'status'),
  list('status_list=active,done', 'status_list'),
  list('compliance_status=ok', 'compliance_status'),
  list('workflow_id=wf-1', 'workflow_id'),
  list('parent_session_id=123', 'parent_session_id'),
  list('created_from=yesterday', 'created_from'),
  list('created_to=2024-13-45T00:00:00Z', 'created_to'),
  list('include_summary=maybe', 'include_summary'),
  list('include_subsessions=1', 'include_subsessions'),
  list('customer_id=', 'customer_id'),
  list('customer_id=a%00b', 'customer_id'),
  list('sort=created_at', 'sort'),
  list('next_key=not-a-cursor!!', 'next_key'),
  list(`next_key=${base64url({ a: 1 })}`, 'next_key'),
  list(`next_key=${base64url({ created_at: '2024-01-01T00:00:00.000Z', session_id: '-'.repeat(36) })}`, 'next_key'),
  list(`next_key=${base64url({ created_at: '+275760-09-13T00:00:00.000Z', session_id: randomUUID() })}`, 'next_key'),
  { name: 'workflow: version=0', method: 'GET', path: (c) => `/kyc/workflows/${c.workflowId}?version=0`, ...invalid, field: 'version' },
  { name: 'workflow: version=abc', method: 'GET', path: (c) => `/kyc/workflows/${c.workflowId}?version=abc`, ...invalid, field: 'version' },
  { name: 'workflow: version=1.5', method: 'GET', path: (c) => `/kyc/workflows/${c.workflowId}?version=1.5`, ...invalid, field: 'version' },
  { name: 'workflow: version=', method: 'GET', path: (c) => `/kyc/workflows/${c.workflowId}?version=`, ...invalid, field: 'version' },
  { name: 'workflow: an unknown parameter', method: 'GET', path: (c) => `/kyc/workflows/${c.workflowId}?v=1`, ...invalid, field: 'v' },
];

const BAD_ID = 'not-a-uuid';
const pathCase = (method: BadCase['method'], path: (c: Ctx) => string, field: string, as: BadCase['as'] = 'tenant', body?: unknown): BadCase => ({
  name: `${method} ${path({ tenantId: '{tenant_id}', workflowId: '{workflow_id}', sessionId: '{session_id}', completedSessionId: '{session_id}', subsessionId: '{sub_id}', accessToken: '{token}' })}`,
  method,
  path,
  as,
  body: body === undefined ? undefined : json(body),
  ...invalid,
  field,
});

const PATH_CASES: BadCase[] = [
  pathCase('GET', () => `/kyc/sessions/${BAD_ID}`, 'session_id'),
  pathCase('GET', () => `/kyc/sessions/${'a'.repeat(150)}`, 'session_id'),
  pathCase('GET', () => `/kyc/sessions/${randomUUID()}x`, 'session_id'),
  pathCase('GET', () => `/kyc/sessions/${'a'.repeat(600)}`, 'path'),
  pathCase('GET', () => '/kyc/sessions/%E0%A4%A', 'path'),
  pathCase('PATCH', () => `/kyc/sessions/${BAD_ID}`, 'session_id', 'tenant', { notes: 'x' }),
  pathCase('DELETE', () => `/kyc/sessions/${BAD_ID}`, 'session_id'),
  pathCase('POST', () => `/kyc/sessions/${BAD_ID}/generate-link`, 'session_id'),
  pathCase('POST', () => `/kyc/sessions/${BAD_ID}/extend`, 'session_id', 'tenant', { extend_days: 1 }),
  pathCase('POST', () => `/kyc/sessions/${BAD_ID}/corrections`, 'session_id', 'tenant', { corrections: [{ step_id: 'selfie', message: 'm' }] }),
  pathCase('POST', () => `/kyc/sessions/${BAD_ID}/validate`, 'session_id'),
  pathCase('POST', () => `/kyc/sessions/${BAD_ID}/process`, 'session_id'),
  pathCase('GET', () => `/kyc/sessions/${BAD_ID}/events`, 'session_id'),
  pathCase('GET', () => `/kyc/sessions/${BAD_ID}/documents/doc_abc/url`, 'session_id'),
  pathCase('GET', () => `/kyc/sessions/${BAD_ID}/subsessions`, 'session_id'),
  pathCase('POST', () => `/kyc/sessions/${BAD_ID}/subsessions`, 'session_id', 'tenant', { step_id: 'step_ubos', label: 'x' }),
  pathCase('POST', (c) => `/kyc/sessions/${c.sessionId}/subsessions/${BAD_ID}/regenerate-link`, 'subsession_id'),
  pathCase('DELETE', (c) => `/kyc/sessions/${c.sessionId}/subsessions/${BAD_ID}`, 'subsession_id'),
  pathCase('GET', () => `/kyc/workflows/${BAD_ID}`, 'workflow_id'),
  pathCase('PUT', () => `/kyc/workflows/${BAD_ID}`, 'workflow_id', 'tenant', BASIC_WORKFLOW),
  pathCase('DELETE', () => `/kyc/workflows/${BAD_ID}`, 'workflow_id'),
  pathCase('GET', () => `/admin/tenants/${BAD_ID}/api-keys`, 'tenant_id', 'root'),
  pathCase('POST', () => `/admin/tenants/${BAD_ID}/api-keys`, 'tenant_id', 'root', { name: 'k', scopes: ['kyc:read'] }),
  pathCase('DELETE', () => `/admin/tenants/${BAD_ID}/api-keys/abcdefghij012345`, 'tenant_id', 'root'),
  pathCase('DELETE', (c) => `/admin/tenants/${c.tenantId}/api-keys/a%00b`, 'key_id', 'root'),
  pathCase('DELETE', (c) => `/admin/tenants/${c.tenantId}/api-keys/${'k'.repeat(300)}`, 'key_id', 'root'),
];

describe('bad input', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let apiKey: string;
  let ctx: Ctx;

  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`bad-input: platform on ${platform.describeDatabase}`);
    const tenant = await tenantClient(platform.url);
    const key = await new ApiClient(platform.url, ROOT_KEY).post(`/admin/tenants/${tenant.tenantId}/api-keys`, { name: 'raw', scopes: ALL_SCOPES });
    apiKey = key.body.data.api_key;
    api = new ApiClient(platform.url, apiKey);
    const ubo = await api.post('/kyc/workflows', { name: 'UBO', steps: [{ step_id: 'ubo_selfie', type: 'selfie' }] });
    const workflow = await api.post('/kyc/workflows', {
      ...BASIC_WORKFLOW,
      steps: [...BASIC_WORKFLOW.steps, { step_id: 'step_ubos', type: 'subsessions', workflow_id: ubo.body.data.workflow_id, min: 0, max: 5, optional: true }],
    });
    expect(workflow.status, JSON.stringify(workflow.body)).toBe(201);
    const workflowId = workflow.body.data.workflow_id;
    const session = await api.post('/kyc/sessions', { workflow_id: workflowId });
    const sub = await api.post(`/kyc/sessions/${session.body.data.session_id}/subsessions`, { step_id: 'step_ubos', label: 'UBO' });
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    const basic = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    const completed = await api.post('/kyc/sessions', { workflow_id: basic.body.data.workflow_id });
    await completeBasicSession(platform.url, completed.body.data.access_token);
    ctx = {
      tenantId: tenant.tenantId,
      workflowId,
      sessionId: session.body.data.session_id,
      completedSessionId: completed.body.data.session_id,
      subsessionId: sub.body.data.subsession_id,
      accessToken: session.body.data.access_token,
    };
  });
  afterAll(async () => platform?.close());

  /** Everything a request could have written. */
  async function footprint() {
    const db = platform.readModel;
    return {
      events: await platform.store.headPosition(),
      tenants: await db.tenant.count(),
      apiKeys: await db.apiKey.count(),
      sessions: await db.sessionView.count(),
      workflows: await db.workflowVersion.count(),
      idempotency: await db.idempotencyRecord.count(),
    };
  }

  async function send(c: BadCase) {
    const headers: Record<string, string> = {};
    if (c.as === 'root') headers.authorization = `Bearer ${ROOT_KEY}`;
    else if (c.as !== 'public') headers.authorization = `Bearer ${apiKey}`;
    if (c.method === 'POST') headers['idempotency-key'] = randomUUID();
    const init: RequestInit = { method: c.method, headers };
    const body = c.body?.(ctx);
    if (body && 'json' in body) {
      init.body = JSON.stringify(body.json);
      headers['content-type'] = 'application/json';
    } else if (body && 'raw' in body) {
      init.body = body.raw;
      if (body.contentType) headers['content-type'] = body.contentType;
    } else if (body && 'form' in body) {
      init.body = body.form;
    }
    const response = await fetch(platform.url + c.path(ctx), init);
    const text = await response.text();
    let parsed: any;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, contentType: response.headers.get('content-type') };
  }

  describe.each([
    ['bodies', BODY_CASES],
    ['queries', QUERY_CASES],
    ['path parameters', PATH_CASES],
  ] as const)('%s', (_group, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const before = await footprint();
      const response = await send(c);
      expect(response.status, JSON.stringify(response.body)).toBe(c.status);
      expect(response.contentType).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ status: 'error', error: { code: c.code, message: expect.any(String) } });
      const fields = (response.body.error.details ?? []).map((d: { field: string }) => d.field);
      expect(fields, JSON.stringify(response.body.error)).toContain(c.field);
      for (const detail of response.body.error.details) expect(detail.issue).toEqual(expect.any(String));
      expect(await footprint()).toEqual(before);
    });
  });

  it('refuses JSON nested too deeply, wherever it is, without a 500', async () => {
    const before = await footprint();
    for (const body of [
      `{"workflow_id":"${ctx.workflowId}","metadata":{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
      `{"workflow_id":"${ctx.workflowId}","metadata":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`,
    ]) {
      const response = await send({ name: 'deep', method: 'POST', path: () => '/kyc/sessions', body: raw(body, 'application/json'), ...invalid, field: 'metadata' });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(response.body.error.details[0].field).toMatch(/^metadata[.[]/);
      expect(response.body.error.details[0].issue).toMatch(/nested/);
    }
    expect(await footprint()).toEqual(before);
  });

  it('accepts the edge values the bad ones surround', async () => {
    const ok = async (path: string, body: unknown, status = 201) => {
      const response = await api.post(path, body);
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      return response.body.data;
    };
    await ok('/kyc/sessions', { workflow_id: ctx.workflowId, ttl_days: 1 });
    await ok('/kyc/sessions', { workflow_id: ctx.workflowId, ttl_days: 90 });
    // exactly 16 KiB of metadata as JSON
    const metadata = { blob: 'x'.repeat(16 * 1024 - '{"blob":""}'.length) };
    expect(Buffer.byteLength(JSON.stringify(metadata))).toBe(16 * 1024);
    const created = await ok('/kyc/sessions', { workflow_id: ctx.workflowId, metadata });
    expect(created.metadata).toEqual(metadata);
    // unicode is fine; only NUL is refused
    const named = await ok('/kyc/sessions', { workflow_id: ctx.workflowId, customer_id: 'cliente-ñ-日本', metadata: { name: 'José 🚀' } });
    expect(named.metadata).toEqual({ name: 'José 🚀' });
    // a JSON content type with a charset, and an empty JSON body on a route that takes none
    const charset = await fetch(`${platform.url}/kyc/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ workflow_id: ctx.workflowId }),
    });
    expect(charset.status).toBe(201);
    const link = await fetch(`${platform.url}/kyc/sessions/${created.session_id}/generate-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    });
    expect(link.status).toBe(200);
    // an upper-case UUID names the same session
    const upper = await api.get(`/kyc/sessions/${created.session_id.toUpperCase()}`);
    expect(upper.status).toBe(200);
    expect(upper.body.data.session_id).toBe(created.session_id);
    // the list accepts every filter the contract shows
    const listed = await api.get(
      `/kyc/sessions?status_list=approved,rejected,manual_review&include_summary=true&limit=100&created_from=2024-01-01T00:00:00Z&created_to=2999-12-31T23:59:59Z&workflow_id=${ctx.workflowId}`,
    );
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    // a cursor the API handed out works
    const page = await api.get('/kyc/sessions?limit=1');
    expect(page.body.data.next_key).toEqual(expect.any(String));
    const next = await api.get(`/kyc/sessions?limit=1&next_key=${encodeURIComponent(page.body.data.next_key)}`);
    expect(next.status).toBe(200);
    expect(next.body.data.sessions[0].session_id).not.toBe(page.body.data.sessions[0].session_id);
  });

  it('clears a nullable PATCH field with null', async () => {
    const assigned = await api.patch(`/kyc/sessions/${ctx.sessionId}`, { assigned_to: 'reviewer_1' });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const cleared = await api.patch(`/kyc/sessions/${ctx.sessionId}`, { assigned_to: null });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect((await api.get(`/kyc/sessions/${ctx.sessionId}`)).body.data.assigned_to).toBeNull();
  });

  it('answers an unknown route with 404 in the envelope', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/kyc/nope'],
      ['POST', '/kyc/sessions/00000000-0000-4000-8000-000000000000/nope'],
      ['PUT', '/kyc/sessions'],
    ]) {
      const response = await api.request(method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body).toMatchObject({ status: 'error', error: { code: 'not_found', message: expect.any(String) } });
    }
    const anonymous = await new ApiClient(platform.url).get('/definitely/not/here');
    expect(anonymous.status).toBe(404);
    expect(anonymous.body.error.code).toBe('not_found');
  });
});
