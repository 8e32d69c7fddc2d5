import type { BirthDate, SanctionedEntity } from '../model';
import { type BirthYearExplanation, type CountryExplanation, round3 } from './match-explanation';

/**
 * Birth year and country corroborate or contradict a name match; they never make one. A corroborating fact
 * closes part of the gap to 1, a conflicting one scales the score down; an unpublished fact changes nothing.
 */
const BIRTH_YEAR_MATCH_GAIN = 0.15;
const BIRTH_YEAR_CONFLICT_FACTOR = 0.85;
const BIRTH_YEAR_FAR_CONFLICT_FACTOR = 0.75;
/** Published years are often estimates ("circa"), so one year off is neither evidence for nor against. */
const BIRTH_YEAR_TOLERANCE = 1;
const BIRTH_YEAR_FAR = 5;
const COUNTRY_MATCH_GAIN = 0.1;
/** People hold several nationalities and live abroad: a different country is weak evidence against. */
const COUNTRY_CONFLICT_FACTOR = 0.95;

function yearDistance(year: number, date: BirthDate): number {
  const to = date.toYear ?? date.year;
  if (year >= date.year && year <= to) return 0;
  return Math.min(Math.abs(year - date.year), Math.abs(year - to));
}

function describe(date: BirthDate): string {
  return date.toYear !== undefined && date.toYear !== date.year
    ? `${date.year}-${date.toYear}`
    : String(date.year);
}

export function applyBirthYear(
  score: number,
  year: number,
  dates: readonly BirthDate[],
): { score: number; explanation: BirthYearExplanation } {
  const candidate_years = [...new Set(dates.map(describe))];
  if (dates.length === 0) {
    return { score, explanation: { query: year, candidate_years, effect: 'unknown', adjustment: 0 } };
  }
  const difference = Math.min(...dates.map((date) => yearDistance(year, date)));
  let adjusted = score;
  let effect: BirthYearExplanation['effect'] = 'near';
  if (difference === 0) {
    adjusted = score + (1 - score) * BIRTH_YEAR_MATCH_GAIN;
    effect = 'match';
  } else if (difference > BIRTH_YEAR_TOLERANCE) {
    adjusted =
      score * (difference >= BIRTH_YEAR_FAR ? BIRTH_YEAR_FAR_CONFLICT_FACTOR : BIRTH_YEAR_CONFLICT_FACTOR);
    effect = 'conflict';
  }
  return {
    score: adjusted,
    explanation: { query: year, candidate_years, effect, difference, adjustment: round3(adjusted - score) },
  };
}

/** Nationalities and address countries of an entity, as ISO codes. */
function entityCountries(entity: SanctionedEntity): string[] {
  const codes = new Set(entity.nationalities.map((code) => code.toUpperCase()));
  for (const address of entity.addresses)
    if (address.countryCode) codes.add(address.countryCode.toUpperCase());
  return [...codes];
}

export function applyCountry(
  score: number,
  country: string,
  entity: SanctionedEntity,
): { score: number; explanation: CountryExplanation } {
  const candidate_countries = entityCountries(entity);
  if (candidate_countries.length === 0) {
    return { score, explanation: { query: country, candidate_countries, effect: 'unknown', adjustment: 0 } };
  }
  const matches = candidate_countries.includes(country);
  const adjusted = matches ? score + (1 - score) * COUNTRY_MATCH_GAIN : score * COUNTRY_CONFLICT_FACTOR;
  return {
    score: adjusted,
    explanation: {
      query: country,
      candidate_countries,
      effect: matches ? 'match' : 'conflict',
      adjustment: round3(adjusted - score),
    },
  };
}
