import type { RecordedEvent } from '../event-store.port';

/**
 * One server subscription to the global log, from a position (exclusive). Its iteration ends or throws when
 * the server or the network drops it: subscriptions end, they do not heal.
 */
export interface EventFeed extends AsyncIterable<RecordedEvent> {
  /** Stops the subscription on the server; an iteration under way then ends (or throws). */
  cancel(): Promise<void>;
}

/**
 * Reads a feed ahead of its consumer, up to `capacity` events, so that the consumer can take what has arrived
 * as one batch. Reading pauses while the buffer is full, which holds the server back too.
 */
export class FeedBuffer {
  private readonly events: RecordedEvent[] = [];
  private outcome: { ended: true } | { ended: false; error: unknown } | null = null;
  private stopped = false;
  private wakeTaker: (() => void) | null = null;
  private wakeReader: (() => void) | null = null;

  constructor(
    feed: AsyncIterable<RecordedEvent>,
    private readonly capacity: number,
  ) {
    void this.read(feed);
  }

  /**
   * Up to `max` events, once at least one has arrived; events that arrived before the feed failed come first,
   * then its failure is thrown. An empty array means the feed ended or the buffer was stopped.
   */
  async take(max: number): Promise<RecordedEvent[]> {
    while (this.events.length === 0 && !this.stopped) {
      if (this.outcome?.ended) return [];
      if (this.outcome) throw this.outcome.error;
      await new Promise<void>((resolve) => (this.wakeTaker = resolve));
    }
    if (this.stopped) return [];
    const batch = this.events.splice(0, max);
    this.wake('reader');
    return batch;
  }

  /** Ends `take` at once and stops reading after the event in flight (the feed is cancelled by its owner). */
  stop(): void {
    this.stopped = true;
    this.wake('taker');
    this.wake('reader');
  }

  private async read(feed: AsyncIterable<RecordedEvent>): Promise<void> {
    try {
      // `for await`: the next event is requested only after this one is stored, never pushed at us unasked.
      for await (const event of feed) {
        this.events.push(event);
        this.wake('taker');
        while (this.events.length >= this.capacity && !this.stopped) {
          await new Promise<void>((resolve) => (this.wakeReader = resolve));
        }
        if (this.stopped) return;
      }
      this.outcome = { ended: true };
    } catch (error) {
      this.outcome = { ended: false, error };
    } finally {
      this.wake('taker');
    }
  }

  private wake(who: 'taker' | 'reader'): void {
    const resolve = who === 'taker' ? this.wakeTaker : this.wakeReader;
    if (who === 'taker') this.wakeTaker = null;
    else this.wakeReader = null;
    resolve?.();
  }
}
