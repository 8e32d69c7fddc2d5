export const SECONDS_PER_DAY = 86_400;

/** Unix seconds of an ISO 8601 instant; `expires_at` is compared in these units. */
export function toUnixSeconds(iso: string): number {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) throw new Error(`not an ISO 8601 time: ${iso}`);
  return Math.floor(millis / 1000);
}

/** True from the second `expires_at` names onwards. */
export function isPastExpiry(expiresAt: number, now: string): boolean {
  return toUnixSeconds(now) >= expiresAt;
}
