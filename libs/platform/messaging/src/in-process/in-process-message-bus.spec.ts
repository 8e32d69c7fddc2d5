import { afterEach, describe, expect, it } from 'vitest';
import { DLQ_HEADERS, deadLetterTopic, type ConsumedMessage, type MessageHandler } from '../message-bus.port';
import { partitionForKey } from '../partitioner';
import { backoffDelay, resolveRetryPolicy } from '../retry-policy';
import { InProcessMessageBus } from './in-process-message-bus';

describe('InProcessMessageBus (beyond the contract)', () => {
  const buses: InProcessMessageBus[] = [];
  const open = (options?: ConstructorParameters<typeof InProcessMessageBus>[0]) => {
    const bus = new InProcessMessageBus(options);
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('runs different partitions concurrently, never more at once than there are partitions', async () => {
    const bus = open({ partitions: 3 });
    let running = 0;
    let peak = 0;
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      handler: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running -= 1;
      },
    });
    await bus.publish(
      't',
      Array.from({ length: 60 }, (_, i) => ({ key: `key-${i % 12}`, value: String(i) })),
    );
    await bus.waitUntilIdle();
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('puts every message of a key in the partition partitionForKey names', async () => {
    const bus = open({ partitions: 5 });
    const partitions = new Map<string, Set<number>>();
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      handler: async (m) => void partitions.set(m.key, (partitions.get(m.key) ?? new Set()).add(m.partition)),
    });
    await bus.publish(
      't',
      Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 10}`, value: 'v' })),
    );
    await bus.waitUntilIdle();
    for (const [key, seen] of partitions) expect([...seen]).toEqual([partitionForKey(key, 5)]);
    expect(new Set([...partitions.values()].map((s) => [...s][0])).size).toBeGreaterThan(1);
  });

  it('numbers offsets per partition from 0', async () => {
    const bus = open({ partitions: 1 });
    const offsets: bigint[] = [];
    await bus.subscribe({ topic: 't', groupId: 'g', handler: async (m) => void offsets.push(m.offset) });
    await bus.publish('t', [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    await bus.publish('t', [{ key: 'a', value: '3' }]);
    await bus.waitUntilIdle();
    expect(offsets).toEqual([0n, 1n, 2n]);
  });

  it('tries a failing message 5 times by default before dead-lettering it', async () => {
    const bus = open({ retry: { initialBackoffMs: 1 } });
    const attempts: number[] = [];
    const dead: ConsumedMessage[] = [];
    await bus.subscribe({ topic: 't.dlq', groupId: 'dlq', handler: async (m) => void dead.push(m) });
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      handler: async (m) => {
        attempts.push(m.attempt);
        throw new TypeError('bad payload');
      },
    });
    await bus.publish('t', [{ key: 'k', value: 'x' }]);
    await bus.waitUntilIdle();
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(dead.map((m) => [m.headers[DLQ_HEADERS.attempts], m.headers[DLQ_HEADERS.errorName]])).toEqual([
      ['5', 'TypeError'],
    ]);
    expect(deadLetterTopic('t')).toBe('t.dlq');
  });

  it('reports dead letters and treats a handler that throws synchronously as a failed attempt', async () => {
    const letters: string[] = [];
    const bus = open({
      retry: { maxAttempts: 2, initialBackoffMs: 0 },
      onDeadLetter: (message, groupId, error) =>
        letters.push(`${groupId}:${message.key}:${(error as Error).message}`),
    });
    const throwing: MessageHandler = () => {
      throw new Error('sync');
    };
    await bus.subscribe({ topic: 't', groupId: 'g', handler: throwing });
    await bus.publish('t', [{ key: 'k', value: 'x' }]);
    await bus.waitUntilIdle();
    expect(letters).toEqual(['g:k:sync']);
  });

  it('lets a subscription override the retry policy of the bus', async () => {
    const bus = open({ retry: { maxAttempts: 9, initialBackoffMs: 0 } });
    const attempts: number[] = [];
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      retry: { maxAttempts: 2 },
      handler: async (m) => {
        attempts.push(m.attempt);
        throw new Error('no');
      },
    });
    await bus.publish('t', [{ key: 'k', value: 'x' }]);
    await bus.waitUntilIdle();
    expect(attempts).toEqual([1, 2]);
  });

  it('drops handled messages beyond the retained tail, never one a group has not handled', async () => {
    const bus = open({ partitions: 1, retainHandledMessages: 10 });
    const fast: string[] = [];
    await bus.subscribe({
      topic: 't',
      groupId: 'fast',
      handler: async (m) => void fast.push(m.value.toString()),
    });
    const paused = await bus.subscribe({ topic: 't', groupId: 'paused', handler: async () => undefined });
    await paused.close();

    await bus.publish(
      't',
      Array.from({ length: 200 }, (_, i) => ({ key: 'k', value: String(i) })),
    );
    await bus.waitUntilIdle();
    expect(fast).toHaveLength(200);

    const resumed: string[] = [];
    await bus.subscribe({
      topic: 't',
      groupId: 'paused',
      handler: async (m) => void resumed.push(m.value.toString()),
    });
    await bus.waitUntilIdle();
    expect(resumed).toHaveLength(200);

    await bus.publish(
      't',
      Array.from({ length: 200 }, (_, i) => ({ key: 'k', value: String(200 + i) })),
    );
    await bus.waitUntilIdle();
    const late: string[] = [];
    await bus.subscribe({
      topic: 't',
      groupId: 'late',
      fromBeginning: true,
      handler: async (m) => void late.push(m.value.toString()),
    });
    await bus.waitUntilIdle();
    expect(late.length).toBeGreaterThanOrEqual(10);
    expect(late.length).toBeLessThan(400);
    expect(late.at(-1)).toBe('399');
  });

  it('copies published buffers: later changes by the publisher or a handler do not leak', async () => {
    const bus = open();
    const payload = Buffer.from('abc');
    const seen: string[] = [];
    const mutate = async (m: ConsumedMessage) => {
      seen.push(m.value.toString());
      m.value.fill(0);
    };
    await bus.subscribe({ topic: 't', groupId: 'a', handler: mutate });
    await bus.subscribe({ topic: 't', groupId: 'b', handler: mutate });
    await bus.publish('t', [{ key: 'k', value: payload }]);
    payload.fill(0);
    await bus.waitUntilIdle();
    expect(seen).toEqual(['abc', 'abc']);
  });

  it('rejects bad input and use after close', async () => {
    const bus = open();
    await expect(bus.publish('', [{ key: 'k', value: 'v' }])).rejects.toThrow(/topic/);
    await expect(bus.publish('t', [{ key: undefined as unknown as string, value: 'v' }])).rejects.toThrow(
      /key/,
    );
    await expect(bus.subscribe({ topic: 't', groupId: '', handler: async () => undefined })).rejects.toThrow(
      /groupId/,
    );
    expect(() => new InProcessMessageBus({ partitions: 0 })).toThrow(RangeError);
    await bus.close();
    await expect(bus.publish('t', [{ key: 'k', value: 'v' }])).rejects.toThrow(/closed/);
    await bus.waitUntilIdle();
  });

  it('close() cuts a retry backoff short and stops delivery', async () => {
    const bus = open({ retry: { initialBackoffMs: 60_000, maxBackoffMs: 60_000 } });
    let attempts = 0;
    let failed!: () => void;
    const firstFailure = new Promise<void>((resolve) => (failed = resolve));
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      handler: async () => {
        attempts += 1;
        failed();
        throw new Error('down');
      },
    });
    await bus.publish('t', [{ key: 'k', value: 'v' }]);
    await firstFailure;
    const started = Date.now();
    await bus.close();
    await bus.waitUntilIdle();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(attempts).toBe(1);
  });
});

describe('retry policy', () => {
  it('merges overrides over the defaults and doubles the backoff up to the cap', () => {
    const policy = resolveRetryPolicy(undefined, { initialBackoffMs: 10 }, { maxBackoffMs: 50 });
    expect(policy).toEqual({ maxAttempts: 5, initialBackoffMs: 10, maxBackoffMs: 50 });
    expect([1, 2, 3, 4, 5].map((failed) => backoffDelay(policy, failed))).toEqual([10, 20, 40, 50, 50]);
  });

  it('rejects a policy that could never deliver', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ maxAttempts: 1.5 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ initialBackoffMs: -1 })).toThrow(RangeError);
  });
});

describe('partitionForKey', () => {
  it('is stable and within range', () => {
    for (const key of ['a', 'session-1', 'ünïcødé', '']) {
      const partition = partitionForKey(key, 7);
      expect(partition).toBe(partitionForKey(key, 7));
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(7);
    }
    const spread = new Set(Array.from({ length: 100 }, (_, i) => partitionForKey(`key-${i}`, 8)));
    expect(spread.size).toBe(8);
  });
});
