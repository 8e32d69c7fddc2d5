import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import { NOTIFICATION_CONSUMER_GROUP, verifyWebhookSignature } from '@kyc/notification';
import { sessionEventValidatorFromAsyncApi, WebhookReceiver } from '@kyc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { eventually } from './testing/assertions';
import { expectRowsAtStreamVersions } from './testing/read-model-truth';
import { startDistributedStack, type DistributedStack } from './testing/distributed-stack';
import type { ServiceProcess } from './testing/service-process';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.warn(
    'separate-processes.e2e: DID NOT RUN: it needs a PostgreSQL server (DATABASE_URL); embedded PGlite is one process. ' +
      'Start one with tools/services/postgres.sh.',
  );
}

const kafkaBrokers = process.env.KAFKA_BROKERS;
if (serverUrl && !kafkaBrokers) {
  console.warn('separate-processes.e2e: the Kafka part DID NOT RUN: KAFKA_BROKERS is not set (tools/services/kafka.sh starts a broker).');
}

describe.runIf(serverUrl)('gateway, projections, session-service, event-relay and notification-service as separate processes on PostgreSQL (and Kafka)', () => {
  let stack: DistributedStack;
  let projections: ServiceProcess;
  let eventRelay: ServiceProcess | undefined;
  let baseUrl: string;
  let db: Client;

  beforeAll(async () => {
    stack = await startDistributedStack({ serverUrl: serverUrl as string, kafkaBrokers, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
    ({ baseUrl, db, projections, eventRelay } = stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('each service process answers its health and readiness probes', async () => {
    const { healthPorts } = stack;
    const ports = [healthPorts.projections, healthPorts.sessionService, ...(kafkaBrokers ? [healthPorts.eventRelay, healthPorts.notificationService] : [])];
    for (const port of ports) {
      await stack.waitReady(port);
      const live = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await live.json()).toEqual({ status: 'success', data: { status: 'ok' } });
    }
  });

  it('runs a session end to end across the processes', async () => {
    const { api } = await tenantClient(baseUrl);
    const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    expect(workflow.status).toBe(201);
    const created = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id });
    expect(created.status).toBe(201);
    const { session_id: id, access_token: token } = created.body.data;

    await completeBasicSession(baseUrl, token);
    const corrections = await api.post(`/kyc/sessions/${id}/corrections`, {
      corrections: [{ step_id: 'personal_info', field_ids: ['full_name'], message: 'Use your legal name.' }],
    });
    expect(corrections.body.data.status).toBe('awaiting_client_correction');
    const user = new ApiClient(baseUrl);
    await user.put(`/public/api/sessions/${token}/steps/personal_info/form`, { values: { full_name: 'John A. Doe', date_of_birth: '1990-01-15' } });
    expect((await user.post(`/public/api/sessions/${token}/steps/personal_info/complete`)).body.data.status).toBe('completed');
    expect((await api.patch(`/kyc/sessions/${id}`, { status: 'approved' })).body.data.status).toBe('approved');

    const row = await eventually(async () => {
      const list = await api.get(`/kyc/sessions?status=approved`);
      const found = list.body.data.sessions.find((s: { session_id: string }) => s.session_id === id);
      expect(found).toBeDefined();
      return found;
    }, 30_000);
    expect(row).toMatchObject({ status: 'approved', compliance_status: 'approved', completed_steps: 3, total_steps: 3 });
  });

  it('converges after the projections process is killed mid-stream', async () => {
    const { api } = await tenantClient(baseUrl, undefined, 'Crash Co');
    const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    const workflowId = workflow.body.data.workflow_id as string;
    const ids: string[] = [];
    const create = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const r = await api.post('/kyc/sessions', { workflow_id: workflowId, customer_id: `cust-${ids.length}` });
        expect(r.status).toBe(201);
        ids.push(r.body.data.session_id);
      }
    };
    await create(10);
    await projections.kill();
    // Commands keep succeeding while the read model is down (they answer once the wait for it times out).
    await create(3);
    projections.start();
    await create(10);

    const total = await eventually(async () => {
      const list = await api.get(`/kyc/sessions?workflow_id=${workflowId}&include_summary=true&limit=100`);
      expect(list.body.data.summary.total).toBe(ids.length);
      return list.body.data;
    }, 60_000);
    expect(new Set(total.sessions.map((s: { session_id: string }) => s.session_id))).toEqual(new Set(ids));
    await expectRowsAtStreamVersions(db, ids);
  }, 120_000);

  it('loses no acknowledged command when the session service restarts under load', async () => {
    const { api } = await tenantClient(baseUrl, undefined, 'Restart Co');
    const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    const workflowId = workflow.body.data.workflow_id as string;
    const acknowledged: string[] = [];
    const refusals: { status: number; code: unknown }[] = [];
    let running = true;
    const writer = async () => {
      while (running) {
        const response = await api.post('/kyc/sessions', { workflow_id: workflowId });
        if (response.status === 201) acknowledged.push(response.body.data.session_id);
        else refusals.push({ status: response.status, code: response.body?.error?.code });
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    const restart = async (how: 'stop' | 'kill') => {
      const before = acknowledged.length;
      await eventually(async () => expect(acknowledged.length).toBeGreaterThan(before + 10), 30_000);
      await (how === 'stop' ? stack.sessionService.stop() : stack.sessionService.kill());
      stack.sessionService.start();
      await stack.waitReady(stack.healthPorts.sessionService);
      const after = acknowledged.length;
      await eventually(async () => expect(acknowledged.length).toBeGreaterThan(after + 10), 30_000);
    };
    try {
      await restart('stop');
      await restart('kill');
    } finally {
      running = false;
      await Promise.all(writers);
    }

    // While it was away the gateway said so plainly, and nothing else went wrong.
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) expect(refusal).toEqual({ status: 503, code: 'service_unavailable' });
    // Every session the API acknowledged is in the event store.
    const stored = await db.query<{ stream_id: string }>(`SELECT stream_id FROM kyc_events WHERE type = 'SessionCreated' AND stream_id = ANY($1)`, [
      acknowledged.map((id) => `session-${id}`),
    ]);
    expect(stored.rows.length).toBe(acknowledged.length);
  }, 120_000);

  it.runIf(kafkaBrokers)('publishes every event of a session to Kafka, in order, with custom_tags and no personal data', async () => {
    const kafka = new Kafka({ clientId: 'internal-team', brokers: (kafkaBrokers as string).split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `internal-team-${randomBytes(4).toString('hex')}` });
    const received: { session_id: string; event_id: string; version: number; custom_tags: unknown; type: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: SESSION_EVENTS_TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(JSON.parse(String(message.value))) });
    try {
      const { api } = await tenantClient(baseUrl, undefined, 'Kafka Co');
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const created = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id, metadata: { email: 'kafka.person@example.com' } });
      const { session_id: id, access_token: token } = created.body.data;
      await completeBasicSession(baseUrl, token);
      await api.post(`/kyc/sessions/${id}/corrections`, { corrections: [{ step_id: 'personal_info', message: 'Fix it.' }] });
      const user = new ApiClient(baseUrl);
      await user.put(`/public/api/sessions/${token}/steps/personal_info/form`, { values: { full_name: 'John A. Doe', date_of_birth: '1990-01-15' } });
      await user.post(`/public/api/sessions/${token}/steps/personal_info/complete`);
      await api.patch(`/kyc/sessions/${id}`, { status: 'approved' });
      const trail = (await api.get(`/kyc/sessions/${id}/events`)).body.data.events as { event_id: string }[];

      const ofSession = await eventually(async () => {
        const mine = received.filter((event) => event.session_id === id);
        expect(mine.length).toBeGreaterThanOrEqual(trail.length);
        return mine;
      }, 60_000);
      // At least once: a redelivery may repeat an event, never reorder or lose one.
      const firstSeen = ofSession.filter((event, index) => ofSession.findIndex((e) => e.event_id === event.event_id) === index);
      expect(firstSeen.map((event) => event.event_id)).toEqual(trail.map((event) => event.event_id));
      expect(firstSeen.map((event) => event.version)).toEqual(trail.map((_, index) => index + 1));
      for (const event of firstSeen) expect(event.custom_tags).toEqual({ department: 'onboarding', region: 'latam' });
      // Every message is valid against the payload schema of docs/asyncapi.yaml.
    const validate = sessionEventValidatorFromAsyncApi();
    for (const event of firstSeen) expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    const published = JSON.stringify(firstSeen);
      for (const personal of ['kafka.person@example.com', 'John', '1990-01-15', token]) expect(published).not.toContain(personal);
    } finally {
      await consumer.disconnect();
    }
  }, 120_000);

  it.runIf(kafkaBrokers)('delivers webhooks from the notification service, once per event even when Kafka hands one over twice', async () => {
    const receiver = await WebhookReceiver.start();
    const kafka = new Kafka({ clientId: 'replayer', brokers: (kafkaBrokers as string).split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    try {
      const { api } = await tenantClient(baseUrl, undefined, 'Webhook Co');
      const hook = await api.post('/kyc/webhooks', { url: `${receiver.url}/hooks`, event_types: ['SessionCreated'] });
      expect(hook.status).toBe(201);
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const created = await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id });
      const id = created.body.data.session_id as string;
      const [first] = await eventually(async () => {
        const got = receiver.of(id, 'SessionCreated');
        expect(got).toHaveLength(1);
        return got;
      }, 60_000);
      expect(verifyWebhookSignature(hook.body.data.secret, first.body, String(first.headers['kyc-signature']), Math.floor(Date.now() / 1000))).toBe(true);
      expect(first.json['custom_tags']).toEqual({ department: 'onboarding', region: 'latam' });

      // The same message once more on the topic, as a redelivery after a crash before the offset commit.
      const [sent] = await producer.send({ topic: SESSION_EVENTS_TOPIC, messages: [{ key: id, value: first.body }] });
      // Handled once the notification service's group has committed past it.
      const admin = kafka.admin();
      await admin.connect();
      try {
        await eventually(async () => {
          const [topic] = await admin.fetchOffsets({ groupId: NOTIFICATION_CONSUMER_GROUP, topics: [SESSION_EVENTS_TOPIC] });
          const committed = topic.partitions.find((p) => p.partition === sent.partition)?.offset ?? '-1';
          expect(BigInt(committed)).toBeGreaterThan(BigInt(sent.baseOffset ?? '0'));
        }, 60_000);
      } finally {
        await admin.disconnect();
      }
      expect(receiver.of(id, 'SessionCreated')).toHaveLength(1);
      const deliveries = await api.get(`/kyc/webhooks/${hook.body.data.webhook_id}/deliveries`);
      expect(deliveries.body.data.deliveries.filter((d: { session_id: string }) => d.session_id === id)).toHaveLength(1);
    } finally {
      await producer.disconnect();
      await receiver.close();
    }
  }, 120_000);

  it.runIf(kafkaBrokers)('loses no event when the relay is killed mid-stream and restarted', async () => {
    const kafka = new Kafka({ clientId: 'internal-team', brokers: (kafkaBrokers as string).split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `relay-crash-${randomBytes(4).toString('hex')}` });
    const received = new Set<string>();
    await consumer.connect();
    await consumer.subscribe({ topic: SESSION_EVENTS_TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.add(JSON.parse(String(message.value)).event_id) });
    try {
      const { api } = await tenantClient(baseUrl, undefined, 'Relay Crash Co');
      const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
      const ids: string[] = [];
      const create = async (n: number) => {
        for (let i = 0; i < n; i++) ids.push((await api.post('/kyc/sessions', { workflow_id: workflow.body.data.workflow_id })).body.data.session_id);
      };
      await create(5);
      await eventRelay?.kill();
      await create(5);
      eventRelay?.start();
      await create(5);

      const expected = await db.query<{ event_id: string }>(`SELECT event_id FROM kyc_events WHERE stream_id = ANY($1)`, [
        ids.map((id) => `session-${id}`),
      ]);
      expect(expected.rows.length).toBeGreaterThanOrEqual(15);
      await eventually(async () => {
        const missing = expected.rows.filter((row) => !received.has(row.event_id));
        expect(missing).toEqual([]);
      }, 60_000);
    } finally {
      await consumer.disconnect();
    }
  }, 120_000);
});
