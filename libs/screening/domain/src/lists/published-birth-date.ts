import type { BirthDate } from '../model';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * How far "circa" reaches either side of the published year. Lists write "circa" when the year itself is in doubt;
 * one year each way keeps such a record comparable with a stated birth year without making it match any age.
 */
export const CIRCA_YEARS = 1;

interface DatePoint {
  year: number;
  month?: number;
  day?: number;
}

/** "15 Sep 1961", "Sep 1961", "1961" (OFAC's spelling), or ISO "1961-09-15", "1961-09", "1961". */
export function parseDatePoint(text: string): DatePoint | undefined {
  const t = text.trim();
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(t);
  if (m) return checked(Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined);
  m = /^(?:(\d{1,2}) )?([A-Za-z]{3})[a-z]*\.? (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    if (month === 0) return undefined;
    return checked(Number(m[3]), month, m[1] ? Number(m[1]) : undefined);
  }
  return undefined;
}

function checked(year: number, month?: number, day?: number): DatePoint | undefined {
  if (year < 1800 || year > 2100) return undefined;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  const point: DatePoint = { year };
  if (month !== undefined) point.month = month;
  if (month !== undefined && day !== undefined) point.day = day;
  return point;
}

/** A birth date somewhere between two published dates, kept as precise as the two agree. */
export function birthDateBetween(from: DatePoint, to: DatePoint): BirthDate | undefined {
  if (to.year < from.year) return undefined;
  if (to.year > from.year) return { year: from.year, toYear: to.year };
  if (from.month !== undefined && from.month === to.month) {
    return from.day !== undefined && from.day === to.day
      ? { ...from }
      : { year: from.year, month: from.month };
  }
  return { year: from.year };
}

export function circaBirthDate(year: number): BirthDate {
  return { year: year - CIRCA_YEARS, toYear: year + CIRCA_YEARS };
}

/**
 * One OFAC "DOB ..." value: "15 Sep 1961", "Sep 1961", "1961", "circa 1961", "circa 1961-1963",
 * "1960 to 1962", "01 Jan 1960 to 31 Dec 1962". Undefined when the text is none of these.
 */
export function parseOfacBirthDate(text: string): BirthDate | undefined {
  const value = text.trim().replace(/\.$/, '');
  const circa = /^circa (.+)$/i.exec(value);
  if (circa) {
    const span = /^(\d{4}) ?- ?(\d{4})$/.exec(circa[1]);
    if (span) {
      const from = parseDatePoint(span[1]);
      const to = parseDatePoint(span[2]);
      return from && to ? birthDateBetween(from, to) : undefined;
    }
    const point = parseDatePoint(circa[1]);
    return point ? circaBirthDate(point.year) : undefined;
  }
  const range = /^(.+?) to (.+)$/.exec(value);
  if (range) {
    const from = parseDatePoint(range[1]);
    const to = parseDatePoint(range[2]);
    return from && to ? birthDateBetween(from, to) : undefined;
  }
  const point = parseDatePoint(value);
  return point ? { ...point } : undefined;
}
