import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE, nextRetryDelay } from './retry-schedule';

describe('webhook retry schedule', () => {
  it('waits longer after each failure, up to the cap, then gives up', () => {
    const delays = Array.from({ length: 10 }, (_, i) => nextRetryDelay(DEFAULT_RETRY_SCHEDULE, i + 1));
    expect(delays.slice(0, 5)).toEqual([10_000, 40_000, 160_000, 640_000, 2_560_000]);
    expect(delays[8]).toBe(DEFAULT_RETRY_SCHEDULE.maxDelayMs);
    expect(delays[9]).toBeNull();
    // About a day of trying in all.
    const total = delays.slice(0, 9).reduce((sum, delay) => sum! + delay!, 0)!;
    expect(total / 3_600_000).toBeGreaterThan(20);
    expect(total / 3_600_000).toBeLessThan(30);
  });

  it('gives up at once when one attempt is all there is', () => {
    expect(nextRetryDelay({ ...DEFAULT_RETRY_SCHEDULE, maxAttempts: 1 }, 1)).toBeNull();
  });
});
