/** Calendar dates as the form and the zone write them: YYYY-MM-DD, compared as text (the format sorts). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T.+)?$/;
const DAY_MS = 86_400_000;

/** The value when it is a real calendar date written YYYY-MM-DD, else null (no other format is accepted). */
export function calendarDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? value : null;
}

/** The UTC calendar date of an ISO 8601 instant, or null when it is no instant. */
export function utcDateOf(instant: unknown): string | null {
  if (typeof instant !== 'string' || !ISO_INSTANT.test(instant)) return null;
  const time = Date.parse(instant);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
