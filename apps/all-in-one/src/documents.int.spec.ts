import { readdir } from 'node:fs/promises';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { BASIC_WORKFLOW, completeBasicSession, fileForm, PDF_BYTES, PNG_BYTES, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';
import { expectError, expectStatus } from './testing/assertions';

/** A PNG padded past the first chunks, so a truncated download could not pass for the whole file. */
const LARGE_PNG = Buffer.concat([PNG_BYTES, Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251))]);

interface Download {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  json: any;
}

/**
 * Downloads without credentials: the signed link is all a holder needs. One connection per download, closed
 * after it (as a browser's one-off download would be), so no pooled keep-alive connection outlives the test:
 * a streamed response still ending on the server side when the platform closes would keep it open.
 */
function download(url: string): Promise<Download> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        let json: unknown;
        try {
          json = JSON.parse(bytes.toString('utf8'));
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes, json });
      });
    }).on('error', reject);
  });
}

function expectDownloadError(result: { status: number; json: any }, status: number, code: string): void {
  expect(result.status, JSON.stringify(result.json)).toBe(status);
  expect(result.json?.status).toBe('error');
  expect(result.json?.error?.code).toBe(code);
}

/** One session with an id document (PNG), a passport (PDF) and a selfie uploaded by the end user. */
async function sessionWithDocuments(platform: TestPlatform) {
  const { api, tenantId } = await tenantClient(platform.url);
  const wf = await api.post('/kyc/workflows', BASIC_WORKFLOW);
  expectStatus(wf, 201);
  const created = await api.post('/kyc/sessions', { workflow_id: wf.body.data.workflow_id });
  expectStatus(created, 201);
  const sessionId = created.body.data.session_id as string;
  const base = `/public/api/sessions/${created.body.data.access_token}`;
  const user = new ApiClient(platform.url);
  const id = await user.post(`${base}/steps/id_document/documents`, fileForm(LARGE_PNG, 'front side.png', 'id', 'application/pdf'));
  expectStatus(id, 201);
  const passport = await user.post(`${base}/steps/id_document/documents`, fileForm(PDF_BYTES, 'passport.pdf', 'passport'));
  expectStatus(passport, 201);
  return { api, tenantId, sessionId, base, accessToken: created.body.data.access_token as string, id: id.body.data, passport: passport.body.data };
}

describe('documents', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`documents.int.spec: platform on ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  describe('GET /kyc/sessions/{id}/documents/{doc_id}/url', () => {
    it("answers with the seed's fields and a link that expires in DOCUMENT_URL_TTL_SECONDS (default 900)", async () => {
      const s = await sessionWithDocuments(platform);
      const before = Math.floor(Date.now() / 1000);
      const link = await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.id.doc_id}/url`);
      const after = Math.ceil(Date.now() / 1000);
      expectStatus(link, 200);
      const data = link.body.data;
      expect(data).toMatchObject({
        file_name: 'front side.png',
        mime_type: 'image/png',
        doc_id: s.id.doc_id,
        document_type: 'id',
        uploaded_at: s.id.uploaded_at,
      });
      expect(data.presigned_url).toMatch(new RegExp(`^${platform.url}/documents/download\\?token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
      expect(JSON.stringify(data)).not.toContain(s.accessToken);
      expect(Number.isInteger(data.expires_at)).toBe(true);
      expect(data.expires_at).toBeGreaterThanOrEqual(before + 900);
      expect(data.expires_at).toBeLessThanOrEqual(after + 900);
    });

    it('serves exactly the uploaded bytes with the sniffed content type, to anyone holding the link', async () => {
      const s = await sessionWithDocuments(platform);
      for (const [doc, bytes, mime] of [
        [s.id, LARGE_PNG, 'image/png'],
        [s.passport, PDF_BYTES, 'application/pdf'],
      ] as const) {
        const link = await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${doc.doc_id}/url`);
        expectStatus(link, 200);
        const got = await download(link.body.data.presigned_url);
        expect(got.status, got.bytes.toString('utf8').slice(0, 300)).toBe(200);
        expect(got.headers['content-type']).toBe(mime);
        expect(got.headers['content-length']).toBe(String(bytes.length));
        expect(got.headers['x-content-type-options']).toBe('nosniff');
        expect(got.headers['cache-control']).toContain('no-store');
        expect(got.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`);
        expect(got.bytes.equals(bytes)).toBe(true);
        // The link can be used more than once while it is valid.
        expect((await download(link.body.data.presigned_url)).bytes.equals(bytes)).toBe(true);
      }
    });

    it('keeps the documents readable after the session completes', async () => {
      const { api } = await tenantClient(platform.url);
      const wf = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const created = await api.post('/kyc/sessions', { workflow_id: wf.body.data.workflow_id });
      await completeBasicSession(platform.url, created.body.data.access_token);
      const detail = await api.get(`/kyc/sessions/${created.body.data.session_id}`);
      expect(detail.body.data.status).toBe('completed');
      const docIds: string[] = detail.body.data.steps_data.flatMap((step: { documents?: { doc_id: string }[] }) => (step.documents ?? []).map((d) => d.doc_id));
      expect(docIds).toHaveLength(2);
      for (const docId of docIds) {
        const link = await api.get(`/kyc/sessions/${created.body.data.session_id}/documents/${docId}/url`);
        expectStatus(link, 200);
        const got = await download(link.body.data.presigned_url);
        expect(got.status).toBe(200);
        expect(got.bytes.equals(PNG_BYTES)).toBe(true);
      }
    });

    it('refuses a tampered link with 403', async () => {
      const s = await sessionWithDocuments(platform);
      const link = await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.id.doc_id}/url`);
      expectStatus(link, 200);
      const url = new URL(link.body.data.presigned_url as string);
      const [payload, signature] = (url.searchParams.get('token') ?? '').split('.');
      const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
      const withToken = (token: string) => `${url.origin}${url.pathname}?token=${encodeURIComponent(token)}`;

      // Another document of the same session under the first one's signature.
      const otherPayload = Buffer.from(
        Buffer.from(payload, 'base64url').toString('utf8').replace(s.id.doc_id, s.passport.doc_id),
      ).toString('base64url');
      // The same link with a later expiry.
      const laterPayload = Buffer.from(
        Buffer.from(payload, 'base64url').toString('utf8').replace(/\/(\d+)$/, (_, at: string) => `/${Number(at) + 3600}`),
      ).toString('base64url');
      for (const tampered of [
        `${flip(payload, 3)}.${signature}`,
        `${payload}.${flip(signature, 5)}`,
        `${otherPayload}.${signature}`,
        `${laterPayload}.${signature}`,
        `${payload}.`,
        payload,
        'garbage',
      ]) {
        expectDownloadError(await download(withToken(tampered)), 403, 'forbidden');
      }
      expectDownloadError(await download(`${url.origin}${url.pathname}`), 403, 'forbidden');
      expectDownloadError(await download(`${url.origin}${url.pathname}?token=a&token=b`), 403, 'forbidden');
      expectDownloadError(await download(withToken(`${payload}.${signature}`.repeat(5))), 403, 'forbidden');
      // The untouched link still works.
      expect((await download(withToken(`${payload}.${signature}`))).status).toBe(200);
    });

    it('answers 404 for an unknown doc_id, for another tenant, and for an unknown session', async () => {
      const s = await sessionWithDocuments(platform);
      expectError(await s.api.get(`/kyc/sessions/${s.sessionId}/documents/doc_doesnotexist/url`), 404, 'not_found');
      expectError(await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${encodeURIComponent('../../etc/passwd')}/url`), 404, 'not_found');
      expectError(await s.api.get(`/kyc/sessions/7b0f3a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/documents/${s.id.doc_id}/url`), 404, 'not_found');

      const other = await tenantClient(platform.url, undefined, 'Other Corp');
      expectError(await other.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.id.doc_id}/url`), 404, 'not_found');
    });

    it('requires the kyc:read scope and an API key', async () => {
      const s = await sessionWithDocuments(platform);
      const writer = await tenantClient(platform.url, ['kyc:create']);
      expectError(await writer.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.id.doc_id}/url`), 403, 'forbidden');
      expectError(await new ApiClient(platform.url).get(`/kyc/sessions/${s.sessionId}/documents/${s.id.doc_id}/url`), 401, 'unauthorized');
    });

    it('stops serving a document removed by the end user, and every document of a deleted session', async () => {
      const s = await sessionWithDocuments(platform);
      const idLink = (await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.id.doc_id}/url`)).body.data.presigned_url as string;
      const passportLink = (await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.passport.doc_id}/url`)).body.data.presigned_url as string;

      const user = new ApiClient(platform.url);
      expectStatus(await user.delete(`${s.base}/steps/id_document/documents/${s.id.doc_id}`), 200);
      expectError(await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.id.doc_id}/url`), 404, 'not_found');
      expectDownloadError(await download(idLink), 404, 'not_found');
      expect((await download(passportLink)).status).toBe(200);

      expectStatus(await s.api.delete(`/kyc/sessions/${s.sessionId}`), 200);
      expectError(await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.passport.doc_id}/url`), 404, 'not_found');
      expectDownloadError(await download(passportLink), 404, 'not_found');
      let remaining: string[] = [];
      try {
        remaining = await readdir(join(platform.dataDir, 'documents', 'sessions', s.sessionId));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      expect(remaining).toEqual([]);
    });
  });

  describe('with DOCUMENT_URL_TTL_SECONDS=1', () => {
    let shortLived: TestPlatform;

    beforeAll(async () => {
      shortLived = await startTestPlatform({ env: { DOCUMENT_URL_TTL_SECONDS: '1' } });
      console.log(`documents.int.spec: short-lived links platform on ${shortLived.describeDatabase}`);
    });
    afterAll(async () => shortLived?.close());

    it('issues a link valid for at least the TTL, then refuses it with 403 once it has expired', async () => {
      const s = await sessionWithDocuments(shortLived);
      const issuedAtMs = Date.now();
      const link = await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.passport.doc_id}/url`);
      expectStatus(link, 200);
      const expiresAt = link.body.data.expires_at as number;
      expect(expiresAt * 1000).toBeGreaterThanOrEqual(issuedAtMs + 1000);
      expect(expiresAt * 1000).toBeLessThanOrEqual(Date.now() + 2000);

      // Expiry is checked before anything else: bounded polling until the link turns 403.
      const deadline = Date.now() + 10_000;
      let last = await download(link.body.data.presigned_url);
      while (last.status === 200 && Date.now() < deadline) {
        expect(last.bytes.equals(PDF_BYTES)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 100));
        last = await download(link.body.data.presigned_url);
      }
      expectDownloadError(last, 403, 'forbidden');
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt * 1000 - 1000);
      expect(last.json.error.message).toContain('expired');

      // A new link works again.
      const fresh = await s.api.get(`/kyc/sessions/${s.sessionId}/documents/${s.passport.doc_id}/url`);
      const again = await download(fresh.body.data.presigned_url);
      expect(again.status).toBe(200);
      expect(again.bytes.equals(PDF_BYTES)).toBe(true);
    });
  });
});
