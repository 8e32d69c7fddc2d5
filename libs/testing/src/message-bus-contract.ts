import { randomUUID } from 'node:crypto';
import {
  DLQ_HEADERS,
  deadLetterTopic,
  type ConsumedMessage,
  type MessageBus,
  type MessageSubscription,
  type OutgoingMessage,
} from '@kyc/messaging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface MessageBusContractFixture {
  bus: MessageBus;
  /** Releases what the fixture opened besides the bus (the suite closes the bus itself). */
  teardown?: () => Promise<void>;
}

/**
 * The behaviour every MessageBus adapter must show (in-process, Kafka). Each test uses fresh topic and group
 * names, so the suite can share one broker with other suites.
 */
export function messageBusContract(
  adapterName: string,
  createFixture: () => Promise<MessageBusContractFixture> | MessageBusContractFixture,
): void {
  describe(`MessageBus contract: ${adapterName}`, () => {
    let fixture: MessageBusContractFixture;
    let bus: MessageBus;
    let topic: string;
    const fastRetry = { initialBackoffMs: 1, maxBackoffMs: 5 };

    beforeEach(async () => {
      fixture = await createFixture();
      bus = fixture.bus;
      topic = `contract-${randomUUID()}`;
    });

    afterEach(async () => {
      await bus.close();
      await fixture.teardown?.();
    });

    const group = (name: string) => `${name}-${randomUUID()}`;
    const text = (message: ConsumedMessage) => message.value.toString('utf8');
    const numbered = (key: string, count: number, from = 0): OutgoingMessage[] =>
      Array.from({ length: count }, (_, i) => ({ key, value: `${key}:${from + i}` }));
    /** What reaches the topic's dead-letter topic from now on. */
    const deadLetters = async () => {
      const dead: ConsumedMessage[] = [];
      await bus.subscribe({ topic: deadLetterTopic(topic), groupId: group('dlq-reader'), handler: async (m) => void dead.push(m) });
      return dead;
    };

    it('delivers key, value (as a Buffer), headers and position, never inside publish', async () => {
      const received: ConsumedMessage[] = [];
      await bus.subscribe({ topic, groupId: group('g'), handler: async (m) => void received.push(m) });

      await bus.publish(topic, [
        { key: 'k1', value: 'hello', headers: { 'content-type': 'text/plain' } },
        { key: 'k2', value: Buffer.from([0, 1, 2, 255]) },
      ]);
      expect(received).toHaveLength(0);
      await bus.waitUntilIdle();

      expect(received).toHaveLength(2);
      const first = received.find((m) => m.key === 'k1');
      const second = received.find((m) => m.key === 'k2');
      expect(first?.topic).toBe(topic);
      expect(Buffer.isBuffer(first?.value)).toBe(true);
      expect(first?.value.toString('utf8')).toBe('hello');
      expect(first?.headers['content-type']).toBe('text/plain');
      expect(first?.attempt).toBe(1);
      expect(typeof first?.offset).toBe('bigint');
      expect(Number.isInteger(first?.partition)).toBe(true);
      expect([...(second?.value ?? [])]).toEqual([0, 1, 2, 255]);
    });

    it('hands the messages of one key over in publish order, one at a time, while keys run side by side', async () => {
      const keys = Array.from({ length: 6 }, (_, i) => `key-${i}`);
      const seen = new Map<string, string[]>();
      const inFlight = new Map<string, number>();
      let overlapWithinKey = 0;
      await bus.subscribe({
        topic,
        groupId: group('ordered'),
        handler: async (m) => {
          const now = (inFlight.get(m.key) ?? 0) + 1;
          inFlight.set(m.key, now);
          if (now > 1) overlapWithinKey += 1;
          // Uneven handler durations: an adapter that does not serialise a key would reorder it here.
          await new Promise((resolve) => setTimeout(resolve, Number(m.value.toString().split(':')[1]) % 3));
          seen.set(m.key, [...(seen.get(m.key) ?? []), text(m)]);
          inFlight.set(m.key, (inFlight.get(m.key) ?? 1) - 1);
        },
      });

      for (let batch = 0; batch < 5; batch += 1) {
        const messages = keys.flatMap((key) => numbered(key, 8, batch * 8));
        await bus.publish(topic, messages);
      }
      await bus.waitUntilIdle();

      expect(overlapWithinKey).toBe(0);
      for (const key of keys) {
        expect(seen.get(key)).toEqual(Array.from({ length: 40 }, (_, i) => `${key}:${i}`));
      }
    });

    it('gives every message to each consumer group', async () => {
      const byGroup = { a: [] as string[], b: [] as string[] };
      await bus.subscribe({ topic, groupId: group('a'), handler: async (m) => void byGroup.a.push(text(m)) });
      await bus.subscribe({ topic, groupId: group('b'), handler: async (m) => void byGroup.b.push(text(m)) });

      const messages = [...numbered('x', 10), ...numbered('y', 10), ...numbered('z', 10)];
      await bus.publish(topic, messages);
      await bus.waitUntilIdle();

      const expected = messages.map((m) => String(m.value)).sort();
      expect([...byGroup.a].sort()).toEqual(expected);
      expect([...byGroup.b].sort()).toEqual(expected);
    });

    it('shares a group between its members: each message is handled by one of them', async () => {
      const handled: string[] = [];
      const handler = async (m: ConsumedMessage) => void handled.push(text(m));
      const groupId = group('shared');
      await bus.subscribe({ topic, groupId, handler });
      await bus.subscribe({ topic, groupId, handler });

      const messages = Array.from({ length: 12 }, (_, i) => numbered(`k${i}`, 3)).flat();
      await bus.publish(topic, messages);
      await bus.waitUntilIdle();

      expect([...handled].sort()).toEqual(messages.map((m) => String(m.value)).sort());
    });

    it('redelivers a message whose handler threw, before the next message of its key', async () => {
      const log: string[] = [];
      let failures = 0;
      await bus.subscribe({
        topic,
        groupId: group('retry'),
        retry: fastRetry,
        handler: async (m) => {
          log.push(`${text(m)}#${m.attempt}`);
          if (text(m) === 'k:0' && failures < 2) {
            failures += 1;
            throw new Error('transient');
          }
        },
      });

      await bus.publish(topic, numbered('k', 2));
      await bus.waitUntilIdle();

      expect(log).toEqual(['k:0#1', 'k:0#2', 'k:0#3', 'k:1#1']);
    });

    it('moves a message to <topic>.dlq after maxAttempts failures and goes on with its partition', async () => {
      const attempts: number[] = [];
      const handled: string[] = [];
      const dead = await deadLetters();
      const groupId = group('poison');
      await bus.subscribe({
        topic,
        groupId,
        retry: { ...fastRetry, maxAttempts: 3 },
        handler: async (m) => {
          if (text(m) === 'poison') {
            attempts.push(m.attempt);
            throw new Error('cannot parse');
          }
          handled.push(text(m));
        },
      });

      await bus.publish(topic, [
        { key: 'same', value: 'poison', headers: { trace: 't-1' } },
        { key: 'same', value: 'after' },
      ]);
      await bus.waitUntilIdle();

      expect(attempts).toEqual([1, 2, 3]);
      expect(handled).toEqual(['after']);
      expect(dead).toHaveLength(1);
      const [letter] = dead;
      expect(letter.key).toBe('same');
      expect(text(letter)).toBe('poison');
      expect(letter.headers.trace).toBe('t-1');
      expect(letter.headers[DLQ_HEADERS.originalTopic]).toBe(topic);
      expect(letter.headers[DLQ_HEADERS.groupId]).toBe(groupId);
      expect(letter.headers[DLQ_HEADERS.attempts]).toBe('3');
      expect(letter.headers[DLQ_HEADERS.errorMessage]).toBe('cannot parse');
      expect(letter.headers[DLQ_HEADERS.originalPartition]).toMatch(/^\d+$/);
      expect(letter.headers[DLQ_HEADERS.originalOffset]).toMatch(/^\d+$/);
    });

    it('hands a batch handler runs of one partition in order, at most maxMessages each', async () => {
      const batches: ConsumedMessage[][] = [];
      await bus.subscribe({
        topic,
        groupId: group('batched'),
        batch: { maxMessages: 10, handler: async (messages) => void batches.push(messages) },
      });

      const keys = ['p', 'q', 'r'];
      await bus.publish(topic, keys.flatMap((key) => numbered(key, 40)));
      await bus.waitUntilIdle();

      const sizes = batches.map((batch) => batch.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
      // Published in one call, the messages are all there when delivery starts: they come in batches.
      expect(Math.max(...sizes)).toBeGreaterThan(1);
      for (const batch of batches) {
        expect(new Set(batch.map((m) => m.partition)).size).toBe(1);
        expect(new Set(batch.map((m) => m.attempt))).toEqual(new Set([1]));
      }
      const delivered = batches.flat();
      for (const key of keys) {
        expect(delivered.filter((m) => m.key === key).map(text)).toEqual(numbered(key, 40).map((m) => String(m.value)));
      }
    });

    it('splits a batch that throws: its messages go again one at a time and only the poison one is dead-lettered', async () => {
      const committed: string[] = [];
      const poisonAttempts: number[] = [];
      const dead = await deadLetters();
      await bus.subscribe({
        topic,
        groupId: group('batch-poison'),
        retry: { ...fastRetry, maxAttempts: 2 },
        batch: {
          handler: async (messages) => {
            const poison = messages.find((m) => text(m) === 'poison');
            // All or nothing, like one transaction per batch.
            if (poison) {
              poisonAttempts.push(poison.attempt);
              throw new Error('cannot parse');
            }
            committed.push(...messages.map(text));
          },
        },
      });

      await bus.publish(topic, [...numbered('same', 2), { key: 'same', value: 'poison' }, ...numbered('same', 2, 2)]);
      await bus.waitUntilIdle();

      expect(committed).toEqual(['same:0', 'same:1', 'same:2', 'same:3']);
      expect(dead.map(text)).toEqual(['poison']);
      // Two failures of its own, after the failed batch attempt (if it came in one).
      const last = poisonAttempts[poisonAttempts.length - 1];
      expect(poisonAttempts.slice(-2)).toEqual([last - 1, last]);
      expect(dead[0].headers[DLQ_HEADERS.attempts]).toBe(String(last));
    });

    it('refuses a subscription without exactly one handler, or with a batch size below one', async () => {
      const handler = async () => undefined;
      await expect(bus.subscribe({ topic, groupId: group('none') } as never)).rejects.toThrow(TypeError);
      await expect(
        bus.subscribe({ topic, groupId: group('both'), handler, batch: { handler } } as never),
      ).rejects.toThrow(TypeError);
      await expect(
        bus.subscribe({ topic, groupId: group('empty'), batch: { handler, maxMessages: 0 } }),
      ).rejects.toThrow(/maxMessages/);
    });

    it('stops delivering to a closed subscription; the group resumes after its last handled message', async () => {
      const first: string[] = [];
      const second: string[] = [];
      const groupId = group('closing');
      const subscription = await bus.subscribe({
        topic,
        groupId,
        handler: async (m) => void first.push(text(m)),
      });
      await bus.publish(topic, numbered('k', 2));
      await bus.waitUntilIdle();
      await subscription.close();

      await bus.publish(topic, numbered('k', 3, 2));
      await bus.waitUntilIdle();
      expect(first).toEqual(['k:0', 'k:1']);

      await bus.subscribe({ topic, groupId, handler: async (m) => void second.push(text(m)) });
      await bus.waitUntilIdle();
      expect(first).toEqual(['k:0', 'k:1']);
      expect(second).toEqual(['k:2', 'k:3', 'k:4']);
    });

    it('close() waits for the handler in flight', async () => {
      let entered!: () => void;
      const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
      let release!: () => void;
      const handlerReleased = new Promise<void>((resolve) => (release = resolve));
      let finished = false;
      const subscription: MessageSubscription = await bus.subscribe({
        topic,
        groupId: group('inflight'),
        handler: async () => {
          entered();
          await handlerReleased;
          finished = true;
        },
      });
      await bus.publish(topic, numbered('k', 1));
      await handlerEntered;

      let closed = false;
      const closing = subscription.close().then(() => (closed = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(closed).toBe(false);
      release();
      await closing;
      expect(finished).toBe(true);
    });

    it('starts a new group at the oldest message with fromBeginning, else after the newest', async () => {
      await bus.publish(topic, numbered('k', 3));
      const early: string[] = [];
      const late: string[] = [];
      await bus.subscribe({
        topic,
        groupId: group('early'),
        fromBeginning: true,
        handler: async (m) => void early.push(text(m)),
      });
      await bus.subscribe({ topic, groupId: group('late'), handler: async (m) => void late.push(text(m)) });
      await bus.publish(topic, numbered('k', 1, 3));
      await bus.waitUntilIdle();

      expect(early).toEqual(['k:0', 'k:1', 'k:2', 'k:3']);
      expect(late).toEqual(['k:3']);
    });

    it('waitUntilIdle covers slow handlers and what handlers publish in turn', async () => {
      const downstream = `${topic}-downstream`;
      const handled: string[] = [];
      const forwarded: string[] = [];
      await bus.subscribe({
        topic,
        groupId: group('slow'),
        handler: async (m) => {
          await new Promise((resolve) => setTimeout(resolve, 2));
          handled.push(text(m));
          await bus.publish(downstream, [{ key: m.key, value: `fwd ${text(m)}` }]);
        },
      });
      await bus.subscribe({
        topic: downstream,
        groupId: group('down'),
        handler: async (m) => void forwarded.push(text(m)),
      });

      await bus.publish(topic, [...numbered('a', 10), ...numbered('b', 10)]);
      await bus.waitUntilIdle();

      expect(handled).toHaveLength(20);
      expect(forwarded).toHaveLength(20);
      expect(forwarded.filter((v) => v.startsWith('fwd a:'))).toEqual(
        Array.from({ length: 10 }, (_, i) => `fwd a:${i}`),
      );
    });
  });
}
