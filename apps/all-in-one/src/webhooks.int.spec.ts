import { randomUUID } from 'node:crypto';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import { verifyWebhookSignature } from '@kyc/notification';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectError, ok } from './testing/assertions';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';
import { WebhookReceiver } from '@kyc/testing';
import type { ApiClient } from './testing/api-client';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('webhooks', () => {
  let platform: TestPlatform;
  let receiver: WebhookReceiver;
  let api: ApiClient;
  let workflowId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({
      env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
      webhookRetrySchedule: { maxAttempts: 3, firstDelayMs: 50, factor: 2, maxDelayMs: 200 },
    });
    receiver = await WebhookReceiver.start();
    ({ api } = await tenantClient(platform.url));
    workflowId = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201).workflow_id;
  });

  afterAll(async () => {
    await receiver?.close();
    await platform?.close();
  });

  afterEach(() => {
    receiver.answer = () => 200;
  });

  const register = async (body: Record<string, unknown>) => ok(await api.post('/kyc/webhooks', body), 201);

  it('registers an endpoint, shows its secret once, lists and finds it', async () => {
    const created = await register({ url: `${receiver.url}/one`, description: 'CRM sync' });
    expect(created).toMatchObject({ url: `${receiver.url}/one`, event_types: [], description: 'CRM sync' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = ok(await api.get('/kyc/webhooks')).webhooks;
    expect(listed).toContainEqual({ webhook_id: created.webhook_id, url: created.url, event_types: [], description: 'CRM sync', created_at: created.created_at });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(ok(await api.get(`/kyc/webhooks/${created.webhook_id}`))).not.toHaveProperty('secret');
    ok(await api.delete(`/kyc/webhooks/${created.webhook_id}`));
  });

  it('posts every event of a session, signed, with custom_tags and no personal data', async () => {
    const { webhook_id: webhookId, secret } = await register({ url: `${receiver.url}/all` });
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId, metadata: { email: 'hook.person@example.com' } }), 201);
    await completeBasicSession(platform.url, created.access_token);
    const trail = ok(await api.get(`/kyc/sessions/${created.session_id}/events`)).events as { event_id: string; type: string }[];

    const posted = await eventually(async () => {
      const mine = receiver.of(created.session_id).filter((r) => r.path === '/all');
      expect(mine.length).toBeGreaterThanOrEqual(trail.length);
      return mine;
    }, 15_000);
    expect(new Set(posted.map((r) => r.json['event_id']))).toEqual(new Set(trail.map((e) => e.event_id)));
    for (const request of posted) {
      expect(verifyWebhookSignature(secret, request.body, String(request.headers['kyc-signature']), nowSeconds())).toBe(true);
      expect(verifyWebhookSignature('whsec_other', request.body, String(request.headers['kyc-signature']), nowSeconds())).toBe(false);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['kyc-webhook-id']).toBe(webhookId);
      expect(request.headers['kyc-event-id']).toBe(request.json['event_id']);
      expect(request.headers['kyc-event-type']).toBe(request.json['type']);
      expect(request.json['custom_tags']).toEqual({ department: 'onboarding', region: 'latam' });
    }
    const everything = JSON.stringify(posted.map((r) => r.body));
    for (const personal of ['hook.person@example.com', 'John', '1990-01-15', created.access_token]) expect(everything).not.toContain(personal);

    const deliveries = ok(await api.get(`/kyc/webhooks/${webhookId}/deliveries?limit=100`)).deliveries;
    expect(deliveries.filter((d: { session_id: string }) => d.session_id === created.session_id)).toHaveLength(trail.length);
    for (const delivery of deliveries) expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200, next_attempt_at: null });
    ok(await api.delete(`/kyc/webhooks/${webhookId}`));
  });

  it('sends only the event types an endpoint asked for', async () => {
    const { webhook_id: webhookId } = await register({ url: `${receiver.url}/status`, event_types: ['StatusChanged'] });
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    await completeBasicSession(platform.url, created.access_token);
    ok(await api.patch(`/kyc/sessions/${created.session_id}`, { status: 'approved' }));
    const trail = ok(await api.get(`/kyc/sessions/${created.session_id}/events`)).events as { type: string }[];
    const statusChanges = trail.filter((e) => e.type === 'StatusChanged').length;
    expect(statusChanges).toBeGreaterThan(0);
    await eventually(async () => expect(receiver.of(created.session_id).filter((r) => r.path === '/status')).toHaveLength(statusChanges), 15_000);
    expect(new Set(receiver.of(created.session_id).filter((r) => r.path === '/status').map((r) => r.json['type']))).toEqual(new Set(['StatusChanged']));
    ok(await api.delete(`/kyc/webhooks/${webhookId}`));
  });

  it('retries a failing endpoint with backoff until it accepts, and gives up after the last attempt', async () => {
    const { webhook_id: flakyId } = await register({ url: `${receiver.url}/flaky`, event_types: ['SessionCreated'] });
    const { webhook_id: deadId } = await register({ url: `${receiver.url}/dead`, event_types: ['SessionCreated'] });
    let flakyCalls = 0;
    receiver.answer = (request) => (request.path === '/dead' ? 503 : request.path === '/flaky' && ++flakyCalls <= 2 ? 500 : 200);
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);

    const flaky = await eventually(async () => {
      const [delivery] = ok(await api.get(`/kyc/webhooks/${flakyId}/deliveries`)).deliveries;
      expect(delivery).toMatchObject({ session_id: created.session_id, status: 'delivered' });
      return delivery;
    }, 15_000);
    expect(flaky).toMatchObject({ attempts: 3, last_status_code: 200, last_error: null });
    const dead = await eventually(async () => {
      const [delivery] = ok(await api.get(`/kyc/webhooks/${deadId}/deliveries`)).deliveries;
      expect(delivery).toMatchObject({ status: 'failed' });
      return delivery;
    }, 15_000);
    expect(dead).toMatchObject({ attempts: 3, last_status_code: 503, last_error: 'answered HTTP 503', next_attempt_at: null, delivered_at: null });
    const attempts = receiver.of(created.session_id).filter((r) => r.path === '/flaky').map((r) => r.headers['kyc-delivery-attempt']);
    expect(attempts).toEqual(['1', '2', '3']);
    for (const id of [flakyId, deadId]) ok(await api.delete(`/kyc/webhooks/${id}`));
  });

  it('enqueues an event the bus delivers twice only once', async () => {
    const { webhook_id: webhookId } = await register({ url: `${receiver.url}/dedupe` });
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    const original = await eventually(async () => {
      const [first] = receiver.of(created.session_id, 'SessionCreated').filter((r) => r.path === '/dedupe');
      expect(first).toBeDefined();
      return first;
    }, 15_000);
    // The same message again, as a consumer restarted before committing its offset would see it.
    await platform.bus.publish(SESSION_EVENTS_TOPIC, [{ key: created.session_id, value: original.body }]);
    await platform.bus.waitUntilIdle();
    await platform.notifications.dispatcher.dispatchDue();
    expect(receiver.of(created.session_id, 'SessionCreated').filter((r) => r.path === '/dedupe')).toHaveLength(1);
    const deliveries = ok(await api.get(`/kyc/webhooks/${webhookId}/deliveries`)).deliveries;
    expect(deliveries.filter((d: { event_type: string }) => d.event_type === 'SessionCreated')).toHaveLength(1);
    ok(await api.delete(`/kyc/webhooks/${webhookId}`));
  });

  it('does not send an endpoint the events that happened before it existed', async () => {
    const before = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    await platform.bus.waitUntilIdle();
    const { webhook_id: webhookId } = await register({ url: `${receiver.url}/late` });
    const after = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    await eventually(async () => expect(receiver.of(after.session_id).filter((r) => r.path === '/late')).toHaveLength(1), 15_000);
    expect(receiver.of(before.session_id).filter((r) => r.path === '/late')).toEqual([]);
    ok(await api.delete(`/kyc/webhooks/${webhookId}`));
  });

  it('refuses bad registrations with the field named, and hides other tenants\' endpoints', async () => {
    expectError(await api.post('/kyc/webhooks', { url: 'ftp://example.com/hook' }), 400, 'invalid_request', 'url');
    expectError(await api.post('/kyc/webhooks', { url: 'not a url' }), 400, 'invalid_request', 'url');
    expectError(await api.post('/kyc/webhooks', { url: 'https://user:pw@example.com/hook' }), 400, 'invalid_request', 'url');
    expectError(await api.post('/kyc/webhooks', {}), 400, 'invalid_request', 'url');
    expectError(await api.post('/kyc/webhooks', { url: 'https://example.com', event_types: ['Nope'] }), 400, 'invalid_request', 'event_types');
    expectError(await api.post('/kyc/webhooks', { url: 'https://example.com', secret: 'mine' }), 400, 'invalid_request', 'secret');
    expectError(await api.get(`/kyc/webhooks/${randomUUID()}`), 404, 'not_found');
    expectError(await api.get('/kyc/webhooks/not-a-uuid'), 400, 'invalid_request', 'webhook_id');
    expectError(await api.get(`/kyc/webhooks/${randomUUID()}/deliveries?limit=0`), 400, 'invalid_request', 'limit');

    const mine = await register({ url: `${receiver.url}/mine` });
    const other = await tenantClient(platform.url, undefined, 'Other Co');
    expectError(await other.api.get(`/kyc/webhooks/${mine.webhook_id}`), 404, 'not_found');
    expectError(await other.api.delete(`/kyc/webhooks/${mine.webhook_id}`), 404, 'not_found');
    expect(ok(await other.api.get('/kyc/webhooks')).webhooks).toEqual([]);
    const reader = await tenantClient(platform.url, ['kyc:read'], 'Reader Co');
    expectError(await reader.api.get('/kyc/webhooks'), 403, 'forbidden');
    ok(await api.delete(`/kyc/webhooks/${mine.webhook_id}`));
    expectError(await api.delete(`/kyc/webhooks/${mine.webhook_id}`), 404, 'not_found');
  });
});

describe('webhook targets', () => {
  it('refuses private, loopback and link-local URLs unless the operator allows them', async () => {
    const platform = await startTestPlatform();
    try {
      const { api } = await tenantClient(platform.url);
      for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest', 'http://[::1]/hook', 'http://192.168.0.10/x']) {
        expectError(await api.post('/kyc/webhooks', { url }), 400, 'invalid_request', 'url');
      }
      ok(await api.post('/kyc/webhooks', { url: 'https://93.184.215.14/hook' }), 201);
    } finally {
      await platform.close();
    }
  });
});
