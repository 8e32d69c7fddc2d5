import type { EntityType } from '../model';
import type { ComparableToken, MatchKind, TokenComparison } from './token-similarity';

/** One side's token, or a run of adjacent tokens joined into one ("AL ASSAD" as "alassad"). */
export interface AlignmentUnit {
  indexes: readonly number[];
  token: ComparableToken;
}

export interface AlignmentSide {
  units: readonly AlignmentUnit[];
  /** The number of real tokens (units beyond them are joins). */
  tokenCount: number;
}

export interface AlignedPair {
  query: readonly number[];
  candidate: readonly number[];
  similarity: number;
  kind: MatchKind;
}

export interface NameAlignment {
  score: number;
  pairs: AlignedPair[];
  unmatchedQuery: number[];
  unmatchedCandidate: number[];
  /** The candidate's published surname has no counterpart in the query. */
  surnameUnmatched: boolean;
}

export interface AlignmentWeights {
  /** The weight of query token i, given the candidate token it matched (undefined when unmatched). */
  query(index: number, matchedCandidateUnit: number | undefined): number;
  candidate(index: number): number;
  surname(index: number): boolean;
}

/** A join must be nearly a spelling of the other side to stand for several tokens. */
const JOIN_FLOOR = 0.9;
/**
 * Share of an unmatched candidate token's weight that counts against the match. Lists carry middle names and
 * patronymics that queries omit, so these count little; an unmatched published surname counts more, and an
 * organisation's extra words more still ("Bank of Scotland" is not "Post Bank of Iran").
 */
const EXTRA_TOKEN_PENALTY = 0.15;
const EXTRA_SURNAME_PENALTY = 0.3;
const EXTRA_ORGANIZATION_TOKEN_PENALTY = 0.3;
/** A query that matches only given names of a person whose surname is published is a weak hit at best. */
const SURNAME_MISSING_FACTOR = 0.85;

/**
 * Aligns the query's tokens with a candidate name's, order-free, one-to-one, where a token may also match a run
 * of adjacent tokens on the other side; pairs are taken greedily by weighted similarity. Then scores the
 * alignment: the similarity-weighted share of the query that found a counterpart, against the query's weight
 * plus a fraction of the candidate's unmatched weight. Every query token counts, so a query token the
 * candidate lacks ("Nabokov" against "NAUMOV, Vladimir") weighs fully against the match.
 */
export function alignNames(
  query: AlignmentSide,
  candidate: AlignmentSide,
  compare: (queryUnit: number, candidateUnit: number) => TokenComparison | undefined,
  weights: AlignmentWeights,
  candidateType: EntityType,
): NameAlignment {
  const { pairs, queryUsed, candidateUsed, matchedUnitOf } = pairTokens(query, candidate, compare, weights);

  let matched = 0;
  let queryTotal = 0;
  const unmatchedQuery: number[] = [];
  for (let i = 0; i < query.tokenCount; i++) {
    queryTotal += weights.query(i, matchedUnitOf[i]);
    if (!queryUsed[i]) unmatchedQuery.push(i);
  }
  for (const pair of pairs) {
    for (const i of pair.query) matched += pair.similarity * weights.query(i, matchedUnitOf[i]);
  }

  let extra = 0;
  let hasSurname = false;
  let surnameMatched = false;
  const unmatchedCandidate: number[] = [];
  for (let j = 0; j < candidate.tokenCount; j++) {
    const surname = weights.surname(j) && candidate.units[j].token.kind === 'name';
    hasSurname ||= surname;
    if (candidateUsed[j]) {
      surnameMatched ||= surname;
      continue;
    }
    unmatchedCandidate.push(j);
    extra += extraTokenPenalty(candidateType, surname) * weights.candidate(j);
  }
  const surnameUnmatched = hasSurname && !surnameMatched;
  const base = queryTotal + extra > 0 ? matched / (queryTotal + extra) : 0;
  const score = surnameUnmatched ? base * SURNAME_MISSING_FACTOR : base;
  return { score, pairs, unmatchedQuery, unmatchedCandidate, surnameUnmatched };
}

function extraTokenPenalty(candidateType: EntityType, surname: boolean): number {
  if (candidateType !== 'person') return EXTRA_ORGANIZATION_TOKEN_PENALTY;
  return surname ? EXTRA_SURNAME_PENALTY : EXTRA_TOKEN_PENALTY;
}

/**
 * Every comparable (query unit, candidate unit) pair, taken greedily by how much of both names it accounts
 * for (similarity times the weight it covers), so an exact match of a particle does not take the "al" that a
 * joined "abd al lah" needs. A join never pairs with a join.
 */
function pairTokens(
  query: AlignmentSide,
  candidate: AlignmentSide,
  compare: (queryUnit: number, candidateUnit: number) => TokenComparison | undefined,
  weights: AlignmentWeights,
) {
  const queryWeights = Array.from({ length: query.tokenCount }, (_, i) => weights.query(i, undefined));
  const candidateWeights = Array.from({ length: candidate.tokenCount }, (_, j) => weights.candidate(j));
  const options: { q: number; c: number; similarity: number; kind: MatchKind; gain: number }[] = [];
  for (let q = 0; q < query.units.length; q++) {
    const queryJoin = q >= query.tokenCount;
    for (let c = 0; c < candidate.units.length; c++) {
      const candidateJoin = c >= candidate.tokenCount;
      if (queryJoin && candidateJoin) continue;
      const result = compare(q, c);
      if (!result || ((queryJoin || candidateJoin) && result.similarity < JOIN_FLOOR)) continue;
      let covered = 0;
      for (const i of query.units[q].indexes) covered += queryWeights[i];
      for (const j of candidate.units[c].indexes) covered += candidateWeights[j];
      options.push({
        q,
        c,
        similarity: result.similarity,
        kind: result.kind,
        gain: result.similarity * covered,
      });
    }
  }
  options.sort((a, b) => b.gain - a.gain || b.similarity - a.similarity);

  const queryUsed = new Array<boolean>(query.tokenCount).fill(false);
  const candidateUsed = new Array<boolean>(candidate.tokenCount).fill(false);
  const matchedUnitOf = new Array<number | undefined>(query.tokenCount).fill(undefined);
  const pairs: AlignedPair[] = [];
  for (const option of options) {
    const qIndexes = query.units[option.q].indexes;
    const cIndexes = candidate.units[option.c].indexes;
    if (qIndexes.some((i) => queryUsed[i]) || cIndexes.some((j) => candidateUsed[j])) continue;
    for (const i of qIndexes) {
      queryUsed[i] = true;
      matchedUnitOf[i] = option.c;
    }
    for (const j of cIndexes) candidateUsed[j] = true;
    pairs.push({ query: qIndexes, candidate: cIndexes, similarity: option.similarity, kind: option.kind });
  }
  return { pairs, queryUsed, candidateUsed, matchedUnitOf };
}
