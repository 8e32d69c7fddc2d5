import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './message-bus.port';

/** Merges partial policies over the defaults (later ones win) and rejects nonsensical values. */
export function resolveRetryPolicy(...overrides: (Partial<RetryPolicy> | undefined)[]): RetryPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  for (const override of overrides) {
    if (!override) continue;
    if (override.maxAttempts !== undefined) policy.maxAttempts = override.maxAttempts;
    if (override.initialBackoffMs !== undefined) policy.initialBackoffMs = override.initialBackoffMs;
    if (override.maxBackoffMs !== undefined) policy.maxBackoffMs = override.maxBackoffMs;
  }
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a positive integer, got ${policy.maxAttempts}`);
  }
  if (!(policy.initialBackoffMs >= 0) || !(policy.maxBackoffMs >= 0)) {
    throw new RangeError('retry backoff delays must be non-negative numbers');
  }
  return policy;
}

/** Delay before the next delivery of a message that has failed `failedAttempts` times (>= 1). */
export function backoffDelay(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (failedAttempts - 1));
}
