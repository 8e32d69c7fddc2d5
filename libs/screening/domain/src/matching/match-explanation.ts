import type { AliasStrength, EntityAlias, EntityType } from '../model';
import type { MatchKind } from './token-similarity';

/**
 * Why a hit scored as it did, field by field. JSON-serialisable with snake_case keys: it is returned as is
 * by the HTTP API and recorded with screening results.
 */
export interface MatchExplanation {
  name: NameExplanation;
  birth_year?: BirthYearExplanation;
  country?: CountryExplanation;
  type?: TypeExplanation;
}

export interface MatchedTokenExplanation {
  /** The query token(s), normalised; tokens joined on one side are written with a space ("al assad"). */
  query: string;
  candidate: string;
  similarity: number;
  kind: MatchKind;
}

export interface NameExplanation {
  /** The name score: before birth year and country evidence, after the weak-alias discount. */
  score: number;
  query_tokens: string[];
  candidate_tokens: string[];
  matched_tokens: MatchedTokenExplanation[];
  unmatched_query: string[];
  unmatched_candidate: string[];
  /** Weak aliases (OFAC a.k.a. in remarks, UN quality Low) are too broad to identify alone and score lower. */
  alias_strength: AliasStrength;
  /** 'primary' for the published name, else the alias kind. */
  name_kind: 'primary' | EntityAlias['kind'];
  /** The candidate's published surname has no counterpart in the query, which lowers the score. */
  surname_unmatched: boolean;
}

export type EvidenceEffect = 'match' | 'near' | 'conflict' | 'unknown';

export interface BirthYearExplanation {
  query: number;
  /** Published birth years; a range reads "1950-1955". */
  candidate_years: string[];
  effect: EvidenceEffect;
  /** Years between the query and the nearest published date (0 inside a range); absent when none is published. */
  difference?: number;
  /** What the evidence added to (or, negative, took from) the score. */
  adjustment: number;
}

export interface CountryExplanation {
  query: string;
  /** Nationalities and address countries of the entity (ISO 3166-1 alpha-2). */
  candidate_countries: string[];
  effect: Exclude<EvidenceEffect, 'near'>;
  adjustment: number;
}

export interface TypeExplanation {
  query: EntityType;
  candidate: EntityType;
  /** Entities of another type than the query's are not returned; a returned hit always matches. */
  effect: 'match';
}

/** Scores and similarities in explanations are rounded to three decimals for reading. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
