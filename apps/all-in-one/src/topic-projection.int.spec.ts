import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import { SESSION_TOPIC_PROJECTION_GROUP } from '@kyc/read-model';
import { deadLetterTopic, DLQ_HEADERS, type ConsumedMessage, type OutgoingMessage } from '@kyc/messaging';
import { ApiClient } from './testing/api-client';
import { eventually, expectError, ok } from './testing/assertions';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

/** The list row of a session as the API shows it, or undefined when the list does not have it. */
async function listed(api: ApiClient, sessionId: string) {
  const page = ok(await api.get('/kyc/sessions?include_summary=true&limit=100'));
  return { row: page.sessions.find((s: { session_id: string }) => s.session_id === sessionId), summary: page.summary };
}

describe('sessions read model fed by the session events topic (PROJECTION_SOURCE=topic)', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let workflowId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ env: { PROJECTION_SOURCE: 'topic' } });
    ({ api } = await tenantClient(platform.url));
    workflowId = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201).workflow_id;
  });
  afterAll(async () => platform?.close());

  it('lists a session once its creation answers, follows it through the flow, and drops it once its deletion answers', async () => {
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId, customer_id: 'cust-topic' }), 201);
    const sessionId = created.session_id;
    expect((await listed(api, sessionId)).row).toMatchObject({ status: 'active', customer_id: 'cust-topic', workflow_name: 'Basic KYC' });

    await completeBasicSession(platform.url, created.access_token);
    ok(await api.post(`/kyc/sessions/${sessionId}/corrections`, { corrections: [{ step_id: 'personal_info', message: 'Fix the name' }] }));
    // Corrections and reviews answer without waiting for the list (as with the event-store feed).
    await eventually(async () =>
      expect((await listed(api, sessionId)).row).toMatchObject({ status: 'awaiting_client_correction', compliance_status: 'remediation' }),
    );

    const user = new ApiClient(platform.url);
    const form = `/public/api/sessions/${created.access_token}/steps/personal_info`;
    ok(await user.put(`${form}/form`, { values: { full_name: 'John Q. Doe', date_of_birth: '1990-01-15' } }));
    ok(await user.post(`${form}/complete`));
    ok(await api.patch(`/kyc/sessions/${sessionId}`, { status: 'approved', notes: 'verified' }));
    const { row, summary } = await eventually(async () => {
      const found = await listed(api, sessionId);
      expect(found.row).toMatchObject({ status: 'approved', compliance_status: 'approved', completed_steps: 3, progress_percent: 100 });
      return found;
    });
    expect(row.session_id).toBe(sessionId);
    expect(summary.status_counts.approved).toBeGreaterThanOrEqual(1);

    ok(await api.delete(`/kyc/sessions/${sessionId}`));
    expect((await listed(api, sessionId)).row).toBeUndefined();
    expectError(await api.get(`/kyc/sessions/${sessionId}`), 404, 'not_found');
  });

  it('changes nothing when an event is delivered again, even an old one after newer ones', async () => {
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    await completeBasicSession(platform.url, created.access_token);
    const stream = await platform.store.readStream(`session-${created.session_id}`);
    await platform.relay.waitUntilCaughtUp(stream[stream.length - 1].position);
    await platform.bus.waitUntilIdle();
    const before = await platform.readModel.sessionView.findUniqueOrThrow({ where: { sessionId: created.session_id } });

    // The topic's messages of this session, published again oldest first, as a consumer restarted from an
    // old offset would see them.
    const seen: OutgoingMessage[] = [];
    const capture = await platform.bus.subscribe({
      topic: SESSION_EVENTS_TOPIC,
      groupId: 'test-capture',
      fromBeginning: true,
      handler: async (message) => void (message.key === created.session_id && seen.push({ key: message.key, value: message.value })),
    });
    await platform.bus.waitUntilIdle();
    await capture.close();
    const trail = ok(await api.get(`/kyc/sessions/${created.session_id}/events`)).events;
    expect(seen).toHaveLength(trail.length);
    await platform.bus.publish(SESSION_EVENTS_TOPIC, seen);
    await platform.bus.waitUntilIdle();
    const after = await platform.readModel.sessionView.findUniqueOrThrow({ where: { sessionId: created.session_id } });
    expect(after).toEqual(before);
    expect(after.streamVersion).toBe(trail.length);
  });

  it('dead-letters a message that is not a session event and still writes the rows of the rest of its batch', async () => {
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId, customer_id: 'cust-poison' }), 201);
    await platform.bus.waitUntilIdle();
    const [first] = await platform.store.readStream(`session-${created.session_id}`);
    // A lost row, to be rebuilt by the message behind the poison one in the same partition and the same batch.
    await platform.readModel.sessionView.delete({ where: { sessionId: created.session_id } });
    const dead: ConsumedMessage[] = [];
    const dlq = await platform.bus.subscribe({
      topic: deadLetterTopic(SESSION_EVENTS_TOPIC),
      groupId: 'test-dlq',
      handler: async (message) => void dead.push(message),
    });

    const event = JSON.stringify({ session_id: created.session_id, version: first.version, type: first.type });
    await platform.bus.publish(SESSION_EVENTS_TOPIC, [
      { key: created.session_id, value: 'not json' },
      { key: created.session_id, value: event },
    ]);
    await platform.bus.waitUntilIdle();
    await dlq.close();

    const projections = dead.filter((message) => message.headers[DLQ_HEADERS.groupId] === SESSION_TOPIC_PROJECTION_GROUP);
    expect(projections.map((message) => message.value.toString())).toEqual(['not json']);
    expect((await listed(api, created.session_id)).row).toMatchObject({ status: 'active', customer_id: 'cust-poison' });
  });
});
