/** How far ahead an expiry date may lie: passports and identity cards run for at most about 10-15 years. */
export const EXPIRY_HORIZON_YEARS = 20;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** The latest full date with these YYMMDD digits that is not after `limit` (calendar-checked), or null. */
function latestNotAfter(yymmdd: string, limit: string): string | null {
  if (!/^[0-9]{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const limitYear = Number(limit.slice(0, 4));
  const century = Math.floor(limitYear / 100) * 100;
  for (const year of [century + yy, century - 100 + yy, century - 200 + yy]) {
    const candidate = isoDate(year, month, day);
    // A 29 February the century's year lacks (1900) falls through to the century before.
    if (candidate && candidate <= limit) return candidate;
  }
  return null;
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A birth date is the latest matching date that is not in the future. */
export function resolveBirthDate(yymmdd: string, now: Date): string | null {
  return latestNotAfter(yymmdd, today(now));
}

/** An expiry date is the latest matching date at most EXPIRY_HORIZON_YEARS ahead, so long-expired ones stay past. */
export function resolveExpiryDate(yymmdd: string, now: Date): string | null {
  const horizon = `${now.getUTCFullYear() + EXPIRY_HORIZON_YEARS}${today(now).slice(4)}`;
  return latestNotAfter(yymmdd, horizon);
}
