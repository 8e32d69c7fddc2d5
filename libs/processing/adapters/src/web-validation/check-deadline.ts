import { WebsiteCheckFailure } from './website-check-failure';

/** One time budget for a whole check, shared by DNS, connection and HTTP steps and every redirect hop. */
export class CheckDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(readonly timeoutMs: number) {
    this.timer = setTimeout(() => this.controller.abort(this.failure()), timeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  failure(): WebsiteCheckFailure {
    return new WebsiteCheckFailure('unreachable', 'timeout', `no answer within ${this.timeoutMs} ms`);
  }

  /** Settles with `work`, or fails with a timeout when the budget runs out first (for work that cannot be aborted). */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(this.failure());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.failure());
      this.signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => this.signal.removeEventListener('abort', onAbort));
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
