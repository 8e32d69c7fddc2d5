/**
 * Read-your-writes waits that share one poll: each round reads what every pending wait needs in one go, so a
 * gateway puts one round of queries on the database at a time, however many requests are waiting.
 */
export class SharedPoll<T> {
  private readonly pending = new Set<Wait<T>>();
  private polling = false;

  /**
   * @param round reads once for all the waits it is given and returns those now satisfied; a round that fails
   *   ends its waits as unsatisfied (the write stands: the read model follows later).
   */
  constructor(
    private readonly round: (waiting: T[]) => Promise<Set<T>>,
    private readonly intervalMs = 5,
  ) {}

  /** True once a round finds `item` satisfied; false when `timeoutMs` passed first. */
  wait(item: T, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.pending.add({ item, deadline: Date.now() + timeoutMs, resolve });
      if (this.polling) return;
      this.polling = true;
      // Waits that arrive in the same turn share the first round.
      setImmediate(() => void this.poll());
    });
  }

  private async poll(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const waits = [...this.pending];
        const satisfied = await this.round(waits.map((wait) => wait.item)).catch(() => null);
        const now = Date.now();
        for (const wait of waits) {
          const done = satisfied?.has(wait.item) ?? false;
          if (done || satisfied === null || now > wait.deadline) {
            this.pending.delete(wait);
            wait.resolve(done);
          }
        }
        if (this.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      }
    } finally {
      this.polling = false;
    }
  }
}

interface Wait<T> {
  item: T;
  deadline: number;
  resolve(visible: boolean): void;
}
