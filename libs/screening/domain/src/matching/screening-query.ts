import type { EntityType, SanctionedEntity } from '../model';
import { InvalidScreeningQueryError } from './invalid-screening-query.error';
import type { MatchExplanation } from './match-explanation';

export interface ScreeningQuery {
  name: string;
  type?: EntityType;
  birthYear?: number;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** Default 10, at most 100. */
  limit?: number;
  /** Default: the engine's decision threshold. */
  minScore?: number;
}

export interface ScreeningMatch {
  entity: SanctionedEntity;
  /** The entity's name or alias, as published, that scored best. */
  matchedName: string;
  score: number;
  explanation: MatchExplanation;
}

export const MAX_NAME_LENGTH = 512;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'vessel', 'aircraft'];
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;
const MIN_BIRTH_YEAR = 1800;
const MAX_BIRTH_YEAR = 2200;

export interface ValidScreeningQuery {
  name: string;
  type?: EntityType;
  birthYear?: number;
  country?: string;
  limit: number;
  minScore: number;
}

/** Checks a query and fills its defaults; throws InvalidScreeningQueryError naming the first bad field. */
export function validateScreeningQuery(query: ScreeningQuery, defaultMinScore: number): ValidScreeningQuery {
  if (typeof query.name !== 'string') throw new InvalidScreeningQueryError('name', 'name must be a string');
  const name = query.name.trim();
  if (name === '') throw new InvalidScreeningQueryError('name', 'name is empty');
  if (name.length > MAX_NAME_LENGTH) {
    throw new InvalidScreeningQueryError('name', `name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (CONTROL_CHARACTERS.test(name))
    throw new InvalidScreeningQueryError('name', 'name contains control characters');
  if (query.type !== undefined && !ENTITY_TYPES.includes(query.type)) {
    throw new InvalidScreeningQueryError('type', `type must be one of ${ENTITY_TYPES.join(', ')}`);
  }
  const valid: ValidScreeningQuery = { name, limit: DEFAULT_LIMIT, minScore: defaultMinScore };
  if (query.type !== undefined) valid.type = query.type;
  if (query.birthYear !== undefined) {
    if (
      !Number.isInteger(query.birthYear) ||
      query.birthYear < MIN_BIRTH_YEAR ||
      query.birthYear > MAX_BIRTH_YEAR
    ) {
      throw new InvalidScreeningQueryError(
        'birthYear',
        `birth year must be a whole year between ${MIN_BIRTH_YEAR} and ${MAX_BIRTH_YEAR}`,
      );
    }
    valid.birthYear = query.birthYear;
  }
  if (query.country !== undefined) {
    if (typeof query.country !== 'string' || !/^[A-Za-z]{2}$/.test(query.country)) {
      throw new InvalidScreeningQueryError('country', 'country must be an ISO 3166-1 alpha-2 code');
    }
    valid.country = query.country.toUpperCase();
  }
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_LIMIT) {
      throw new InvalidScreeningQueryError('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    valid.limit = query.limit;
  }
  if (query.minScore !== undefined) {
    if (
      typeof query.minScore !== 'number' ||
      !Number.isFinite(query.minScore) ||
      query.minScore < 0 ||
      query.minScore > 1
    ) {
      throw new InvalidScreeningQueryError('minScore', 'minScore must be a number from 0 to 1');
    }
    valid.minScore = query.minScore;
  }
  return valid;
}
