import { randomUUID } from 'node:crypto';
import {
  VersionConflictError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
} from '@kyc/event-store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

/** How long a test waits for events to become readable before it fails. */
const PROGRESS_TIMEOUT_MS = 15_000;

const metadata = (): EventMetadata => ({
  correlation_id: randomUUID(),
  causation_id: null,
  actor: { type: 'system', id: 'event-store-contract' },
  tenant_id: 'tenant-contract',
  occurred_at: new Date().toISOString(),
  schema_version: 1,
});

/** A new event with a fresh id and plausible metadata, for tests of EventStore adapters. */
export const eventStoreTestEvent = (type = 'ContractEventHappened', data: unknown = { n: Math.random() }): NewEvent => ({
  event_id: randomUUID(),
  type,
  data,
  metadata: metadata(),
});

const events = (count: number, label = 'e'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => eventStoreTestEvent('ContractEventHappened', { label, i }));

/** Stream ids unique per run: the suite works on a store that other tests (or runs) may share. */
const newStream = (label: string) => `contract_${label}-${randomUUID()}`;

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + PROGRESS_TIMEOUT_MS;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick();
  }
}

/**
 * Pages through readAll from `from` (checking each page's order) until `count` events of `streams` were seen;
 * a store may hold an event back until earlier writes settle, so this waits for them.
 */
async function readOwn(store: EventStore, from: bigint, streams: Set<string>, count: number, pageSize = 50): Promise<RecordedEvent[]> {
  const own: RecordedEvent[] = [];
  let position = from;
  return eventually(`${count} events of ${streams.size} stream(s) in readAll`, async () => {
    const page = await store.readAll(position, pageSize);
    for (const event of page) {
      expect(typeof event.position).toBe('bigint');
      expect(event.position > position).toBe(true);
      position = event.position;
      if (streams.has(event.stream_id)) own.push(event);
    }
    return own.length >= count ? own : undefined;
  });
}

interface Collector {
  events: RecordedEvent[];
  subscription: Subscription;
  errors: unknown[];
  waitFor(count: number): Promise<void>;
}

function collect(store: EventStore, from: bigint, streams: Set<string>, handler?: (event: RecordedEvent) => Promise<void>): Collector {
  const received: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const subscription = store.subscribeToAll({
    from,
    handler: async (event) => {
      if (!streams.has(event.stream_id)) return;
      await handler?.(event);
      received.push(event);
    },
    onError: (error) => errors.push(error),
  });
  return {
    events: received,
    subscription,
    errors,
    waitFor: (count) => eventually(`${count} delivered events`, async () => (received.length >= count ? true : undefined)).then(() => undefined),
  };
}

interface BatchCollector {
  /** Events of the watched streams from the batches whose handler call succeeded, in delivery order. */
  events: RecordedEvent[];
  batchSizes: number[];
  subscription: Subscription;
  errors: unknown[];
  waitFor(count: number): Promise<void>;
}

function collectBatches(
  store: EventStore,
  from: bigint,
  streams: Set<string>,
  beforeAccept?: (own: RecordedEvent[]) => Promise<void>,
): BatchCollector {
  const received: RecordedEvent[] = [];
  const batchSizes: number[] = [];
  const errors: unknown[] = [];
  const subscription = store.subscribeToAll({
    from,
    batchHandler: async (batch) => {
      const own = batch.filter((event) => streams.has(event.stream_id));
      await beforeAccept?.(own);
      batchSizes.push(batch.length);
      received.push(...own);
    },
    onError: (error) => errors.push(error),
  });
  return {
    events: received,
    batchSizes,
    subscription,
    errors,
    waitFor: (count) => eventually(`${count} events in batches`, async () => (received.length >= count ? true : undefined)).then(() => undefined),
  };
}

const ids = (list: { event_id: string }[]) => list.map((event) => event.event_id);

function expectIncreasing(positions: bigint[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i] > positions[i - 1]).toBe(true);
}

/**
 * The behaviour every EventStore adapter must show. `makeStore` is called once for the suite; the tests
 * only assume that no one else writes to the streams they create, so a shared server is fine.
 */
export function eventStoreContract(name: string, makeStore: () => Promise<EventStoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: (() => Promise<void>) | undefined;
    const subscriptions: Subscription[] = [];

    beforeAll(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
    });
    afterAll(async () => {
      await cleanup?.();
    });

    const subscribe = (...args: Parameters<typeof collect>) => {
      const collector = collect(...args);
      subscriptions.push(collector.subscription);
      return collector;
    };

    describe('append and readStream', () => {
      it('round-trips events with versions 1..n and increasing bigint positions', async () => {
        const stream = newStream('roundtrip');
        const written = [
          eventStoreTestEvent('First', { nested: { list: [1, 'two', null, true] }, text: 'quotes \' " and \\ and ünïcødé' }),
          eventStoreTestEvent('Second', []),
          eventStoreTestEvent('Third', null),
        ];
        const result = await store.append(stream, written, 0);
        expect(result.version).toBe(3);
        expect(typeof result.position).toBe('bigint');

        const read = await store.readStream(stream);
        expect(read.map(({ event_id, type, data, metadata }) => ({ event_id, type, data, metadata }))).toEqual(written);
        expect(read.map((event) => event.stream_id)).toEqual([stream, stream, stream]);
        expect(read.map((event) => event.version)).toEqual([1, 2, 3]);
        read.forEach((event) => expect(typeof event.position).toBe('bigint'));
        expectIncreasing(read.map((event) => event.position));
        expect(read[2].position).toBe(result.position);
      });

      it('continues the versions across appends', async () => {
        const stream = newStream('continue');
        await store.append(stream, events(2), 0);
        const result = await store.append(stream, events(3), 2);
        expect(result.version).toBe(5);
        expect((await store.readStream(stream)).map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(newStream('unknown'))).toEqual([]);
      });

      it('keeps streams apart', async () => {
        const a = newStream('a');
        const b = newStream('b');
        const [toA, toB] = [events(2, 'a'), events(1, 'b')];
        await store.append(a, toA, 0);
        await store.append(b, toB, 0);
        expect(ids(await store.readStream(a))).toEqual(ids(toA));
        expect(ids(await store.readStream(b))).toEqual(ids(toB));
        expect((await store.readStream(b))[0].version).toBe(1);
      });
    });

    describe('expected version', () => {
      it('reads several streams at once, each as readStream reads it', async () => {
        const [a, b, unknown] = [newStream('many-a'), newStream('many-b'), newStream('many-none')];
        await store.append(a, events(3, 'a'), 0);
        await store.append(b, events(2, 'b'), 0);
        await store.append(a, events(1, 'a2'), 3);

        const read = await store.readStreams([b, a, unknown, a]);

        expect([...read.keys()].sort()).toEqual([a, b, unknown].sort());
        expect(read.get(a)).toEqual(await store.readStream(a));
        expect(read.get(a)?.map((event) => event.version)).toEqual([1, 2, 3, 4]);
        expect(read.get(b)).toEqual(await store.readStream(b));
        expect(read.get(unknown)).toEqual([]);
        expect((await store.readStreams([])).size).toBe(0);
      });

      it('rejects 0 on an existing stream and writes nothing', async () => {
        const stream = newStream('exists');
        await store.append(stream, events(2), 0);
        const error = await store.append(stream, events(1), 0).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 2 });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('rejects a stale version and one ahead of the stream', async () => {
        const stream = newStream('stale');
        await store.append(stream, events(2), 0);
        await store.append(stream, events(1), 2);
        await expect(store.append(stream, events(1), 2)).rejects.toMatchObject({ expected: 2, actual: 3 });
        await expect(store.append(stream, events(1), 5)).rejects.toBeInstanceOf(VersionConflictError);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('rejects a version above 0 on a stream that does not exist', async () => {
        const stream = newStream('missing');
        await expect(store.append(stream, events(1), 1)).rejects.toMatchObject({ streamId: stream, expected: 1, actual: 0 });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it("appends with 'any' to a new and to an existing stream", async () => {
        const stream = newStream('any');
        expect((await store.append(stream, events(2), 'any')).version).toBe(2);
        expect((await store.append(stream, events(1), 'any')).version).toBe(3);
        expect((await store.readStream(stream)).map((event) => event.version)).toEqual([1, 2, 3]);
      });

      it('treats appending no events as a no-op that reports the current version', async () => {
        const stream = newStream('empty');
        await store.append(stream, events(2), 0);
        expect((await store.append(stream, [], 'any')).version).toBe(2);
        expect((await store.append(stream, [], 2)).version).toBe(2);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('event ids', () => {
      it('never stores an event id twice when an append is repeated', async () => {
        const stream = newStream('dedupe');
        const event = eventStoreTestEvent();
        await store.append(stream, [event], 0);
        // Rejecting the repeat or accepting it idempotently are both fine; a second copy is not.
        await store.append(stream, [event], 'any').catch(() => undefined);
        const read = await store.readStream(stream);
        expect(ids(read).filter((id) => id === event.event_id)).toHaveLength(1);
      });
    });

    describe('readAll', () => {
      it('returns events after `from` in global order, `limit` at a time', async () => {
        const from = await store.headPosition();
        const streams = [newStream('ra1'), newStream('ra2'), newStream('ra3')];
        const written: NewEvent[] = [];
        for (let round = 0; round < 3; round++) {
          for (const [index, stream] of streams.entries()) {
            const batch = events(index + 1, `${round}`);
            await store.append(stream, batch, 'any');
            written.push(...batch);
          }
        }
        const own = await readOwn(store, from, new Set(streams), written.length);
        expect(ids(own)).toEqual(ids(written));
        expectIncreasing(own.map((event) => event.position));

        // Paging with a small limit from each page's last position yields the same sequence.
        const paged: RecordedEvent[] = [];
        let position = from;
        while (paged.filter((event) => streams.includes(event.stream_id)).length < written.length) {
          const page = await store.readAll(position, 2);
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(2);
          paged.push(...page);
          position = page[page.length - 1].position;
        }
        expect(ids(paged.filter((event) => streams.includes(event.stream_id)))).toEqual(ids(written));
      });

      it('starts after `from` (exclusive) and returns nothing past the head', async () => {
        const stream = newStream('from');
        await store.append(stream, events(3), 0);
        const [first, second, third] = await readOwn(store, 0n, new Set([stream]), 3, 1_000);
        const afterFirst = (await store.readAll(first.position, 1_000)).filter((event) => event.stream_id === stream);
        expect(ids(afterFirst)).toEqual(ids([second, third]));
        const afterThird = (await store.readAll(third.position, 1_000)).filter((event) => event.stream_id === stream);
        expect(afterThird).toEqual([]);
        const head = await store.headPosition();
        expect(typeof head).toBe('bigint');
        expect(head >= third.position).toBe(true);
        expect(await store.readAll(head + 1_000_000n, 10)).toEqual([]);
      });

      it('reports a head position that covers every appended event', async () => {
        const stream = newStream('head');
        const { position } = await store.append(stream, events(2), 0);
        const head = await eventually('the head to reach the append', async () => {
          const current = await store.headPosition();
          return current >= position ? current : undefined;
        });
        expect(typeof head).toBe('bigint');
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of 20 writers with the same expected version win', async () => {
        const stream = newStream('race');
        await store.append(stream, events(2), 0);
        const attempts = Array.from({ length: 20 }, () => [eventStoreTestEvent('Raced')]);
        const results = await Promise.allSettled(attempts.map((batch) => store.append(stream, batch, 2)));
        const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
        expect(won).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') {
            expect(result.reason).toBeInstanceOf(VersionConflictError);
            expect(result.reason).toMatchObject({ streamId: stream, expected: 2, actual: 3 });
          }
        }
        const read = await store.readStream(stream);
        expect(read.map((event) => event.version)).toEqual([1, 2, 3]);
        expect(read[2].event_id).toBe(attempts[won[0]][0].event_id);
      });

      it("serialises 20 concurrent 'any' writers into one gap-free sequence", async () => {
        const stream = newStream('any-race');
        const batches = Array.from({ length: 20 }, (_, i) => events(2, `w${i}`));
        await Promise.all(batches.map((batch) => store.append(stream, batch, 'any')));
        const read = await store.readStream(stream);
        expect(read.map((event) => event.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        const versionOf = new Map(read.map((event) => [event.event_id, event.version]));
        for (const [first, second] of batches) {
          // Each append is atomic: its events are adjacent.
          expect(versionOf.get(second.event_id)).toBe(versionOf.get(first.event_id)! + 1);
        }
        expectIncreasing(read.map((event) => event.position));
      });

      it('shows concurrent appends to many streams in readAll once each, in position order', async () => {
        const from = await store.headPosition();
        const streams = Array.from({ length: 30 }, (_, i) => newStream(`many${i}`));
        const written = new Map<string, NewEvent[]>();
        await Promise.all(
          streams.map(async (stream) => {
            const all: NewEvent[] = [];
            for (let round = 0; round < 3; round++) {
              const batch = events(2, `${round}`);
              await store.append(stream, batch, round * 2);
              all.push(...batch);
            }
            written.set(stream, all);
          }),
        );
        const total = streams.length * 6;
        const own = await readOwn(store, from, new Set(streams), total);
        expect(own).toHaveLength(total);
        expect(new Set(ids(own)).size).toBe(total);
        expectIncreasing(own.map((event) => event.position));
        for (const stream of streams) {
          const inStream = own.filter((event) => event.stream_id === stream);
          expect(ids(inStream)).toEqual(ids(written.get(stream)!));
          expect(inStream.map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6]);
        }
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then delivers live events in order', async () => {
        const from = await store.headPosition();
        const stream = newStream('sub');
        const before = events(3, 'before');
        await store.append(stream, before, 0);
        const collector = subscribe(store, from, new Set([stream]));
        await collector.waitFor(3);
        const live = events(2, 'live');
        await store.append(stream, live, 3);
        await collector.waitFor(5);
        expect(ids(collector.events)).toEqual(ids([...before, ...live]));
        expect(collector.events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
        collector.events.forEach((event) => expect(typeof event.position).toBe('bigint'));
        expectIncreasing(collector.events.map((event) => event.position));
        expect(collector.errors).toEqual([]);
      });

      it('resumes after a checkpoint without repeating or skipping', async () => {
        const from = await store.headPosition();
        const stream = newStream('resume');
        const first = events(3, 'first');
        await store.append(stream, first, 0);
        const one = subscribe(store, from, new Set([stream]));
        await one.waitFor(3);
        await one.subscription.close();
        const checkpoint = one.events[1].position;

        const later = events(2, 'later');
        await store.append(stream, later, 3);
        const two = subscribe(store, checkpoint, new Set([stream]));
        await two.waitFor(3);
        expect(ids(two.events)).toEqual(ids([first[2], ...later]));
      });

      it('awaits each handler before delivering the next event', async () => {
        const from = await store.headPosition();
        const stream = newStream('serial');
        await store.append(stream, events(5), 0);
        let running = 0;
        let most = 0;
        const collector = subscribe(store, from, new Set([stream]), async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 2));
          running -= 1;
        });
        await collector.waitFor(5);
        expect(most).toBe(1);
      });

      it('resolves close() only after the handler in flight returned, and delivers nothing after', async () => {
        const from = await store.headPosition();
        const stream = newStream('close');
        await store.append(stream, events(1), 0);
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let entered!: () => void;
        const inHandler = new Promise<void>((resolve) => (entered = resolve));
        let finished = 0;
        const collector = subscribe(store, from, new Set([stream]), async () => {
          entered();
          await gate;
          finished += 1;
        });
        await inHandler;
        let closed = false;
        const closing = collector.subscription.close().then(() => (closed = true));
        for (let i = 0; i < 5; i++) await tick();
        expect(closed).toBe(false);
        release();
        await closing;
        expect(finished).toBe(1);

        // Progress of a second subscription proves the appended event was deliverable; the closed one got none.
        await store.append(stream, events(1), 1);
        const witness = subscribe(store, from, new Set([stream]));
        await witness.waitFor(2);
        expect(collector.events).toHaveLength(1);
        expect(finished).toBe(1);
      });

      it('hands a batch handler non-empty batches in order, catching up then live', async () => {
        const from = await store.headPosition();
        const stream = newStream('batches');
        const before = events(4, 'before');
        await store.append(stream, before, 0);
        const collector = collectBatches(store, from, new Set([stream]));
        subscriptions.push(collector.subscription);
        await collector.waitFor(4);
        const live = events(3, 'live');
        await store.append(stream, live, 4);
        await collector.waitFor(7);
        expect(ids(collector.events)).toEqual(ids([...before, ...live]));
        expectIncreasing(collector.events.map((event) => event.position));
        expect(collector.batchSizes.every((size) => size > 0)).toBe(true);
        expect(collector.errors).toEqual([]);
      });

      it('retries a failed batch whole, from the last delivered position', async () => {
        const from = await store.headPosition();
        const stream = newStream('batch-retry');
        const [first, ...rest] = events(3);
        await store.append(stream, [first], 0);
        let failuresLeft = 1;
        const collector = collectBatches(store, from, new Set([stream]), async (own) => {
          if (failuresLeft > 0 && own.some((event) => event.version === 2)) {
            failuresLeft -= 1;
            throw new Error('batch failed on purpose');
          }
        });
        subscriptions.push(collector.subscription);
        await collector.waitFor(1);
        await store.append(stream, rest, 1);
        await collector.waitFor(3);
        expect(ids(collector.events)).toEqual(ids([first, ...rest]));
        expect(collector.errors.map(String)).toEqual(['Error: batch failed on purpose']);
      });

      it('retries a failing handler from the last delivered event without skipping', async () => {
        const from = await store.headPosition();
        const stream = newStream('retry');
        const written = events(3);
        await store.append(stream, written, 0);
        let failuresLeft = 2;
        const attempts: string[] = [];
        const collector = subscribe(store, from, new Set([stream]), async (event) => {
          attempts.push(event.event_id);
          if (event.version === 2 && failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('handler failed on purpose');
          }
        });
        await collector.waitFor(3);
        expect(ids(collector.events)).toEqual(ids(written));
        expect(attempts).toEqual([written[0], written[1], written[1], written[1], written[2]].map((event) => event.event_id));
        expect(collector.errors).toHaveLength(2);
        expect(String(collector.errors[0])).toContain('handler failed on purpose');
      });
    });
  });
}
