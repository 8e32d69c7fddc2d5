import { afterEach, describe, expect, it } from 'vitest';
import { KafkaMessageBus, type KafkaMessageBusOptions } from './kafka-message-bus';
import type { KafkaLogRecord } from './kafka-log';

// Nothing listens on port 1 of the loopback interface: these tests cover what the bus does without a broker.
// Its behaviour with one is the contract suite in libs/testing (message-bus-contract.kafka.spec.ts).
const unreachable = ['127.0.0.1:1'];

describe('KafkaMessageBus without a broker', () => {
  const buses: KafkaMessageBus[] = [];
  const open = (options: Partial<KafkaMessageBusOptions> = {}) => {
    const bus = new KafkaMessageBus({ brokers: unreachable, ...options });
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('rejects options that could never work', () => {
    expect(() => new KafkaMessageBus({ brokers: [] })).toThrow(TypeError);
    expect(() => open({ partitions: 0 })).toThrow(RangeError);
    expect(() => open({ replicationFactor: 1.5 })).toThrow(RangeError);
    expect(() => open({ retry: { maxAttempts: 0 } })).toThrow(RangeError);
    expect(() => open({ logLevel: 'loud' as never })).toThrow(RangeError);
  });

  it('rejects bad input before touching the network', async () => {
    const bus = open();
    await expect(bus.publish('', [{ key: 'k', value: 'v' }])).rejects.toThrow(/topic/);
    await expect(bus.publish('t', [{ key: 1 as unknown as string, value: 'v' }])).rejects.toThrow(/key/);
    await expect(bus.publish('t', [{ key: 'k', value: 3 as unknown as string }])).rejects.toThrow(/value/);
    await expect(bus.publish('t', [])).resolves.toBeUndefined();
    await expect(bus.subscribe({ topic: 't', groupId: '', handler: async () => undefined })).rejects.toThrow(
      /groupId/,
    );
    await expect(
      bus.subscribe({ topic: 't', groupId: 'g', handler: 'nope' as unknown as () => Promise<void> }),
    ).rejects.toThrow(/handler/);
    await expect(
      bus.subscribe({ topic: 't', groupId: 'g', handler: async () => undefined, retry: { maxAttempts: -1 } }),
    ).rejects.toThrow(RangeError);
  });

  it('gives up subscribing at subscribeTimeoutMs and closes promptly, logging only through its sink', async () => {
    const records: KafkaLogRecord[] = [];
    const bus = open({ subscribeTimeoutMs: 800, log: (record) => records.push(record), logLevel: 'error' });
    const started = Date.now();
    await expect(bus.subscribe({ topic: 't', groupId: 'g', handler: async () => undefined })).rejects.toThrow(
      /within 800 ms/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    await bus.waitUntilIdle();

    const closing = Date.now();
    await bus.close();
    expect(Date.now() - closing).toBeLessThan(2_000);
    await expect(bus.publish('t', [{ key: 'k', value: 'v' }])).rejects.toThrow(/closed/);
    await expect(bus.subscribe({ topic: 't', groupId: 'g', handler: async () => undefined })).rejects.toThrow(
      /closed/,
    );
    expect(records.every((record) => record.level === 'error')).toBe(true);
    expect(
      records.some((record) =>
        /ECONNREFUSED|Connection/i.test(record.message + JSON.stringify(record.details)),
      ),
    ).toBe(true);
  });
});
