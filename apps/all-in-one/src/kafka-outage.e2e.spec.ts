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
    // ...and every one of their events is on the topic: the relay's checkpoint, which moves only after the
    // broker acknowledged, reaches the head of the log, and the topic (this test's broker alone) holds them.
    const events = await stack.db.query<{ n: string }>(`SELECT count(*) AS n FROM kyc_events WHERE stream_id = ANY($1)`, [
      acknowledged.map((id) => `session-${id}`),
    ]);
    expect(Number(events.rows[0].n)).toBeGreaterThanOrEqual(acknowledged.length);
    await eventually(async () => {
      const head = await stack.db.query<{ head: string }>(`SELECT max(position)::text AS head FROM kyc_events`);
      const relayed = await stack.db.query<{ position: string }>(`SELECT position FROM kyc_relay_checkpoints`);
      expect(relayed.rows[0]?.position).toBe(head.rows[0].head);
    }, 90_000);
    const admin = new Kafka({ clientId: 'internal-team', brokers: [kafka.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(SESSION_EVENTS_TOPIC);
      const onTopic = offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
      expect(onTopic).toBeGreaterThanOrEqual(Number(events.rows[0].n));
    } finally {
      await admin.disconnect();
    }
  }, 300_000);
});
