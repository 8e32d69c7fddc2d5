import type { EntityAlias } from '../model';
import { type NameExplanation, round3 } from './match-explanation';
import type { NameAlignment } from './name-alignment';
import type { NameToken } from './name-parts/name-token';

function texts(tokens: readonly NameToken[], indexes: readonly number[]): string {
  return indexes.map((i) => tokens[i].text).join(' ');
}

/** The explanation of a name alignment, in normalised tokens. */
export function explainName(
  query: readonly NameToken[],
  alignment: NameAlignment,
  candidate: readonly NameToken[],
  alias: EntityAlias | undefined,
  score: number,
): NameExplanation {
  return {
    score: round3(score),
    query_tokens: query.map((token) => token.text),
    candidate_tokens: candidate.map((token) => token.text),
    matched_tokens: alignment.pairs.map((pair) => ({
      query: texts(query, pair.query),
      candidate: texts(candidate, pair.candidate),
      similarity: round3(pair.similarity),
      kind: pair.kind,
    })),
    unmatched_query: alignment.unmatchedQuery.map((i) => query[i].text),
    unmatched_candidate: alignment.unmatchedCandidate.map((j) => candidate[j].text),
    alias_strength: alias?.strength ?? 'strong',
    name_kind: alias?.kind ?? 'primary',
    surname_unmatched: alignment.surnameUnmatched,
  };
}
