import { randomUUID } from 'node:crypto';
import { START, UnavailableError } from '@eventstore/db-client';
import { eventStoreTestEvent } from '@kyc/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { DuplicateEventIdError } from '../duplicate-event-id.error';
import { VersionConflictError, type RecordedEvent, type Subscription } from '../event-store.port';
import { readToEnd } from './eventstoredb-client';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store';
import { SubscriptionEndedError } from './resubscribing-subscription';
import { InMemoryEventStoreDbClient } from './testing/in-memory-eventstoredb-client';

/*
 * The store's own logic on a stand-in for the server (see InMemoryEventStoreDbClient). Whether it holds on
 * EventStoreDB itself is what eventstoredb-event-store.contract.spec.ts checks, where a server is reachable.
 */

const WAIT_MS = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1);
  }
}

const ids = (events: { event_id: string }[]) => events.map((event) => event.event_id);
const events = (count: number) => Array.from({ length: count }, () => eventStoreTestEvent());

describe('EventStoreDbEventStore (on an in-memory stand-in for the server)', () => {
  let client: InMemoryEventStoreDbClient;
  const stores: EventStoreDbEventStore[] = [];
  const open = (options?: EventStoreDbEventStoreOptions) => {
    client = new InMemoryEventStoreDbClient();
    const store = new EventStoreDbEventStore(client, {
      subscriptions: { initialBackoffMs: 5, maxBackoffMs: 20 },
      ...options,
    });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  describe('append and readStream', () => {
    it('appends with the expected revision and reads the events back with the positions of $all', async () => {
      const store = open();
      const written = [
        eventStoreTestEvent('First', { n: 1 }),
        eventStoreTestEvent('Second', null),
        eventStoreTestEvent('Third', []),
      ];
      const first = await store.append('session-1', written.slice(0, 1), 0);
      const rest = await store.append('session-1', written.slice(1), 1);
      expect(first.version).toBe(1);
      expect(rest.version).toBe(3);

      const read = await store.readStream('session-1');
      expect(read.map(({ event_id, type, data, metadata }) => ({ event_id, type, data, metadata }))).toEqual(
        written,
      );
      expect(read.map((event) => event.version)).toEqual([1, 2, 3]);
      expect(read[0].position).toBe(first.position);
      expect(read[2].position).toBe(rest.position);
      const all = await readToEnd(client.readAll({ fromPosition: START }));
      expect(all.map((resolved) => resolved.event!.position.commit)).toEqual(
        read.map((event) => event.position),
      );
    });

    it("stores EventStoreDB's $correlationId and $causationId with our metadata", async () => {
      const store = open();
      const event = eventStoreTestEvent();
      const caused = {
        ...eventStoreTestEvent(),
        metadata: { ...event.metadata, causation_id: event.event_id },
      };
      await store.append('session-1', [event, caused], 0);
      const [raw] = await readToEnd(client.readAll({ fromPosition: START }));
      expect(raw.event!.metadata).toEqual({
        ...event.metadata,
        $correlationId: event.metadata.correlation_id,
      });
      const [, rawCaused] = await readToEnd(client.readAll({ fromPosition: START }));
      expect(rawCaused.event!.metadata).toMatchObject({ $causationId: event.event_id });
    });

    it("refuses a version the stream is not at, with the stream's version, and writes nothing", async () => {
      const store = open();
      await store.append('session-1', events(2), 0);
      const stale = await store.append('session-1', events(1), 0).catch((error: unknown) => error);
      expect(stale).toBeInstanceOf(VersionConflictError);
      expect(stale).toMatchObject({ streamId: 'session-1', expected: 0, actual: 2 });
      await expect(store.append('session-1', events(1), 5)).rejects.toMatchObject({ expected: 5, actual: 2 });
      await expect(store.append('session-2', events(1), 1)).rejects.toMatchObject({ expected: 1, actual: 0 });
      expect(await store.readStream('session-1')).toHaveLength(2);
      expect(await store.readStream('session-2')).toEqual([]);
    });

    it("acknowledges an exact repeat idempotently and refuses a partial one with 'any', storing no copy", async () => {
      const store = open();
      const [a, b, c] = events(3);
      const original = await store.append('session-1', [a, b], 0);
      expect(await store.append('session-1', [a, b], 'any')).toEqual(original);
      expect(await store.append('session-1', [a, b], 0)).toEqual(original);

      const partial = await store.append('session-1', [a, c], 'any').catch((error: unknown) => error);
      expect(partial).toBeInstanceOf(DuplicateEventIdError);
      expect(partial).toMatchObject({ streamId: 'session-1', eventIds: [a.event_id] });
      expect(ids(await store.readStream('session-1'))).toEqual(ids([a, b]));
    });

    it('refuses a batch that repeats an event id and writes nothing', async () => {
      const store = open();
      const event = eventStoreTestEvent();
      await expect(
        store.append('session-1', [event, eventStoreTestEvent(), event], 'any'),
      ).rejects.toMatchObject({
        name: 'DuplicateEventIdError',
        eventIds: [event.event_id],
      });
      expect(await store.readStream('session-1')).toEqual([]);
    });

    it('refuses ids, types and streams EventStoreDB would not give back as they were', async () => {
      const store = open({ streamPrefixes: ['session-'] });
      const event = eventStoreTestEvent();
      await expect(
        store.append('session-1', [{ ...event, event_id: event.event_id.toUpperCase() }], 0),
      ).rejects.toThrow(/lower case/);
      await expect(store.append('session-1', [{ ...event, event_id: 'evt-1' }], 0)).rejects.toThrow(
        RangeError,
      );
      await expect(store.append('session-1', [{ ...event, type: '$Internal' }], 0)).rejects.toThrow(/'\$'/);
      await expect(store.append('$settings', [event], 'any')).rejects.toThrow(
        /not one of this store's streams/,
      );
      await expect(store.append('billing-1', [event], 0)).rejects.toThrow(/streamPrefixes/);
      await expect(store.append('', [event], 0)).rejects.toThrow(RangeError);
      await expect(store.append('session-1', [event], -1)).rejects.toThrow(RangeError);
      expect(await readToEnd(client.readAll({ fromPosition: START }))).toEqual([]);
    });

    it('checks the expected version of an empty append and reports the current one', async () => {
      const store = open();
      expect(await store.append('session-1', [], 0)).toEqual({ version: 0, position: 0n });
      const appended = await store.append('session-1', events(2), 0);
      expect(await store.append('session-1', [], 2)).toEqual(appended);
      expect(await store.append('session-1', [], 'any')).toEqual(appended);
      await expect(store.append('session-1', [], 1)).rejects.toMatchObject({
        name: 'VersionConflictError',
        actual: 2,
      });
    });

    it('finds the position of the last event when the server answers without one', async () => {
      const store = open();
      client.answerWithoutPosition = true;
      const { position } = await store.append('session-1', events(3), 0);
      const read = await store.readStream('session-1');
      expect(position).toBe(read[2].position);
    });

    it('reads a stream that does not exist as empty', async () => {
      expect(await open().readStream('session-unknown')).toEqual([]);
    });
  });

  describe('readAll and headPosition', () => {
    it("returns this store's events after `from`, reading past other events, `limit` at a time", async () => {
      const store = open({ streamPrefixes: ['session-'] });
      const own: string[] = [];
      for (let round = 0; round < 4; round++) {
        client.appendSystemEvent();
        const batch = events(2);
        await store.append(`session-${round % 2}`, batch, 'any');
        own.push(...ids(batch));
        await client.appendToStream(
          'billing-1',
          [
            {
              id: randomUUID(),
              contentType: 'application/json',
              type: 'Other',
              data: {},
              metadata: undefined,
            },
          ],
          {},
        );
        client.appendSystemEvent('$ce-session', '$>');
      }
      const all = await store.readAll(0n, 100);
      expect(ids(all)).toEqual(own);
      expect(all.every((event) => event.stream_id.startsWith('session-'))).toBe(true);

      const paged: RecordedEvent[] = [];
      let from = 0n;
      for (;;) {
        const page = await store.readAll(from, 3);
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(3);
        paged.push(...page);
        from = page[page.length - 1].position;
      }
      expect(ids(paged)).toEqual(own);

      expect(ids(await store.readAll(all[2].position, 100))).toEqual(own.slice(3));
      expect(await store.readAll(all[all.length - 1].position, 100)).toEqual([]);
      expect(await store.readAll(all[all.length - 1].position + 1_000_000n, 10)).toEqual([]);
    });

    it('refuses a `from` or a limit that is not one', async () => {
      const store = open();
      await expect(store.readAll(-1n, 10)).rejects.toThrow(RangeError);
      await expect(store.readAll(0n, 0)).rejects.toThrow(RangeError);
    });

    it("reports the newest event of this store's as the head, past many newer events of others", async () => {
      const store = open();
      expect(await store.headPosition()).toBe(0n);
      client.appendSystemEvent();
      expect(await store.headPosition()).toBe(0n);
      const { position } = await store.append('session-1', events(2), 0);
      for (let i = 0; i < 150; i++) client.appendSystemEvent();
      expect(await store.headPosition()).toBe(position);
      expect(await store.readAll(position, 10)).toEqual([]);
    });
  });

  describe('subscribeToAll', () => {
    const subscriptions: Subscription[] = [];
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
    });

    it("delivers this store's events after `from` and subscribes again from the last one delivered when dropped", async () => {
      const store = open();
      const before = events(3);
      await store.append('session-1', before, 0);
      const from = (await store.readStream('session-1'))[0].position;
      const seen: RecordedEvent[] = [];
      const errors: unknown[] = [];
      subscriptions.push(
        store.subscribeToAll({
          from,
          handler: async (event) => void seen.push(event),
          onError: (error) => errors.push(error),
        }),
      );
      client.appendSystemEvent();
      await until('the catch-up', () => seen.length === 2);
      expect(client.subscriptionStarts).toEqual([{ commit: from, prepare: from }]);

      client.dropSubscriptions();
      const live = events(2);
      await store.append('session-1', live, 3);
      await until('the live events', () => seen.length === 4);
      client.endSubscriptions();
      const last = events(1);
      await store.append('session-2', last, 0);
      await until('the event after the end', () => seen.length === 5);

      expect(ids(seen)).toEqual(ids([...before.slice(1), ...live, ...last]));
      expect(errors).toHaveLength(2);
      expect(errors[0]).toBeInstanceOf(UnavailableError);
      expect(errors[1]).toBeInstanceOf(SubscriptionEndedError);
      const resumedFrom = seen[1].position;
      expect(client.subscriptionStarts.slice(1, 2)).toEqual([{ commit: resumedFrom, prepare: resumedFrom }]);
      expect(client.openSubscriptions).toBe(1);
    });

    it('asks the server for the selected streams only, from the start for 0n', async () => {
      const store = open({ streamPrefixes: ['session-'] });
      const batches: string[][] = [];
      subscriptions.push(
        store.subscribeToAll({ from: 0n, batchHandler: async (batch) => void batches.push(ids(batch)) }),
      );
      await client.appendToStream(
        'billing-1',
        [{ id: randomUUID(), contentType: 'application/json', type: 'Other', data: {}, metadata: undefined }],
        {},
      );
      const own = events(2);
      await store.append('session-1', own, 0);
      await until('the events', () => batches.flat().length === 2);
      expect(batches.flat()).toEqual(ids(own));
      expect(client.subscriptionStarts).toEqual([START]);
    });
  });

  it('closes its subscriptions, then disposes of the client, and takes no new ones', async () => {
    const store = open();
    const subscription = store.subscribeToAll({ from: 0n, handler: async () => undefined });
    await until('the subscription', () => client.openSubscriptions === 1);
    await store.close();
    expect(client.disposed).toBe(true);
    expect(client.openSubscriptions).toBe(0);
    await subscription.close();
    expect(() => store.subscribeToAll({ from: 0n, handler: async () => undefined })).toThrow(/closed/);
    await store.close();
  });
});
