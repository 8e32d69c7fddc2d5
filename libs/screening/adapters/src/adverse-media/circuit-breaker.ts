export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call may go through. */
  coolDownMs: number;
  /** Milliseconds since an epoch; injectable so tests need not sleep. */
  now?: () => number;
}

/** Permission for one call; settle it exactly once (later settlements are ignored). */
export interface CircuitPermit {
  succeeded(): void;
  failed(): void;
  /** The call ended for a reason that says nothing about the dependency (the caller aborted). */
  abandoned(): void;
}

/**
 * A circuit breaker: closed, it lets calls through and counts consecutive failures; at `failureThreshold` it
 * opens and refuses calls for `coolDownMs`, sparing a failing dependency and the callers the wait; then it is
 * half-open and lets a single trial call through, which closes it on success and reopens it on failure.
 * Time is read when asked, no timer runs, so an idle breaker holds nothing open.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a positive integer, got ${options.failureThreshold}`);
    }
    if (!Number.isFinite(options.coolDownMs) || options.coolDownMs < 0) {
      throw new RangeError(`coolDownMs must be a non-negative number, got ${options.coolDownMs}`);
    }
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.trialInFlight || this.now() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  /** A permit for one call, or undefined when the call must fail fast. */
  tryAcquire(): CircuitPermit | undefined {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) return undefined;
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'abandoned') => {
      if (settled) return;
      settled = true;
      if (trial) this.trialInFlight = false;
      if (outcome === 'success') {
        this.consecutiveFailures = 0;
        this.openedAt = undefined;
      } else if (outcome === 'failure') {
        this.consecutiveFailures++;
        if (trial || this.consecutiveFailures >= this.options.failureThreshold) this.openedAt = this.now();
      }
    };
    return {
      succeeded: () => settle('success'),
      failed: () => settle('failure'),
      abandoned: () => settle('abandoned'),
    };
  }
}
