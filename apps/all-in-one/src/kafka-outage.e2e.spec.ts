import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './testing/assertions';
import { DedicatedKafka } from './testing/dedicated-kafka';
import { startDistributedStack, type DistributedStack } from './testing/distributed-stack';
import { BASIC_WORKFLOW, tenantClient } from './testing/fixtures';

const serverUrl = process.env.DATABASE_URL;
const kafkaAvailable = Boolean(process.env.KAFKA_BROKERS);
if (!serverUrl || !kafkaAvailable) {
  console.warn(
    'kafka-outage.e2e: DID NOT RUN: it needs a PostgreSQL server (DATABASE_URL) and the Kafka tooling that ' +
      'tools/services/services.sh installs (signalled by KAFKA_BROKERS); it then starts a broker of its own.',
  );
}

const OUTAGE_MS = 10_000;

describe.runIf(serverUrl && kafkaAvailable)('the Kafka broker stopped for 10 s under load', () => {
  let kafka: DedicatedKafka;
  let stack: DistributedStack;

  beforeAll(async () => {
    kafka = await DedicatedKafka.create();
    await kafka.up();
    stack = await startDistributedStack({ serverUrl: serverUrl as string, kafkaBrokers: kafka.brokers });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await kafka?.destroy();
  }, 60_000);

  it('keeps the gateway answering (commands still append), and everything catches up when the broker is back', async () => {
    const { api } = await tenantClient(stack.baseUrl, undefined, 'Outage Co');
    const workflowId = (await api.post('/kyc/workflows', BASIC_WORKFLOW)).body.data.workflow_id as string;
    const acknowledged: string[] = [];
    const failures: unknown[] = [];
    let duringOutage = 0;
    let brokerDown = false;
    let running = true;
    const writer = async () => {
      while (running) {
        const response = await api.post('/kyc/sessions', { workflow_id: workflowId });
        if (response.status !== 201) failures.push(response.body);
        else {
          acknowledged.push(response.body.data.session_id);
          if (brokerDown) duringOutage++;
        }
      }
    };
    const writers = Array.from({ length: 3 }, writer);
    try {
      await eventually(async () => expect(acknowledged.length).toBeGreaterThan(20), 30_000);
      await kafka.down();
      brokerDown = true;
      const stoppedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      brokerDown = false;
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(OUTAGE_MS);
      await kafka.up();
      const after = acknowledged.length;
      await eventually(async () => expect(acknowledged.length).toBeGreaterThan(after + 20), 30_000);
    } finally {
      running = false;
      await Promise.all(writers);
    }

    // The gateway kept answering while the broker was away.
    expect(failures).toEqual([]);
    expect(duringOutage).toBeGreaterThan(20);

    // Every acknowledged session is in the read model...
    await eventually(async () => {
      const list = await api.get(`/kyc/sessions?workflow_id=${workflowId}&include_summary=true&limit=1`);
      expect(list.body.data.summary.total).toBe(acknowledged.length);
    }, 60_000);
    // ...and every one of their events is on the topic: a consumer that starts now reads them all.
    const events = await stack.db.query<{ event_id: string }>(`SELECT event_id FROM kyc_events WHERE stream_id = ANY($1)`, [
      acknowledged.map((id) => `session-${id}`),
    ]);
    expect(events.rows.length).toBeGreaterThanOrEqual(acknowledged.length);
    const consumer = new Kafka({ clientId: 'internal-team', brokers: [kafka.brokers], logLevel: logLevel.NOTHING }).consumer({
      groupId: `outage-${randomBytes(4).toString('hex')}`,
    });
    const received = new Set<string>();
    await consumer.connect();
    await consumer.subscribe({ topic: SESSION_EVENTS_TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.add(JSON.parse(String(message.value)).event_id) });
    try {
      await eventually(async () => expect(events.rows.filter((row) => !received.has(row.event_id))).toEqual([]), 60_000);
    } finally {
      await consumer.disconnect();
    }
  }, 300_000);
});
