import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedEvent, SubscribeOptions } from '../event-store.port';
import type { EventFeed } from './feed-buffer';
import {
  ResubscribingSubscription,
  SubscriptionEndedError,
  type ResubscribeTiming,
} from './resubscribing-subscription';

const WAIT_MS = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1);
  }
}

type Item = { event: RecordedEvent } | { error: unknown } | { end: true };

/** One server subscription, fed by the test: events, then maybe a failure or an end. */
class ScriptedFeed implements EventFeed {
  cancelled = false;
  readonly openedAt = Date.now();
  private readonly items: Item[] = [];
  private wake: (() => void) | null = null;

  constructor(readonly from: bigint) {}

  push(item: Item): void {
    this.items.push(item);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    while (!this.cancelled) {
      const item = this.items.shift();
      if (!item) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if ('event' in item) yield item.event;
      else if ('error' in item) throw item.error;
      else return;
    }
  }

  async cancel(): Promise<void> {
    this.cancelled = true;
    this.wake?.();
  }
}

/** The global log and the subscriptions opened on it: each delivers the events after its `from`, then new ones. */
class ScriptedLog {
  readonly events: RecordedEvent[] = [];
  readonly feeds: ScriptedFeed[] = [];

  readonly open = (from: bigint): EventFeed => {
    const feed = new ScriptedFeed(from);
    for (const event of this.events) if (event.position > from) feed.push({ event });
    this.feeds.push(feed);
    return feed;
  };

  append(count: number): RecordedEvent[] {
    const added = Array.from({ length: count }, (_, i) => recorded(this.events.length + i + 1));
    this.events.push(...added);
    for (const feed of this.feeds) if (!feed.cancelled) for (const event of added) feed.push({ event });
    return added;
  }

  get current(): ScriptedFeed {
    return this.feeds[this.feeds.length - 1];
  }
}

/** Event n of the log, at position 10n * n (positions are not consecutive). */
const recorded = (n: number): RecordedEvent => ({
  event_id: `event-${n}`,
  type: 'Happened',
  data: { n },
  metadata: {
    correlation_id: 'c',
    causation_id: null,
    actor: { type: 'system', id: 'test' },
    tenant_id: 't',
    occurred_at: '2024-01-01T00:00:00.000Z',
    schema_version: 1,
  },
  stream_id: 'stream-1',
  version: n,
  position: BigInt(n) * 10n,
});

const ids = (events: RecordedEvent[]) => events.map((event) => event.event_id);
const fast: ResubscribeTiming = { batchSize: 256, initialBackoffMs: 5, maxBackoffMs: 40 };

describe('ResubscribingSubscription', () => {
  const open: ResubscribingSubscription[] = [];
  const subscribe = (log: ScriptedLog, options: SubscribeOptions, timing: ResubscribeTiming = fast) => {
    const subscription = new ResubscribingSubscription(log.open, options, timing);
    open.push(subscription);
    return subscription;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.close()));
  });

  it('delivers the events after `from` in order, one handler call at a time, then the live ones', async () => {
    const log = new ScriptedLog();
    log.append(5);
    const seen: RecordedEvent[] = [];
    let running = 0;
    let most = 0;
    const subscription = subscribe(log, {
      from: 20n,
      handler: async (event) => {
        running += 1;
        most = Math.max(most, running);
        await sleep(1);
        seen.push(event);
        running -= 1;
      },
    });
    await until('the catch-up', () => seen.length === 3);
    log.append(2);
    await until('the live events', () => seen.length === 5);
    expect(ids(seen)).toEqual(['event-3', 'event-4', 'event-5', 'event-6', 'event-7']);
    expect(most).toBe(1);
    expect(log.feeds.map((feed) => feed.from)).toEqual([20n]);
    expect(subscription.lastPosition).toBe(70n);
  });

  it('hands a batch handler what arrived while it ran, in order, never empty and never more than batchSize', async () => {
    const log = new ScriptedLog();
    log.append(10);
    const batches: string[][] = [];
    subscribe(
      log,
      {
        from: 0n,
        batchHandler: async (batch) => {
          batches.push(ids(batch));
          await sleep(5);
        },
      },
      { ...fast, batchSize: 4 },
    );
    await until('ten events', () => batches.flat().length === 10);
    log.append(3);
    await until('thirteen events', () => batches.flat().length === 13);
    expect(batches.flat()).toEqual(Array.from({ length: 13 }, (_, i) => `event-${i + 1}`));
    expect(batches.every((batch) => batch.length > 0 && batch.length <= 4)).toBe(true);
    // The ten events were there while the handler ran: they came in full batches.
    expect(batches.filter((batch) => batch.length === 4).length).toBeGreaterThanOrEqual(1);
  });

  it('after a failing handler, reports it once and resubscribes from the last completed event', async () => {
    const log = new ScriptedLog();
    log.append(3);
    const attempts: string[] = [];
    const errors: unknown[] = [];
    let failuresLeft = 2;
    subscribe(log, {
      from: 0n,
      handler: async (event) => {
        attempts.push(event.event_id);
        if (event.version === 2 && failuresLeft-- > 0) throw new Error('handler failed');
      },
      onError: (error) => errors.push(error),
    });
    await until('all three handled', () => attempts.includes('event-3'));
    expect(attempts).toEqual(['event-1', 'event-2', 'event-2', 'event-2', 'event-3']);
    expect(errors.map(String)).toEqual(['Error: handler failed', 'Error: handler failed']);
    expect(log.feeds.map((feed) => feed.from)).toEqual([0n, 10n, 10n]);
    expect(log.feeds.slice(0, 2).every((feed) => feed.cancelled)).toBe(true);
  });

  it('retries a failed batch whole, from the position before it', async () => {
    const log = new ScriptedLog();
    log.append(2);
    const accepted: string[] = [];
    const errors: unknown[] = [];
    let fail = false;
    let acceptedBeforeFailure = 0;
    subscribe(log, {
      from: 0n,
      batchHandler: async (batch) => {
        if (fail && batch.some((event) => event.version === 4)) {
          fail = false;
          acceptedBeforeFailure = accepted.length;
          throw new Error('batch failed');
        }
        accepted.push(...ids(batch));
      },
      onError: (error) => errors.push(error),
    });
    await until('the first two', () => accepted.length === 2);
    fail = true;
    log.append(3);
    await until('all five', () => accepted.length === 5);
    expect(accepted).toEqual(['event-1', 'event-2', 'event-3', 'event-4', 'event-5']);
    expect(errors.map(String)).toEqual(['Error: batch failed']);
    expect(log.current.from).toBe(log.events[acceptedBeforeFailure - 1].position);
  });

  it('when the server subscription fails, delivers what arrived before, reports, and resubscribes from there', async () => {
    const log = new ScriptedLog();
    log.append(2);
    const seen: string[] = [];
    const errors: unknown[] = [];
    subscribe(log, {
      from: 0n,
      handler: async (event) => void seen.push(event.event_id),
      onError: (error) => errors.push(error),
    });
    await until('two events', () => seen.length === 2);
    const dropped = log.current;
    const [third] = log.append(1);
    dropped.push({ error: new Error('connection lost') });
    await until('a new subscription', () => log.feeds.length === 2);
    log.append(1);
    await until('four events', () => seen.length === 4);
    expect(seen).toEqual(['event-1', 'event-2', 'event-3', 'event-4']);
    expect(errors.map(String)).toEqual(['Error: connection lost']);
    expect(log.current.from).toBe(third.position);
  });

  it('treats a subscription the server ended like a failed one', async () => {
    const log = new ScriptedLog();
    log.append(1);
    const seen: string[] = [];
    const errors: unknown[] = [];
    subscribe(log, {
      from: 0n,
      handler: async (event) => void seen.push(event.event_id),
      onError: (error) => errors.push(error),
    });
    await until('the first event', () => seen.length === 1);
    log.current.push({ end: true });
    await until('a new subscription', () => log.feeds.length === 2);
    log.append(1);
    await until('the second event', () => seen.length === 2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SubscriptionEndedError);
    expect(log.current.from).toBe(10n);
  });

  it('keeps trying when subscribing itself fails', async () => {
    const log = new ScriptedLog();
    log.append(1);
    let refusals = 2;
    const errors: unknown[] = [];
    const seen: string[] = [];
    const subscription = new ResubscribingSubscription(
      (from) => {
        if (refusals-- > 0) throw new Error('no connection');
        return log.open(from);
      },
      {
        from: 0n,
        handler: async (event) => void seen.push(event.event_id),
        onError: (error) => errors.push(error),
      },
      fast,
    );
    open.push(subscription);
    await until('the event', () => seen.length === 1);
    expect(errors.map(String)).toEqual(['Error: no connection', 'Error: no connection']);
  });

  it('backs off longer per consecutive failure, up to the limit, and afresh after a delivery', async () => {
    const log = new ScriptedLog();
    const timing = { batchSize: 10, initialBackoffMs: 20, maxBackoffMs: 200 };
    let delivered = 0;
    subscribe(
      log,
      { from: 0n, handler: async () => void (delivered += 1), onError: () => undefined },
      timing,
    );
    const failNext = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const feed = log.current;
        feed.push({ error: new Error('down') });
        await until('a resubscription', () => log.current !== feed);
      }
    };
    await until('the first subscription', () => log.feeds.length === 1);
    await failNext(5);
    const gaps = log.feeds.slice(1).map((feed, i) => feed.openedAt - log.feeds[i].openedAt);
    // Timers never fire early; a millisecond of clock granularity is allowed for.
    [20, 40, 80, 160, 200].forEach((backoff, i) => expect(gaps[i]).toBeGreaterThanOrEqual(backoff - 1));
    expect(gaps[0]).toBeLessThan(160);

    log.append(1);
    await until('a delivery', () => delivered === 1);
    const before = log.current;
    await failNext(1);
    expect(log.current.openedAt - before.openedAt).toBeLessThan(160);
  });

  it('resolves close() only after the handler in flight returned, delivers nothing after, and cancels the feed', async () => {
    const log = new ScriptedLog();
    log.append(2);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const subscription = subscribe(log, {
      from: 0n,
      handler: async (event) => {
        await gate;
        seen.push(event.event_id);
      },
    });
    await until('the handler to start', () => log.feeds.length === 1);
    await sleep(5);
    let closed = false;
    const closing = subscription.close().then(() => (closed = true));
    await sleep(5);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(seen).toEqual(['event-1']);
    expect(log.current.cancelled).toBe(true);
    log.append(1);
    await sleep(10);
    expect(seen).toEqual(['event-1']);
  });

  it('closes promptly while waiting for events or backing off', async () => {
    const log = new ScriptedLog();
    const idle = subscribe(log, { from: 0n, handler: async () => undefined });
    await until('a subscription', () => log.feeds.length === 1);
    await idle.close();
    expect(log.feeds[0].cancelled).toBe(true);

    const backingOff = subscribe(
      log,
      { from: 0n, handler: async () => undefined, onError: () => undefined },
      { ...fast, initialBackoffMs: 60_000 },
    );
    await until('a second subscription', () => log.feeds.length === 2);
    log.current.push({ error: new Error('down') });
    await sleep(5);
    const started = Date.now();
    await backingOff.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(log.feeds).toHaveLength(2);
  });

  it('lets a handler close its own subscription', async () => {
    const log = new ScriptedLog();
    log.append(3);
    const seen: string[] = [];
    const subscription: ResubscribingSubscription = subscribe(log, {
      from: 0n,
      handler: async (event) => {
        seen.push(event.event_id);
        await subscription.close();
      },
    });
    await until('the first event', () => seen.length === 1);
    await subscription.close();
    expect(seen).toEqual(['event-1']);
  });

  it('keeps delivering when the error reporter throws', async () => {
    const log = new ScriptedLog();
    log.append(1);
    let failed = false;
    const seen: string[] = [];
    subscribe(log, {
      from: 0n,
      handler: async (event) => {
        if (!failed) {
          failed = true;
          throw new Error('once');
        }
        seen.push(event.event_id);
      },
      onError: () => {
        throw new Error('reporter broken');
      },
    });
    await until('the event', () => seen.length === 1);
  });

  it('refuses options it cannot honour', () => {
    const log = new ScriptedLog();
    const handler = async () => undefined;
    expect(() => new ResubscribingSubscription(log.open, { from: -1n, handler })).toThrow(RangeError);
    expect(() => new ResubscribingSubscription(log.open, { from: 1 as unknown as bigint, handler })).toThrow(
      RangeError,
    );
    expect(() => new ResubscribingSubscription(log.open, { from: 0n })).toThrow(TypeError);
    expect(
      () => new ResubscribingSubscription(log.open, { from: 0n, handler, batchHandler: handler }),
    ).toThrow(TypeError);
    expect(
      () => new ResubscribingSubscription(log.open, { from: 0n, handler }, { ...fast, batchSize: 0 }),
    ).toThrow(RangeError);
    expect(log.feeds).toEqual([]);
  });
});
