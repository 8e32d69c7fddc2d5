import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { eventually, ok } from './testing/assertions';
import { startDistributedStack, type DistributedStack } from './testing/distributed-stack';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { expectRowsAtStreamVersions } from './testing/read-model-truth';

const serverUrl = process.env.DATABASE_URL;
const kafkaBrokers = process.env.KAFKA_BROKERS;
if (!serverUrl || !kafkaBrokers) {
  console.warn('topic-projection.e2e: DID NOT RUN: it needs a PostgreSQL server (DATABASE_URL) and a Kafka broker (KAFKA_BROKERS).');
}

describe.runIf(serverUrl && kafkaBrokers)('projections as a Kafka consumer (PROJECTION_SOURCE=topic), across processes', () => {
  let stack: DistributedStack;

  beforeAll(async () => {
    stack = await startDistributedStack({ serverUrl: serverUrl as string, kafkaBrokers, env: { PROJECTION_SOURCE: 'topic' } });
    await stack.waitReady(stack.healthPorts.projections);
  }, 120_000);

  afterAll(async () => stack?.stop());

  it('runs a session through the flow (create, complete, corrections, approve); a created session is listed as soon as its 201', async () => {
    const { api } = await tenantClient(stack.baseUrl);
    const workflowId = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201).workflow_id;
    const rowOf = async (sessionId: string) =>
      ok(await api.get(`/kyc/sessions?workflow_id=${workflowId}`)).sessions.find((s: { session_id: string }) => s.session_id === sessionId);
    // The first session also waits for the consumer group to be joined and the topic to exist.
    const first = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    await eventually(async () => expect(await rowOf(first.session_id)).toMatchObject({ status: 'active' }), 30_000);
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    expect(await rowOf(created.session_id)).toMatchObject({ status: 'active' });

    await completeBasicSession(stack.baseUrl, created.access_token);
    ok(await api.post(`/kyc/sessions/${created.session_id}/corrections`, { corrections: [{ step_id: 'personal_info', message: 'Use your legal name.' }] }));
    await eventually(async () => expect(await rowOf(created.session_id)).toMatchObject({ status: 'awaiting_client_correction' }), 30_000);
    const user = new ApiClient(stack.baseUrl);
    const form = `/public/api/sessions/${created.access_token}/steps/personal_info`;
    ok(await user.put(`${form}/form`, { values: { full_name: 'John A. Doe', date_of_birth: '1990-01-15' } }));
    ok(await user.post(`${form}/complete`));
    ok(await api.patch(`/kyc/sessions/${created.session_id}`, { status: 'approved' }));
    await eventually(
      async () => expect(await rowOf(created.session_id)).toMatchObject({ status: 'approved', compliance_status: 'approved', completed_steps: 3 }),
      30_000,
    );
    await expectRowsAtStreamVersions(stack.db, [first.session_id, created.session_id]);
  }, 120_000);

  it('converges to the event store after the projections process is killed mid-stream, nothing applied twice', async () => {
    const { api } = await tenantClient(stack.baseUrl, undefined, 'Crash Co');
    const workflowId = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201).workflow_id;
    const ids: string[] = [];
    const create = async (n: number) => {
      for (let i = 0; i < n; i++) ids.push(ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201).session_id);
    };
    await create(10);
    await stack.projections.kill();
    await create(3);
    stack.projections.start();
    await create(10);
    await eventually(async () => {
      const list = ok(await api.get(`/kyc/sessions?workflow_id=${workflowId}&include_summary=true&limit=100`));
      expect(list.summary.total).toBe(ids.length);
    }, 90_000);
    await expectRowsAtStreamVersions(stack.db, ids);
  }, 180_000);
});
