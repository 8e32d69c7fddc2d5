import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from './testing/api-client';
import { BASIC_WORKFLOW, completeBasicSession, fileForm, PDF_BYTES, PNG_BYTES, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';
import { eventually, expectError, expectStatus } from './testing/assertions';

/** Small enough that a test file can exceed it, large enough for the fixtures' PNG and PDF. */
const UPLOAD_MAX_BYTES = 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const FORM_WORKFLOW = {
  name: 'Profile',
  steps: [
    {
      step_id: 'profile',
      type: 'form',
      name: 'About you',
      fields: [
        { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
        { field_id: 'birth_date', name: 'Date of Birth', type: 'date', required: true },
        { field_id: 'email', name: 'Email', type: 'email' },
        { field_id: 'country', name: 'Country', type: 'country' },
        { field_id: 'plan', name: 'Plan', type: 'select', options: ['basic', 'pro'] },
      ],
    },
    { step_id: 'proof', type: 'document', name: 'Proof of address', optional: true, document_types: ['proof_of_address'] },
    { step_id: 'id_document', type: 'document', document_types: ['id'] },
  ],
  default_ttl_days: 7,
};

/** A zero-length comment ZIP: only the end-of-central-directory record, which is what sniffers recognise. */
const ZIP_BYTES = Buffer.concat([
  Buffer.from('PK\x03\x04', 'latin1'),
  Buffer.alloc(26),
  Buffer.from('a.txt', 'latin1'),
  Buffer.from('PK\x05\x06', 'latin1'),
  Buffer.alloc(18),
]);
ZIP_BYTES.writeUInt16LE(5, 26); // file name length of the local header

describe('public end-user API', () => {
  let platform: TestPlatform;
  let offsetMs = 0;
  const user = () => new ApiClient(platform.url);

  beforeAll(async () => {
    platform = await startTestPlatform({
      env: { UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) },
      clock: () => new Date(Date.now() + offsetMs),
    });
    console.log(`public-api.int.spec: platform on ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  /** The stored files of one session in the platform's data folder (metadata and temporary files included). */
  async function filesOf(sessionId: string): Promise<string[]> {
    try {
      return await readdir(join(platform.dataDir, 'documents', 'sessions', sessionId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async function newSession(workflow: object = BASIC_WORKFLOW, sessionBody: object = {}) {
    const { api, tenantId } = await tenantClient(platform.url);
    const wf = await api.post('/kyc/workflows', workflow);
    expectStatus(wf, 201);
    const created = await api.post('/kyc/sessions', { workflow_id: wf.body.data.workflow_id, ...sessionBody });
    expectStatus(created, 201);
    const data = created.body.data;
    return {
      api,
      tenantId,
      workflowId: wf.body.data.workflow_id as string,
      sessionId: data.session_id as string,
      token: data.access_token as string,
      expiresAt: data.expires_at as number,
      base: `/public/api/sessions/${data.access_token}`,
    };
  }

  describe('GET /public/api/sessions/{token}', () => {
    it("shows the end user's view: status, step definitions and statuses, expiry", async () => {
      const s = await newSession(FORM_WORKFLOW, { metadata: { internal_ref: 'secret-crm-42' }, assigned_to: 'reviewer_1' });
      const view = await user().get(s.base);
      expectStatus(view, 200);
      const data = view.body.data;
      expect(data.session_id).toBe(s.sessionId);
      expect(data.status).toBe('active');
      expect(data.current_step_index).toBe(0);
      expect(data.expires_at).toBe(s.expiresAt);
      expect(Number.isInteger(data.expires_at)).toBe(true);
      expect(data.steps.map((step: { step_id: string }) => step.step_id)).toEqual(['profile', 'proof', 'id_document']);
      expect(data.steps.map((step: { status: string }) => step.status)).toEqual(['pending', 'pending', 'pending']);
      const [profile, proof, idDocument] = data.steps;
      expect(profile).toMatchObject({ step_id: 'profile', type: 'form', name: 'About you', optional: false, values: {} });
      expect(profile.fields.map((f: { field_id: string }) => f.field_id)).toEqual(['full_name', 'birth_date', 'email', 'country', 'plan']);
      expect(profile.fields[0]).toMatchObject({ field_id: 'full_name', name: 'Full Name', type: 'name', required: true });
      expect(profile.fields[4]).toMatchObject({ field_id: 'plan', type: 'select', options: ['basic', 'pro'] });
      expect(proof).toMatchObject({ type: 'document', optional: true, document_types: ['proof_of_address'], documents: [] });
      expect(idDocument).toMatchObject({ type: 'document', optional: false, document_types: ['id'], documents: [] });
      expect(data.open_corrections).toEqual([]);
      // The reviewer's side stays out of the end user's view.
      const text = JSON.stringify(data);
      expect(text).not.toContain('secret-crm-42');
      expect(text).not.toContain('reviewer_1');
      expect(data).not.toHaveProperty('metadata');
      expect(data).not.toHaveProperty('tenant_id');
    });

    it('shows own form values and documents without any URL or storage detail', async () => {
      const s = await newSession();
      const uploaded = await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'my id.png', 'id'));
      expectStatus(uploaded, 201);
      expectStatus(await user().put(`${s.base}/steps/personal_info/form`, { values: { full_name: 'Ana  Lopez', email: 'ana@example.com' } }), 200);

      const view = await user().get(s.base);
      expectStatus(view, 200);
      const steps = view.body.data.steps;
      expect(steps[0].status).toBe('in_progress');
      expect(steps[0].documents).toEqual([
        {
          doc_id: uploaded.body.data.doc_id,
          type: 'id',
          file_name: 'my id.png',
          mime_type: 'image/png',
          size: PNG_BYTES.length,
          uploaded_at: uploaded.body.data.uploaded_at,
        },
      ]);
      expect(steps[1]).toMatchObject({ step_id: 'selfie', type: 'selfie', status: 'pending', documents: [] });
      expect(steps[2]).toMatchObject({ status: 'in_progress', values: { full_name: 'Ana Lopez', email: 'ana@example.com' } });
      const text = JSON.stringify(view.body.data);
      for (const secret of ['presigned_url', 'url', 'storage_key', 'sha256', '/documents/']) expect(text).not.toContain(secret);
    });

    it('shows open correction requests with their messages, and drops them once resolved', async () => {
      const s = await newSession();
      await completeBasicSession(platform.url, s.token);
      const corrections = await s.api.post(`/kyc/sessions/${s.sessionId}/corrections`, {
        corrections: [
          { step_id: 'id_document', document_types: ['id'], message: 'Please upload a clearer photo of your ID.' },
          { step_id: 'personal_info', field_ids: ['full_name'], message: 'Your name must match your ID.' },
        ],
        comment: 'blurry',
      });
      expectStatus(corrections, 200);

      const view = await user().get(s.base);
      expectStatus(view, 200);
      const data = view.body.data;
      expect(data.status).toBe('awaiting_client_correction');
      expect(data.current_step_index).toBe(0);
      expect(data.steps.map((step: { status: string }) => step.status)).toEqual(['needs_correction', 'completed', 'needs_correction']);
      expect(data.steps[0].correction_requests).toEqual([
        { id: expect.stringMatching(/^corr_/), field_ids: [], document_types: ['id'], message: 'Please upload a clearer photo of your ID.' },
      ]);
      expect(data.steps[2].correction_requests).toEqual([
        { id: expect.stringMatching(/^corr_/), field_ids: ['full_name'], document_types: [], message: 'Your name must match your ID.' },
      ]);
      expect(data.open_corrections.map((c: { step_id: string; message: string }) => [c.step_id, c.message])).toEqual([
        ['id_document', 'Please upload a clearer photo of your ID.'],
        ['personal_info', 'Your name must match your ID.'],
      ]);
      expect(JSON.stringify(data)).not.toContain('blurry');

      // A step that needs no correction stays closed while corrections are pending.
      expectError(await user().post(`${s.base}/steps/selfie/documents`, fileForm(PNG_BYTES, 'selfie.png')), 409, 'invalid_transition');

      expectStatus(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id2.png', 'id')), 201);
      expectStatus(await user().post(`${s.base}/steps/id_document/complete`), 200);
      expectStatus(await user().put(`${s.base}/steps/personal_info/form`, { values: { full_name: 'John Q Doe' } }), 200);
      const done = await user().post(`${s.base}/steps/personal_info/complete`);
      expectStatus(done, 200);
      expect(done.body.data.status).toBe('completed');
      expect(done.body.data.open_corrections).toEqual([]);
      expect(done.body.data.steps.every((step: { correction_requests: unknown[] }) => step.correction_requests.length === 0)).toBe(true);
    });

    it('answers 404 for an unknown token and for malformed ones', async () => {
      expectError(await user().get('/public/api/sessions/7b0f3a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'), 404, 'not_found');
      for (const malformed of ['not-a-token', '123', 'x'.repeat(99), '7b0f3a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b-extra', "' OR 1=1 --", '7B0F3A3E-1C2D-4E5F-8A9B-0C1D2E3F4A5B']) {
        expectError(await user().get(`/public/api/sessions/${encodeURIComponent(malformed)}`), 404, 'not_found');
      }
      expectError(await user().put('/public/api/sessions/not-a-token/steps/profile/form', { values: {} }), 404, 'not_found');
      expectError(
        await user().post('/public/api/sessions/7b0f3a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/steps/x/documents', fileForm(PNG_BYTES, 'a.png', 'id')),
        404,
        'not_found',
      );
    });

    it('answers over-long tokens in the envelope, never with a bare framework error', async () => {
      // Longer than Fastify's default limit on a path segment (100), which the gateway raises.
      expectError(await user().get(`/public/api/sessions/${'x'.repeat(300)}`), 404, 'not_found');
      expectError(await user().put(`/public/api/sessions/${'a'.repeat(101)}/steps/profile/form`, { values: {} }), 404, 'not_found');
      // Past any limit the router keeps: refused before routing, still in the envelope.
      const huge = await user().get(`/public/api/sessions/${'x'.repeat(5000)}`);
      expect([400, 404, 414], JSON.stringify(huge.body)).toContain(huge.status);
      expectError(huge, huge.status, huge.status === 404 ? 'not_found' : 'invalid_request');
    });

    it('answers 404 for a token replaced by generate-link, and serves the new one', async () => {
      const s = await newSession();
      const link = await s.api.post(`/kyc/sessions/${s.sessionId}/generate-link`);
      expectStatus(link, 200);
      const fresh = link.body.data.access_token as string;
      expect(fresh).toMatch(TOKEN_FORM);
      expect(fresh).not.toBe(s.token);

      expectError(await user().get(s.base), 404, 'not_found');
      expectError(await user().put(`${s.base}/steps/personal_info/form`, { values: { full_name: 'Ann Lee' } }), 404, 'not_found');
      expectError(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id.png', 'id')), 404, 'not_found');
      expect(await filesOf(s.sessionId)).toEqual([]);

      const view = await user().get(`/public/api/sessions/${fresh}`);
      expectStatus(view, 200);
      expect(view.body.data.session_id).toBe(s.sessionId);
    });

    it('answers 404 once the session is deleted, on every route', async () => {
      const s = await newSession();
      expectStatus(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id.png', 'id')), 201);
      expect((await filesOf(s.sessionId)).filter((name) => !name.startsWith('.'))).toHaveLength(1);
      expectStatus(await s.api.delete(`/kyc/sessions/${s.sessionId}`), 200);

      expectError(await user().get(s.base), 404, 'not_found');
      expectError(await user().put(`${s.base}/steps/personal_info/form`, { values: { full_name: 'Ann Lee' } }), 404, 'not_found');
      expectError(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id.png', 'id')), 404, 'not_found');
      expectError(await user().post(`${s.base}/steps/id_document/complete`), 404, 'not_found');
      expectError(await user().get(`${s.base}/subsessions`), 404, 'not_found');
      expect(await filesOf(s.sessionId)).toEqual([]);
    });

    it('does not open a draft session to the end user until its link is generated', async () => {
      const s = await newSession(BASIC_WORKFLOW, { activate: false });
      expectError(await user().get(s.base), 404, 'not_found');
      const link = await s.api.post(`/kyc/sessions/${s.sessionId}/generate-link`);
      expectStatus(link, 200);
      const view = await user().get(`/public/api/sessions/${link.body.data.access_token}`);
      expectStatus(view, 200);
      expect(view.body.data.status).toBe('active');
    });
  });

  describe('forms', () => {
    it('validates each value by its field type and names the field', async () => {
      const s = await newSession(FORM_WORKFLOW);
      const save = (values: Record<string, unknown>) => user().put(`${s.base}/steps/profile/form`, { values });

      expectError(await save({ email: 'not-an-email' }), 400, 'invalid_request', 'values.email');
      expectError(await save({ birth_date: '1990-02-30' }), 400, 'invalid_request', 'values.birth_date');
      expectError(await save({ birth_date: '15/01/1990' }), 400, 'invalid_request', 'values.birth_date');
      expectError(await save({ country: 'XX' }), 400, 'invalid_request', 'values.country');
      expectError(await save({ country: 'Uruguay' }), 400, 'invalid_request', 'values.country');
      expectError(await save({ plan: 'gold' }), 400, 'invalid_request', 'values.plan');
      expectError(await save({ full_name: 42 }), 400, 'invalid_request', 'values.full_name');
      expectError(await save({ nickname: 'Bob' }), 400, 'invalid_request', 'values.nickname');

      const several = await save({ email: 'nope', plan: 'gold', full_name: 'Ana Lopez' });
      expectError(several, 400, 'invalid_request', 'values.email');
      expectError(several, 400, 'invalid_request', 'values.plan');

      // Refused saves change nothing.
      const view = await user().get(s.base);
      expect(view.body.data.steps[0]).toMatchObject({ status: 'pending', values: {} });
    });

    it('refuses a body without a values object', async () => {
      const s = await newSession(FORM_WORKFLOW);
      expectError(await user().put(`${s.base}/steps/profile/form`, {}), 400, 'invalid_request', 'values');
      expectError(await user().put(`${s.base}/steps/profile/form`, { values: ['a'] }), 400, 'invalid_request', 'values');
      expectError(await user().put(`${s.base}/steps/profile/form`, { values: 'full_name=Ann' }), 400, 'invalid_request', 'values');
      expectError(await user().put(`${s.base}/steps/profile/form`, '{"values":'), 400, 'invalid_request');
    });

    it('refuses a save on an unknown step or on a step that is not a form', async () => {
      const s = await newSession(FORM_WORKFLOW);
      expectError(await user().put(`${s.base}/steps/nope/form`, { values: { full_name: 'Ann Lee' } }), 400, 'invalid_request', 'step_id');
      expectError(await user().put(`${s.base}/steps/id_document/form`, { values: { full_name: 'Ann Lee' } }), 400, 'invalid_request', 'step_id');
    });

    it('moves the step pending -> in_progress on the first save -> completed, enforcing required fields at complete', async () => {
      const s = await newSession(FORM_WORKFLOW);
      const first = await user().put(`${s.base}/steps/profile/form`, { values: { email: 'ANA@example.com', country: 'uy', plan: 'pro' } });
      expectStatus(first, 200);
      expect(first.body.data.steps[0].status).toBe('in_progress');
      expect(first.body.data.steps[0].values).toMatchObject({ country: 'UY', plan: 'pro' });

      const incomplete = await user().post(`${s.base}/steps/profile/complete`);
      expectError(incomplete, 400, 'invalid_request', 'values.full_name');
      expectError(incomplete, 400, 'invalid_request', 'values.birth_date');
      expect(incomplete.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['values.birth_date', 'values.full_name']);

      // Saves merge: earlier values stay, null clears one.
      const second = await user().put(`${s.base}/steps/profile/form`, { values: { full_name: 'Ana Lopez', birth_date: '1990-01-15', plan: null } });
      expectStatus(second, 200);
      expect(second.body.data.steps[0].status).toBe('in_progress');
      expect(second.body.data.steps[0].values).toEqual({ full_name: 'Ana Lopez', birth_date: '1990-01-15', email: expect.any(String), country: 'UY' });

      const done = await user().post(`${s.base}/steps/profile/complete`);
      expectStatus(done, 200);
      expect(done.body.data.steps[0].status).toBe('completed');
      expect(done.body.data.current_step_index).toBe(1);
      expect(done.body.data.status).toBe('active');
      expectError(await user().post(`${s.base}/steps/profile/complete`), 409, 'invalid_transition');

      const detail = await s.api.get(`/kyc/sessions/${s.sessionId}`);
      expect(detail.body.data.steps_data[0]).toMatchObject({ step_id: 'profile', status: 'completed' });
    });
  });

  describe('uploads', () => {
    it('answers 201 with the document, its type decided by the content, not the declared type or name', async () => {
      const s = await newSession();
      const uploaded = await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'scan.pdf', 'id', 'application/pdf'));
      expectStatus(uploaded, 201);
      const data = uploaded.body.data;
      expect(Object.keys(data).sort()).toEqual(['doc_id', 'file_name', 'mime_type', 'size', 'type', 'uploaded_at']);
      expect(data.doc_id).toMatch(/^doc_[A-Za-z0-9_-]{10,}$/);
      expect(data).toMatchObject({ type: 'id', file_name: 'scan.pdf', mime_type: 'image/png', size: PNG_BYTES.length });
      expect(new Date(data.uploaded_at).toISOString()).toBe(data.uploaded_at);

      const pdf = await user().post(`${s.base}/steps/id_document/documents`, fileForm(PDF_BYTES, 'passport.png', 'passport', 'image/png'));
      expectStatus(pdf, 201);
      expect(pdf.body.data).toMatchObject({ type: 'passport', mime_type: 'application/pdf', size: PDF_BYTES.length });
      expect(pdf.body.data.doc_id).not.toBe(data.doc_id);

      const stored = (await filesOf(s.sessionId)).filter((name) => !name.startsWith('.')).sort();
      expect(stored).toEqual([data.doc_id, pdf.body.data.doc_id].sort());
    });

    it('keeps only the base name of a file name with a path', async () => {
      const s = await newSession();
      const uploaded = await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, '../../etc/passwd.png', 'id'));
      expectStatus(uploaded, 201);
      expect(uploaded.body.data.file_name).toBe('passwd.png');
    });

    it('refuses content that is not an accepted document with 415, whatever its name', async () => {
      const s = await newSession();
      const text = await user().post(`${s.base}/steps/id_document/documents`, fileForm(Buffer.from('hello, I am text\n'), 'x.jpg', 'id', 'image/jpeg'));
      expectError(text, 415, 'unsupported_media_type', 'file');
      const zip = await user().post(`${s.base}/steps/id_document/documents`, fileForm(ZIP_BYTES, 'id.png', 'id', 'image/png'));
      expectError(zip, 415, 'unsupported_media_type', 'file');
      const gif = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64');
      expectError(await user().post(`${s.base}/steps/id_document/documents`, fileForm(gif, 'id.gif', 'id')), 415, 'unsupported_media_type', 'file');
      expect(await filesOf(s.sessionId)).toEqual([]);
      expect((await user().get(s.base)).body.data.steps[0]).toMatchObject({ status: 'pending', documents: [] });
    });

    it('refuses an empty file', async () => {
      const s = await newSession();
      const empty = await user().post(`${s.base}/steps/id_document/documents`, fileForm(new Uint8Array(0), 'empty.png', 'id'));
      expect(empty.status).toBeGreaterThanOrEqual(400);
      expect(empty.status).toBeLessThan(500);
      expectError(empty, empty.status, empty.body.error.code, 'file');
      expect(await filesOf(s.sessionId)).toEqual([]);
    });

    it('refuses a file over UPLOAD_MAX_BYTES with 413 and stores nothing', async () => {
      const s = await newSession();
      const big = Buffer.concat([PNG_BYTES, Buffer.alloc(UPLOAD_MAX_BYTES * 4, 7)]);
      const response = await user().post(`${s.base}/steps/id_document/documents`, fileForm(big, 'big.png', 'id'));
      expectError(response, 413, 'payload_too_large', 'file');
      expect(response.body.error.message).toContain(String(UPLOAD_MAX_BYTES));

      const justOver = Buffer.concat([PNG_BYTES, Buffer.alloc(UPLOAD_MAX_BYTES + 1 - PNG_BYTES.length)]);
      expect(justOver.length).toBe(UPLOAD_MAX_BYTES + 1);
      expectError(await user().post(`${s.base}/steps/id_document/documents`, fileForm(justOver, 'over.png', 'id')), 413, 'payload_too_large');

      expect(await filesOf(s.sessionId)).toEqual([]);
      const view = await user().get(s.base);
      expect(view.body.data.steps[0]).toMatchObject({ status: 'pending', documents: [] });

      // Exactly the limit is accepted.
      const atLimit = Buffer.concat([PNG_BYTES, Buffer.alloc(UPLOAD_MAX_BYTES - PNG_BYTES.length)]);
      const ok = await user().post(`${s.base}/steps/id_document/documents`, fileForm(atLimit, 'limit.png', 'id'));
      expectStatus(ok, 201);
      expect(ok.body.data.size).toBe(UPLOAD_MAX_BYTES);
    });

    it('refuses a document_type the step does not take, naming document_type, and keeps no file', async () => {
      const s = await newSession();
      const response = await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'bill.png', 'proof_of_address'));
      expectError(response, 400, 'invalid_request', 'document_type');
      expect(JSON.stringify(response.body.error.details)).toContain('id, passport');
      expectError(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'x.png', 'banana')), 400, 'invalid_request', 'document_type');
      expectError(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'x.png')), 400, 'invalid_request', 'document_type');
      expectError(await user().post(`${s.base}/steps/personal_info/documents`, fileForm(PNG_BYTES, 'x.png', 'id')), 400, 'invalid_request', 'step_id');
      expectError(await user().post(`${s.base}/steps/nope/documents`, fileForm(PNG_BYTES, 'x.png', 'id')), 400, 'invalid_request', 'step_id');
      expect(await filesOf(s.sessionId)).toEqual([]);
      expect((await user().get(s.base)).body.data.steps.map((step: { status: string }) => step.status)).toEqual(['pending', 'pending', 'pending']);
    });

    it('refuses a multipart body without the file part, and a body that is not multipart', async () => {
      const s = await newSession();
      const noFile = new FormData();
      noFile.append('document_type', 'id');
      expectError(await user().post(`${s.base}/steps/id_document/documents`, noFile), 400, 'invalid_request', 'file');

      const misnamed = new FormData();
      misnamed.append('document_type', 'id');
      misnamed.append('document', new Blob([PNG_BYTES]), 'id.png');
      expectError(await user().post(`${s.base}/steps/id_document/documents`, misnamed), 400, 'invalid_request', 'file');

      expectError(await user().post(`${s.base}/steps/id_document/documents`, { file: 'abc', document_type: 'id' }), 415, 'unsupported_media_type');
      const raw = await user().request('POST', `${s.base}/steps/id_document/documents`, undefined, {});
      expect([400, 415]).toContain(raw.status);
      expectError(raw, raw.status, raw.status === 415 ? 'unsupported_media_type' : 'invalid_request');
      const octets = await fetch(`${platform.url}${s.base}/steps/id_document/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: PNG_BYTES,
      });
      expectError({ status: octets.status, body: await octets.json(), headers: octets.headers }, 415, 'unsupported_media_type');
      expect(await filesOf(s.sessionId)).toEqual([]);
    });

    it('answers a broken multipart body with 400, never a 500', async () => {
      const s = await newSession();
      const post = async (contentType: string, body: string) => {
        const response = await fetch(`${platform.url}${s.base}/steps/id_document/documents`, { method: 'POST', headers: { 'content-type': contentType }, body });
        return { status: response.status, body: await response.json(), headers: response.headers } as ApiResponse;
      };
      const part = (name: string, value: string) => `--XYZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const filePart = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n';

      expectError(await post('multipart/form-data', `${part('document_type', 'id')}--XYZ--\r\n`), 400, 'invalid_request', 'body');
      expectError(await post('multipart/form-data; boundary=XYZ', `${part('document_type', 'id')}${filePart}\x89PNG`), 400, 'invalid_request', 'body');
      expectError(await post('multipart/form-data; boundary=XYZ', 'not multipart at all'), 400, 'invalid_request', 'file');
      const manyFields = Array.from({ length: 12 }, (_, i) => part(`f${i}`, 'x')).join('') + '--XYZ--\r\n';
      expectError(await post('multipart/form-data; boundary=XYZ', manyFields), 400, 'invalid_request', 'body');
      expect(await filesOf(s.sessionId)).toEqual([]);
    });

    it('reads the parts in any order and refuses more than one file', async () => {
      const s = await newSession();
      const fileFirst = new FormData();
      fileFirst.append('file', new Blob([PNG_BYTES], { type: 'image/png' }), 'id.png');
      fileFirst.append('document_type', 'passport');
      const uploaded = await user().post(`${s.base}/steps/id_document/documents`, fileFirst);
      expectStatus(uploaded, 201);
      expect(uploaded.body.data.type).toBe('passport');

      const two = fileForm(PNG_BYTES, 'a.png', 'id');
      two.append('file', new Blob([PDF_BYTES]), 'b.pdf');
      const refused = await user().post(`${s.base}/steps/id_document/documents`, two);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expectError(refused, refused.status, refused.body.error.code, 'file');
      expect((await filesOf(s.sessionId)).filter((name) => !name.startsWith('.'))).toEqual([uploaded.body.data.doc_id]);
      expect((await user().get(s.base)).body.data.steps[0].documents).toHaveLength(1);
    });

    it('replays an upload sent again with the same Idempotency-Key instead of storing it twice', async () => {
      const s = await newSession();
      const send = () => user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id.png', 'id'), { 'idempotency-key': 'upload-1' });
      const first = await send();
      expectStatus(first, 201);
      const second = await send();
      expectStatus(second, 201);
      expect(second.body.data).toEqual(first.body.data);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect((await user().get(s.base)).body.data.steps[0].documents).toHaveLength(1);
      expect((await filesOf(s.sessionId)).filter((name) => !name.startsWith('.'))).toEqual([first.body.data.doc_id]);
    });

    it('lands concurrent uploads, or refuses them cleanly, leaving no orphan file', async () => {
      const s = await newSession();
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) => user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, `id-${i}.png`, 'id'))),
      );
      for (const response of responses) {
        if (response.status !== 201) expectError(response, 409, 'version_conflict');
      }
      const landed = responses.filter((r) => r.status === 201).map((r) => r.body.data.doc_id as string).sort();
      expect(landed.length).toBeGreaterThan(0);
      const view = await user().get(s.base);
      expect(view.body.data.steps[0].documents.map((d: { doc_id: string }) => d.doc_id).sort()).toEqual(landed);
      expect((await filesOf(s.sessionId)).filter((name) => !name.startsWith('.')).sort()).toEqual(landed);
    });

    it('takes a photo on a selfie step and refuses a PDF there', async () => {
      const s = await newSession();
      const pdf = await user().post(`${s.base}/steps/selfie/documents`, fileForm(PDF_BYTES, 'selfie.pdf', 'selfie'));
      expectError(pdf, 415, 'unsupported_media_type', 'file');
      expectError(await user().post(`${s.base}/steps/selfie/documents`, fileForm(PNG_BYTES, 'me.png', 'id')), 400, 'invalid_request', 'document_type');
      expect(await filesOf(s.sessionId)).toEqual([]);

      const first = await user().post(`${s.base}/steps/selfie/documents`, fileForm(PNG_BYTES, 'me.png'));
      expectStatus(first, 201);
      expect(first.body.data).toMatchObject({ type: 'selfie', mime_type: 'image/png' });
      // A new selfie replaces the previous one, file included.
      const second = await user().post(`${s.base}/steps/selfie/documents`, fileForm(PNG_BYTES, 'me-again.png', 'selfie'));
      expectStatus(second, 201);
      const view = await user().get(s.base);
      expect(view.body.data.steps[1].documents.map((d: { doc_id: string }) => d.doc_id)).toEqual([second.body.data.doc_id]);
      expect((await filesOf(s.sessionId)).filter((name) => !name.startsWith('.'))).toEqual([second.body.data.doc_id]);
    });
  });

  describe('documents and completion', () => {
    it('deletes a document before completion, file included', async () => {
      const s = await newSession();
      const a = await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'a.png', 'id'));
      const b = await user().post(`${s.base}/steps/id_document/documents`, fileForm(PDF_BYTES, 'b.pdf', 'passport'));
      expectStatus(a, 201);
      expectStatus(b, 201);

      const removed = await user().delete(`${s.base}/steps/id_document/documents/${a.body.data.doc_id}`);
      expectStatus(removed, 200);
      expect(removed.body.data).toMatchObject({ doc_id: a.body.data.doc_id, deleted: true });
      const view = await user().get(s.base);
      expect(view.body.data.steps[0].documents.map((d: { doc_id: string }) => d.doc_id)).toEqual([b.body.data.doc_id]);
      expect((await filesOf(s.sessionId)).filter((name) => !name.startsWith('.'))).toEqual([b.body.data.doc_id]);

      expectError(await user().delete(`${s.base}/steps/id_document/documents/${a.body.data.doc_id}`), 404, 'not_found');
      expectError(await user().delete(`${s.base}/steps/selfie/documents/${b.body.data.doc_id}`), 404, 'not_found');
      expectError(await user().delete(`${s.base}/steps/id_document/documents/doc_doesnotexist`), 404, 'not_found');

      expectStatus(await user().delete(`${s.base}/steps/id_document/documents/${b.body.data.doc_id}`), 200);
      expectError(await user().post(`${s.base}/steps/id_document/complete`), 400, 'invalid_request', 'documents');
      expect(await filesOf(s.sessionId)).toEqual([]);
    });

    it('refuses every end-user change once the session is completed (409 invalid_transition)', async () => {
      const s = await newSession();
      await completeBasicSession(platform.url, s.token);
      const view = await user().get(s.base);
      expectStatus(view, 200);
      expect(view.body.data.status).toBe('completed');
      expect(view.body.data.current_step_index).toBe(3);
      const docId = view.body.data.steps[0].documents[0].doc_id as string;
      const before = await filesOf(s.sessionId);

      expectError(await user().delete(`${s.base}/steps/id_document/documents/${docId}`), 409, 'invalid_transition');
      expectError(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'late.png', 'id')), 409, 'invalid_transition');
      expectError(await user().put(`${s.base}/steps/personal_info/form`, { values: { full_name: 'Someone Else' } }), 409, 'invalid_transition');
      expectError(await user().post(`${s.base}/steps/personal_info/complete`), 409, 'invalid_transition');
      expectError(await user().post(`${s.base}/steps/selfie/skip`), 409, 'invalid_transition');

      expect(await filesOf(s.sessionId)).toEqual(before);
      const after = await user().get(s.base);
      expect(after.body.data.steps[0].documents.map((d: { doc_id: string }) => d.doc_id)).toEqual([docId]);
      expect(after.body.data.steps[2].values.full_name).toBe('John Doe');
    });

    it('refuses to complete a document step with nothing uploaded, listing what is missing', async () => {
      const s = await newSession();
      expectError(await user().post(`${s.base}/steps/id_document/complete`), 400, 'invalid_request', 'documents');
      expectError(await user().post(`${s.base}/steps/selfie/complete`), 400, 'invalid_request', 'documents');
      expectError(await user().post(`${s.base}/steps/nope/complete`), 400, 'invalid_request', 'step_id');
      const view = await user().get(s.base);
      expect(view.body.data.steps.map((step: { status: string }) => step.status)).toEqual(['pending', 'pending', 'pending']);
    });

    it('skips an optional step and refuses to skip a required one', async () => {
      const s = await newSession(FORM_WORKFLOW);
      expectError(await user().post(`${s.base}/steps/profile/skip`), 409, 'invalid_transition');
      expectError(await user().post(`${s.base}/steps/id_document/skip`), 409, 'invalid_transition');
      expectError(await user().post(`${s.base}/steps/nope/skip`), 400, 'invalid_request', 'step_id');

      const skipped = await user().post(`${s.base}/steps/proof/skip`);
      expectStatus(skipped, 200);
      expect(skipped.body.data.steps[1]).toMatchObject({ step_id: 'proof', status: 'skipped' });
      expectError(await user().post(`${s.base}/steps/proof/skip`), 409, 'invalid_transition');

      expectStatus(await user().put(`${s.base}/steps/profile/form`, { values: { full_name: 'Ana Lopez', birth_date: '1990-01-15' } }), 200);
      expectStatus(await user().post(`${s.base}/steps/profile/complete`), 200);
      expectStatus(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id.png', 'id')), 201);
      const done = await user().post(`${s.base}/steps/id_document/complete`);
      expectStatus(done, 200);
      expect(done.body.data.status).toBe('completed');
      expect(done.body.data.steps.map((step: { status: string }) => step.status)).toEqual(['completed', 'skipped', 'completed']);
      expect(done.body.data.current_step_index).toBe(3);

      // The session list shows the completion.
      const listed = await eventually(async () => {
        const r = await s.api.get(`/kyc/sessions?workflow_id=${s.workflowId}`);
        expect(r.body?.data?.sessions?.[0]?.status).toBe('completed');
        return r;
      }, 10_000);
      expect(listed.body.data.sessions[0].session_id).toBe(s.sessionId);
    });
  });

  describe('public subsessions', () => {
    async function parentWithSubsessions(max = 2) {
      const { api } = await tenantClient(platform.url);
      const child = await api.post('/kyc/workflows', {
        name: 'UBO',
        steps: [{ step_id: 'ubo_info', type: 'form', fields: [{ field_id: 'full_name', name: 'Name', type: 'name', required: true }] }],
      });
      expectStatus(child, 201);
      const parentWf = await api.post('/kyc/workflows', {
        name: 'Company',
        steps: [
          { step_id: 'company', type: 'form', fields: [{ field_id: 'legal_name', name: 'Legal name', type: 'text', required: true }] },
          { step_id: 'step_ubos', type: 'subsessions', workflow_id: child.body.data.workflow_id, min: 1, max },
        ],
      });
      expectStatus(parentWf, 201);
      const session = await api.post('/kyc/sessions', { workflow_id: parentWf.body.data.workflow_id });
      expectStatus(session, 201);
      return {
        api,
        childWorkflowId: child.body.data.workflow_id as string,
        sessionId: session.body.data.session_id as string,
        base: `/public/api/sessions/${session.body.data.access_token}`,
      };
    }

    it('lets the end user add related parties and list them', async () => {
      const p = await parentWithSubsessions();
      const empty = await user().get(`${p.base}/subsessions`);
      expectStatus(empty, 200);
      expect(empty.body.data).toEqual({ subsessions: [], total: 0, completed: 0, pending: 0 });

      const created = await user().post(`${p.base}/subsessions`, { step_id: 'step_ubos', label: 'Juan Garcia - UBO', metadata: { ownership_percentage: 25 } });
      expectStatus(created, 201);
      const sub = created.body.data;
      expect(sub).toMatchObject({
        workflow_id: p.childWorkflowId,
        status: 'active',
        label: 'Juan Garcia - UBO',
        access_link: `${platform.url}/public/sessions/${sub.access_token}`,
      });
      expect(sub.subsession_id).toMatch(TOKEN_FORM);
      expect(sub.access_token).toMatch(TOKEN_FORM);
      expect(Number.isInteger(sub.expires_at)).toBe(true);
      expect(new Date(sub.created_at).toISOString()).toBe(sub.created_at);

      const listed = await user().get(`${p.base}/subsessions`);
      expectStatus(listed, 200);
      expect(listed.body.data).toMatchObject({ total: 1, completed: 0, pending: 1 });
      expect(listed.body.data.subsessions[0]).toMatchObject({
        subsession_id: sub.subsession_id,
        access_token: sub.access_token,
        status: 'active',
        workflow_id: p.childWorkflowId,
        label: 'Juan Garcia - UBO',
      });

      // The parent's view shows the party and its step is in progress; the party has its own working link.
      const parentView = await user().get(p.base);
      expect(parentView.body.data.steps[1]).toMatchObject({ step_id: 'step_ubos', type: 'subsessions', status: 'in_progress', min: 1, max: 2 });
      expect(parentView.body.data.subsessions).toEqual([{ subsession_id: sub.subsession_id, step_id: 'step_ubos', label: 'Juan Garcia - UBO' }]);
      const childBase = `/public/api/sessions/${sub.access_token}`;
      const childView = await user().get(childBase);
      expectStatus(childView, 200);
      expect(childView.body.data.session_id).toBe(sub.subsession_id);
      expectStatus(await user().put(`${childBase}/steps/ubo_info/form`, { values: { full_name: 'Juan Garcia' } }), 200);
      const childDone = await user().post(`${childBase}/steps/ubo_info/complete`);
      expectStatus(childDone, 200);
      expect(childDone.body.data.status).toBe('completed');
      // The subsession list shows the completed party.
      const afterChild = await eventually(async () => {
        const r = await user().get(`${p.base}/subsessions`);
        expect(r.body?.data?.completed).toBe(1);
        return r;
      }, 10_000);
      expect(afterChild.body.data.subsessions[0]).toMatchObject({ status: 'completed', completed_at: expect.any(String) });

      expectStatus(await user().put(`${p.base}/steps/company/form`, { values: { legal_name: 'Acme SA' } }), 200);
      expectStatus(await user().post(`${p.base}/steps/company/complete`), 200);
      const done = await user().post(`${p.base}/steps/step_ubos/complete`);
      expectStatus(done, 200);
      expect(done.body.data.status).toBe('completed');

      const tenantList = await p.api.get(`/kyc/sessions/${p.sessionId}/subsessions`);
      expectStatus(tenantList, 200);
      expect(tenantList.body.data.total).toBe(1);
    });

    it('refuses bad subsession requests in the envelope', async () => {
      const p = await parentWithSubsessions(1);
      expectError(await user().post(`${p.base}/steps/step_ubos/complete`), 400, 'invalid_request', 'subsessions');
      expectError(await user().post(`${p.base}/subsessions`, { step_id: 'company', label: 'X' }), 400, 'invalid_request', 'step_id');
      expectError(await user().post(`${p.base}/subsessions`, { step_id: 'nope', label: 'X' }), 400, 'invalid_request', 'step_id');
      expectError(await user().post(`${p.base}/subsessions`, { step_id: 'step_ubos' }), 400, 'invalid_request', 'label');
      expectError(await user().post(`${p.base}/subsessions`, { step_id: 'step_ubos', label: 'X', extra: 1 }), 400, 'invalid_request', 'extra');
      expectError(await user().post(`${p.base}/subsessions`, { step_id: 'step_ubos', label: 'X', metadata: 'nope' }), 400, 'invalid_request', 'metadata');
      expectError(await user().post('/public/api/sessions/not-a-token/subsessions', { step_id: 'step_ubos', label: 'X' }), 404, 'not_found');

      expectStatus(await user().post(`${p.base}/subsessions`, { step_id: 'step_ubos', label: 'First' }), 201);
      const overMax = await user().post(`${p.base}/subsessions`, { step_id: 'step_ubos', label: 'Second' });
      expectError(overMax, 400, 'invalid_request', 'step_id');
      expect(overMax.body.error.details[0].issue).toContain('at most 1');
      const listed = await user().get(`${p.base}/subsessions`);
      expect(listed.body.data.total).toBe(1);
    });
  });

  describe('expiry', () => {
    it('answers 410 link_expired once the link has expired, on every route', async () => {
      const s = await newSession(BASIC_WORKFLOW, { ttl_days: 1 });
      expectStatus(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id.png', 'id')), 201);
      const filesBefore = await filesOf(s.sessionId);
      offsetMs = 2 * DAY_MS;
      try {
        expectError(await user().get(s.base), 410, 'link_expired');
        expectError(await user().put(`${s.base}/steps/personal_info/form`, { values: { full_name: 'Ann Lee' } }), 410, 'link_expired');
        expectError(await user().post(`${s.base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'late.png', 'id')), 410, 'link_expired');
        expectError(await user().post(`${s.base}/steps/id_document/complete`), 410, 'link_expired');
        expectError(await user().get(`${s.base}/subsessions`), 410, 'link_expired');
        expect(await filesOf(s.sessionId)).toEqual(filesBefore);

        // The tenant extends the session: the same link works again.
        const extended = await s.api.post(`/kyc/sessions/${s.sessionId}/extend`, { extend_days: 7 });
        expectStatus(extended, 200);
        const view = await user().get(s.base);
        expectStatus(view, 200);
        expect(view.body.data.status).toBe('active');
        expect(view.body.data.expires_at).toBe(extended.body.data.expires_at);
      } finally {
        offsetMs = 0;
      }
    });
  });

  describe('envelope', () => {
    it('answers unknown public routes and methods in the envelope', async () => {
      const s = await newSession();
      expectError(await user().get(`${s.base}/nope`), 404, 'not_found');
      const wrongMethod = await user().request('PATCH', s.base, { a: 1 });
      expect(wrongMethod.status).toBeGreaterThanOrEqual(400);
      expect(wrongMethod.status).toBeLessThan(500);
      expect(wrongMethod.body.status).toBe('error');
    });
  });
});
