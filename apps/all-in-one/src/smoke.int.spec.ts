import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

describe('smoke', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => platform?.close());

  it('runs the typical flow', async () => {
    const { api } = await tenantClient(platform.url);
    const wf = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    expect(wf.status, JSON.stringify(wf.body)).toBe(201);
    const s = await api.post('/kyc/sessions', { workflow_id: wf.body.data.workflow_id, metadata: { a: 1 } });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    await completeBasicSession(platform.url, s.body.data.access_token);
    const got = await api.get(`/kyc/sessions/${s.body.data.session_id}`);
    expect(got.body.data.status).toBe('completed');
    const list = await api.get('/kyc/sessions?include_summary=true');
    console.log(JSON.stringify(list.body, null, 1).slice(0, 1500));
  });
});
