import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  KafkaMessageBus,
  type ConsumedMessage,
  type KafkaLogRecord,
  type KafkaMessageBusOptions,
} from '@kyc/messaging';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageBusContract } from './message-bus-contract';

const brokers = (process.env.KAFKA_BROKERS ?? '')
  .split(',')
  .map((broker) => broker.trim())
  .filter((broker) => broker.length > 0);

if (brokers.length === 0) {
  console.warn(
    'DID NOT RUN: KAFKA_BROKERS is not set; tools/services/kafka.sh starts a broker ' +
      '(then KAFKA_BROKERS=127.0.0.1:9092 npx vitest run libs/testing/src/message-bus-contract.kafka.spec.ts)',
  );
}

const repositoryRoot = resolve(__dirname, '../../..');
const busModule = resolve(repositoryRoot, 'libs/platform/messaging/src/kafka/kafka-message-bus.ts');

/** kafkajs and bus log records, printed only on request: tests stay quiet otherwise. */
function logSink(record: KafkaLogRecord): void {
  if (process.env.KAFKA_TEST_LOG)
    console.error(`[${record.level}] ${record.namespace}: ${record.message}`, record.details);
}

function busOptions(overrides: Partial<KafkaMessageBusOptions> = {}): KafkaMessageBusOptions {
  return {
    brokers,
    clientId: 'kyc-contract-tests',
    partitions: 3,
    log: logSink,
    logLevel: 'warn',
    // Short waits so that a second member joining a group is noticed quickly by the first.
    consumer: { heartbeatIntervalMs: 300, maxWaitTimeMs: 100 },
    ...overrides,
  };
}

describe.runIf(brokers.length > 0)('Kafka message bus on a real broker', () => {
  messageBusContract('KafkaMessageBus', () => ({ bus: new KafkaMessageBus(busOptions()) }));

  describe('KafkaMessageBus beyond the contract', () => {
    let admin: Admin;
    const buses: KafkaMessageBus[] = [];
    const children: ChildProcess[] = [];
    const open = (overrides?: Partial<KafkaMessageBusOptions>) => {
      const bus = new KafkaMessageBus(busOptions(overrides));
      buses.push(bus);
      return bus;
    };
    const unique = (name: string) => `${name}-${randomUUID()}`;

    beforeAll(async () => {
      admin = new Kafka({
        brokers,
        clientId: 'kyc-contract-tests-admin',
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
    });
    afterAll(async () => {
      await admin.disconnect();
    });
    afterEach(async () => {
      for (const child of children.splice(0)) if (running(child)) child.kill('SIGKILL');
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
    });

    it('joins the consumer group under exactly the id given and commits its start positions', async () => {
      const bus = open();
      const topic = unique('orders');
      const groupId = unique('billing-projection');
      await bus.subscribe({ topic, groupId, handler: async () => undefined });

      const { groups } = await admin.describeGroups([groupId]);
      expect(groups).toHaveLength(1);
      expect(groups[0]).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer' });
      expect(groups[0].members).toHaveLength(1);
      expect(groups[0].members[0].clientId).toBe('kyc-contract-tests');

      const listed = (await admin.listGroups()).groups.map((group) => group.groupId);
      expect(listed.filter((id) => id.includes(groupId))).toEqual([groupId]);

      // Positioned before subscribe returned: every partition has a committed offset, at the end of the log.
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(committed.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([
        [0, '0'],
        [1, '0'],
        [2, '0'],
      ]);
    });

    it('resolves publish only once the broker holds the messages', async () => {
      const bus = open();
      const topic = unique('acks');
      await bus.publish(
        topic,
        Array.from({ length: 30 }, (_, i) => ({ key: `key-${i % 7}`, value: `v${i}` })),
      );
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets).toHaveLength(3);
      expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(30);
    });

    it('never hands a message over before its publish call has returned, also for large batches', async () => {
      // The consumer's fetch can return the batch before the producer's acknowledgement arrives; the contract's
      // two small messages rarely show that, 200 messages of 2 KB over three partitions do.
      const bus = open();
      const topic = unique('large');
      let handled = 0;
      await bus.subscribe({
        topic,
        groupId: unique('large-group'),
        handler: async () => void (handled += 1),
      });
      const handledBeforeReturn: number[] = [];
      for (let round = 0; round < 16; round += 1) {
        await bus.publish(
          topic,
          Array.from({ length: 200 }, (_, i) => ({
            key: `key-${i}`,
            value: `${round}:${'x'.repeat(2_000)}`,
          })),
        );
        handledBeforeReturn.push(handled - round * 200);
        await bus.waitUntilIdle();
      }
      expect(handledBeforeReturn).toEqual(Array.from({ length: 16 }, () => 0));
      expect(handled).toBe(3_200);
    });

    it('hands a message whose member crashed mid-handler to the next member of the group', async () => {
      const bus = open();
      const topic = unique('crash');
      const groupId = unique('crash-group');

      // The first member runs in a child process that is killed while its handler is still running: it never
      // commits and never leaves the group, as after a power cut.
      const child = spawn(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          '-e',
          `
          const { KafkaMessageBus } = require(process.env.BUS_MODULE);
          const bus = new KafkaMessageBus({
            brokers: process.env.KAFKA_BROKERS.split(','),
            clientId: 'crashing-member',
            consumer: { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
          });
          bus.subscribe({
            topic: process.env.TOPIC,
            groupId: process.env.GROUP_ID,
            handler: (m) => {
              process.stdout.write('handling ' + m.value.toString() + ' at ' + m.offset + '\\n');
              return new Promise(() => {});
            },
          }).then(
            () => process.stdout.write('ready\\n'),
            (error) => { process.stderr.write(String(error) + '\\n'); process.exit(1); },
          );
          `,
        ],
        {
          cwd: repositoryRoot,
          env: {
            ...process.env,
            BUS_MODULE: busModule,
            TOPIC: topic,
            GROUP_ID: groupId,
            KAFKA_BROKERS: brokers.join(','),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      children.push(child);
      const output = lineReader(child);

      await output.next((line) => line === 'ready', 25_000);
      await bus.publish(topic, [{ key: 'session-1', value: 'approve' }]);
      const handling = await output.next((line) => line.startsWith('handling '), 10_000);
      expect(handling).toMatch(/^handling approve at \d+$/);
      const offset = BigInt(handling.split(' at ')[1]);

      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      const received: ConsumedMessage[] = [];
      await bus.subscribe({ topic, groupId, handler: async (m) => void received.push(m) });
      await bus.waitUntilIdle();

      expect(received.map((m) => [m.value.toString(), m.offset, m.attempt])).toEqual([
        ['approve', offset, 1],
      ]);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const partition = committed.partitions.find((p) => p.partition === received[0].partition);
      expect(partition?.offset).toBe(String(offset + 1n));
    }, 45_000);

    it('keeps its partitions while a handler runs longer than the session timeout', async () => {
      const bus = open({
        consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
      });
      const topic = unique('slow');
      const groupId = unique('slow-group');
      const deliveries: string[] = [];
      await bus.subscribe({
        topic,
        groupId,
        handler: async (m) => {
          deliveries.push(`${m.value.toString()}#${m.attempt}`);
          // Only the first delivery is slow: a member that lost its partitions would get it again, quickly.
          if (deliveries.length === 1) await new Promise((resolve) => setTimeout(resolve, 7_500));
        },
      });
      const before = (await admin.describeGroups([groupId])).groups[0].members.map((m) => m.memberId);

      await bus.publish(topic, [
        { key: 'k', value: 'slow' },
        { key: 'k', value: 'next' },
      ]);
      await bus.waitUntilIdle();

      expect(deliveries).toEqual(['slow#1', 'next#1']);
      const after = (await admin.describeGroups([groupId])).groups[0];
      expect(after.state).toBe('Stable');
      expect(after.members.map((m) => m.memberId)).toEqual(before);
    }, 30_000);
  });
});

/** Lines a child process writes to stdout, awaited one predicate at a time; stderr is kept for the error. */
function lineReader(child: ChildProcess) {
  const lines: string[] = [];
  let stderr = '';
  let wake: (() => void) | undefined;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    wake?.();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.once('exit', () => wake?.());
  return {
    async next(matches: (line: string) => boolean, timeoutMs: number): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = lines.findIndex(matches);
        if (index >= 0) return lines.splice(0, index + 1)[index];
        if (!running(child) || Date.now() > deadline) {
          throw new Error(
            `child process: no expected line (exit ${child.exitCode ?? child.signalCode}); stderr: ${stderr.slice(-2_000)}`,
          );
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
  };
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}
