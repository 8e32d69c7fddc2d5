/**
 * When a failed delivery is tried again: 10 s after the first failure, then 4 times longer each time, capped
 * at 6 h; after `maxAttempts` it is marked failed (about a day of trying with the defaults).
 */
export interface RetrySchedule {
  maxAttempts: number;
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = Object.freeze({
  maxAttempts: 10,
  firstDelayMs: 10_000,
  factor: 4,
  maxDelayMs: 6 * 60 * 60 * 1000,
});

/** The delay before attempt `attempts + 1`, or null when `attempts` used them all up. */
export function nextRetryDelay(schedule: RetrySchedule, attempts: number): number | null {
  if (attempts >= schedule.maxAttempts) return null;
  return Math.min(schedule.maxDelayMs, schedule.firstDelayMs * schedule.factor ** (attempts - 1));
}
