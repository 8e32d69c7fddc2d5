import { S3DocumentStorage } from '@kyc/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { expectStatus } from './testing/assertions';
import { BASIC_WORKFLOW, fileForm, PNG_BYTES, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

const endpoint = process.env.S3_ENDPOINT;
const bucket = process.env.S3_BUCKET;
if (!endpoint || !bucket) {
  console.warn(
    's3-documents.int: DID NOT RUN: S3_ENDPOINT and S3_BUCKET are not set; tools/services/s3.sh starts an S3 server ' +
      '(eval "$(tools/services/s3.sh up)" and export the variables it prints).',
  );
}

const DOCUMENT = Buffer.concat([PNG_BYTES, Buffer.from('a distinct tail so the bytes are this document')]);

describe.runIf(endpoint && bucket)('documents in an S3 bucket', () => {
  const storage = new S3DocumentStorage({ bucket: bucket as string, endpoint });

  afterAll(() => storage.destroy());

  /** The platform with S3 storage; the end user uploads one id document. */
  async function uploadedDocument(platform: TestPlatform) {
    const { api } = await tenantClient(platform.url);
    const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    const created = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id });
    const sessionId = created.body.data.session_id as string;
    const upload = await new ApiClient(platform.url).post(
      `/public/api/sessions/${created.body.data.access_token}/steps/id_document/documents`,
      fileForm(DOCUMENT, 'front.png', 'id'),
    );
    expectStatus(upload, 201);
    const docId = upload.body.data.doc_id as string;
    expect(await storage.exists(`sessions/${sessionId}/${docId}`)).toBe(true);
    return { api, sessionId, docId };
  }

  describe('with links the gateway serves', () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform({ env: { S3_ENDPOINT: endpoint as string, S3_BUCKET: bucket as string } });
    });
    afterAll(async () => platform?.close());

    it('stores uploads in the bucket, streams them back through the gateway, and erases them with the session', async () => {
      const { api, sessionId, docId } = await uploadedDocument(platform);
      const link = await api.get(`/kyc/sessions/${sessionId}/documents/${docId}/url`);
      expect(link.body.data.presigned_url.startsWith(`${platform.url}/documents/download?token=`)).toBe(true);
      const download = await fetch(link.body.data.presigned_url);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(DOCUMENT)).toBe(true);

      expectStatus(await api.delete(`/kyc/sessions/${sessionId}`), 200);
      expect(await storage.exists(`sessions/${sessionId}/${docId}`)).toBe(false);
    });
  });

  describe('with presigned storage links (DOCUMENT_LINKS=storage)', () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform({
        env: { S3_ENDPOINT: endpoint as string, S3_BUCKET: bucket as string, DOCUMENT_LINKS: 'storage', DOCUMENT_URL_TTL_SECONDS: '60' },
      });
    });
    afterAll(async () => platform?.close());

    it('hands out a presigned bucket URL that serves the document as an attachment and expires with the TTL', async () => {
      const { api, sessionId, docId } = await uploadedDocument(platform);
      const before = Math.floor(Date.now() / 1000);
      const link = (await api.get(`/kyc/sessions/${sessionId}/documents/${docId}/url`)).body.data;
      expect(link.presigned_url.startsWith(`${endpoint}/${bucket}/sessions/${sessionId}/${docId}?`)).toBe(true);
      expect(new URL(link.presigned_url).searchParams.get('X-Amz-Expires')).toBe('60');
      expect(link.expires_at - before).toBeGreaterThanOrEqual(59);
      expect(link.expires_at - before).toBeLessThanOrEqual(61);
      const download = await fetch(link.presigned_url);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('image/png');
      expect(download.headers.get('content-disposition')).toContain('attachment');
      expect(download.headers.get('content-disposition')).toContain('front.png');
      expect(Buffer.from(await download.arrayBuffer()).equals(DOCUMENT)).toBe(true);
    });
  });
});
