import { AsyncLocalStorage } from 'node:async_hooks';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { FeedBuffer, type EventFeed } from './feed-buffer';

export interface ResubscribeTiming {
  /** Most events handed to a batch handler at once, and read ahead of the handler (default 256). */
  batchSize: number;
  /** Pause before resubscribing after a failure, doubling per consecutive failure (default 100 ms). */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RESUBSCRIBE_TIMING: ResubscribeTiming = {
  batchSize: 256,
  initialBackoffMs: 100,
  maxBackoffMs: 10_000,
};

/** Reported through onError when the server ended a subscription without an error; it is resubscribed like a failed one. */
export class SubscriptionEndedError extends Error {
  override readonly name = 'SubscriptionEndedError';

  constructor(from: bigint) {
    super(
      `the server ended the subscription to the global log (last delivered position ${from}); resubscribing`,
    );
  }
}

/** Opens a server subscription that delivers the events after `from`. */
export type OpenEventFeed = (from: bigint) => EventFeed;

type Outcome = { ok: true } | { ok: false; error: unknown };

/** The subscription whose handler is running, to let a handler close its own subscription without deadlock. */
const handlerOf = new AsyncLocalStorage<ResubscribingSubscription>();

/**
 * A catch-up subscription on server subscriptions, which end when the server or the network drops them. It
 * hands each event (or each batch that has arrived) to the handler and waits for it before the next. When the
 * server subscription fails or ends, or a handler fails, it reports the error, waits (backing off while the
 * failures go on) and subscribes again from the last position the handler completed: nothing is skipped, and
 * only what the failing handler call had been given is delivered again.
 */
export class ResubscribingSubscription implements Subscription {
  private position: bigint;
  private closed = false;
  private handling = false;
  private buffer: FeedBuffer | null = null;
  private endPause: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly openFeed: OpenEventFeed,
    private readonly options: SubscribeOptions,
    private readonly timing: ResubscribeTiming = DEFAULT_RESUBSCRIBE_TIMING,
    private readonly onClosed: (subscription: ResubscribingSubscription) => void = () => undefined,
  ) {
    if (typeof options.from !== 'bigint' || options.from < 0n)
      throw new RangeError('from must be a non-negative bigint');
    if (!options.handler === !options.batchHandler)
      throw new TypeError('give exactly one of handler and batchHandler');
    if (!Number.isSafeInteger(timing.batchSize) || timing.batchSize < 1)
      throw new RangeError('batchSize must be a positive integer');
    this.position = options.from;
    this.done = this.run();
  }

  /** The position of the last event the handler completed (the `from` it started at before any). */
  get lastPosition(): bigint {
    return this.position;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.buffer?.stop();
      this.endPause?.();
    }
    // Called from its own handler: the loop stops once that handler returns; waiting here would wait for ourselves.
    if (this.handling && handlerOf.getStore() === this) return;
    await this.done;
    this.onClosed(this);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      const openedAt = Date.now();
      const { error, delivered } = await this.follow();
      if (this.closed) return;
      // A subscription that delivered, or ran for a while, ended a streak of failures: start backing off afresh.
      failures = delivered || Date.now() - openedAt >= this.timing.maxBackoffMs ? 1 : failures + 1;
      this.report(error);
      await this.pause(
        Math.min(this.timing.maxBackoffMs, this.timing.initialBackoffMs * 2 ** (failures - 1)),
      );
    }
  }

  /** Delivers from one server subscription until it fails or ends, a handler fails, or this subscription closes. */
  private async follow(): Promise<{ error: unknown; delivered: boolean }> {
    let delivered = false;
    let feed: EventFeed;
    try {
      feed = this.openFeed(this.position);
    } catch (error) {
      return { error, delivered };
    }
    const buffer = new FeedBuffer(feed, this.timing.batchSize);
    this.buffer = buffer;
    try {
      const { handler, batchHandler } = this.options;
      for (;;) {
        if (this.closed) return { error: undefined, delivered };
        const batch = await buffer.take(batchHandler ? this.timing.batchSize : 1);
        if (this.closed) return { error: undefined, delivered };
        if (batch.length === 0) return { error: new SubscriptionEndedError(this.position), delivered };
        const outcome = batchHandler
          ? await this.deliver(() => batchHandler(batch))
          : await this.deliver(() => handler!(batch[0]));
        if (!outcome.ok) return { error: outcome.error, delivered };
        this.position = batch[batch.length - 1].position;
        delivered = true;
      }
    } catch (error) {
      return { error, delivered };
    } finally {
      this.buffer = null;
      buffer.stop();
      // The feed is abandoned either way; a failure to cancel it leaves nothing to retry or report.
      await feed.cancel().catch(() => undefined);
    }
  }

  private async deliver(call: () => Promise<void>): Promise<Outcome> {
    this.handling = true;
    try {
      await handlerOf.run(this, call);
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    } finally {
      this.handling = false;
    }
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // An error reporter that throws must not stop delivery.
    }
  }

  /** Resolves after `ms` or on close. */
  private pause(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.endPause = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.endPause = finish;
    });
  }
}
