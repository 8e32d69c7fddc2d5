import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_WORKFLOW, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

describe('the hosted end-user page behind access_link', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => platform?.close());

  it('serves the page at the access link, locked down, with its script', async () => {
    const { api } = await tenantClient(platform.url);
    const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    const session = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id });
    const link = new URL(session.body.data.access_link as string);
    expect(link.pathname).toBe(`/public/sessions/${session.body.data.access_token}`);

    const page = await fetch(platform.url + link.pathname);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    const script = /<script src="([^"]+)"><\/script>/.exec(html)?.[1];
    expect(script).toBe('/public/sessions/assets/session.js');

    const js = await fetch(platform.url + script);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    // The page drives the public API only.
    expect(await js.text()).toContain("'/public/api/sessions/'");
  });
});
