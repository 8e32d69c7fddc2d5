import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent, SubscribeOptions, Subscription } from './event-store.port';

/** Where a catch-up subscription reads from: the global log, gap-free (see EventStore.readAll). */
export interface GlobalLogReader {
  readAll(from: bigint, limit: number): Promise<RecordedEvent[]>;
}

export interface CatchUpTiming {
  /** Events read per round trip (default 256). */
  batchSize: number;
  /** First pause once the head is reached; it doubles while nothing arrives (default 5 ms). */
  minPollMs: number;
  /** Longest pause between polls at the head; a wake-up ends a pause early (default 200 ms). */
  maxPollMs: number;
  /**
   * After a batch shorter than `batchSize` (the reader is at the head), wait this long before reading again,
   * wake-ups notwithstanding (default 10 ms): under a steady stream of appends every append wakes the reader, and
   * reading once per append would turn into a busy loop of tiny reads against the database.
   */
  batchWindowMs: number;
  /** Pause after a failed read or handler call, doubling per consecutive failure (default 100 ms). */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_CATCH_UP_TIMING: CatchUpTiming = {
  batchSize: 256,
  minPollMs: 5,
  maxPollMs: 200,
  batchWindowMs: 10,
  initialBackoffMs: 100,
  maxBackoffMs: 10_000,
};

/** The subscription whose handler is running, to let a handler close its own subscription without deadlock. */
const handlerOf = new AsyncLocalStorage<CatchUpSubscription>();

/**
 * Reads the global log from a position, hands each event to the handler and waits for it before the next
 * one, then keeps polling at the head (with a growing interval that a wake-up resets). A failed read or
 * handler call is reported and retried from the last delivered position after a backoff, so nothing is skipped.
 */
export class CatchUpSubscription implements Subscription {
  private position: bigint;
  private closed = false;
  private wakeRequested = false;
  private endPause: (() => void) | null = null;
  private pauseIsWakeable = false;
  private handling = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly reader: GlobalLogReader,
    private readonly options: SubscribeOptions,
    private readonly timing: CatchUpTiming = DEFAULT_CATCH_UP_TIMING,
    private readonly onClosed: (subscription: CatchUpSubscription) => void = () => undefined,
    /** Delivery starts once this settles (e.g. wake-ups are set up, so none is missed after the first read). */
    private readonly startAfter: Promise<unknown> = Promise.resolve(),
  ) {
    if (typeof options.from !== 'bigint' || options.from < 0n) throw new RangeError('from must be a non-negative bigint');
    if (!options.handler === !options.batchHandler) throw new TypeError('give exactly one of handler and batchHandler');
    this.position = options.from;
    this.done = this.run();
  }

  /** The position of the last event the handler completed (the `from` it started at before any). */
  get lastPosition(): bigint {
    return this.position;
  }

  /** New events may be readable: poll now instead of at the end of the current pause (backoffs are kept). */
  wake(): void {
    if (this.endPause && this.pauseIsWakeable) this.endPause();
    else this.wakeRequested = true;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.endPause?.();
    }
    // Called from its own handler: the loop stops once that handler returns; waiting here would wait for ourselves.
    if (this.handling && handlerOf.getStore() === this) return;
    await this.done;
    this.onClosed(this);
  }

  private async run(): Promise<void> {
    await this.startAfter.catch(() => undefined);
    const { batchSize, minPollMs, maxPollMs } = this.timing;
    let idleMs = minPollMs;
    let failures = 0;
    while (!this.closed) {
      let batch: RecordedEvent[];
      try {
        batch = await this.reader.readAll(this.position, batchSize);
      } catch (error) {
        failures += 1;
        this.report(error);
        await this.pause(this.backoff(failures), false);
        continue;
      }
      if (batch.length === 0) {
        failures = 0;
        const woken = await this.pause(idleMs, true);
        idleMs = woken ? minPollMs : Math.min(idleMs * 2, maxPollMs);
        continue;
      }
      idleMs = minPollMs;
      const { handler, batchHandler } = this.options;
      if (batchHandler) {
        if (this.closed) return;
        if (await this.deliver(() => batchHandler(batch))) {
          this.position = batch[batch.length - 1].position;
          failures = 0;
          if (batch.length < batchSize) await this.pause(this.timing.batchWindowMs, false);
        } else {
          failures += 1;
          await this.pause(this.backoff(failures), false);
        }
        continue;
      }
      for (const event of batch) {
        if (this.closed || !handler) return;
        if (!(await this.deliver(() => handler(event)))) {
          failures += 1;
          // Backoffs are not cut short by wake-ups: a busy log must not turn into a hot retry loop.
          await this.pause(this.backoff(failures), false);
          break;
        }
        this.position = event.position;
        failures = 0;
      }
      if (batch.length < batchSize) await this.pause(this.timing.batchWindowMs, false);
    }
  }

  /** Runs one handler call; false (after reporting the error) when it threw. */
  private async deliver(call: () => Promise<void>): Promise<boolean> {
    this.handling = true;
    try {
      await handlerOf.run(this, call);
      return true;
    } catch (error) {
      this.report(error);
      return false;
    } finally {
      this.handling = false;
    }
  }

  private backoff(failures: number): number {
    return Math.min(this.timing.maxBackoffMs, this.timing.initialBackoffMs * 2 ** (failures - 1));
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // An error reporter that throws must not stop delivery.
    }
  }

  /** Resolves after `ms`, on close, or (when wakeable) on a wake-up; true when a wake-up ended it. */
  private pause(ms: number, wakeable: boolean): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (wakeable && this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      let woken = false;
      const finish = () => {
        clearTimeout(timer);
        this.endPause = null;
        resolve(woken);
      };
      const timer = setTimeout(finish, ms);
      this.pauseIsWakeable = wakeable;
      this.endPause = () => {
        woken = !this.closed;
        finish();
      };
    });
  }
}
