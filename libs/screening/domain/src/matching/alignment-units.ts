import type { AlignmentUnit } from './name-alignment';
import type { NameToken } from './name-parts/name-token';
import { concatenateTokens, isJoinable, joinTokens } from './normalize-name';

/** Longest run of adjacent query tokens tried as one written-together token ("CHONG CHON GANG"). */
const MAX_JOINED_QUERY_TOKENS = 3;

/** A query's tokens, then every run of two or three adjacent joinable tokens glued into one. */
export function queryUnits(tokens: readonly NameToken[]): AlignmentUnit[] {
  const units: AlignmentUnit[] = tokens.map((token, i) => ({ indexes: [i], token }));
  for (let size = 2; size <= MAX_JOINED_QUERY_TOKENS; size++) {
    for (let start = 0; start + size <= tokens.length; start++) {
      const run = tokens.slice(start, start + size);
      if (!run.every(isJoinable)) continue;
      units.push({ indexes: run.map((_, k) => start + k), token: joinTokens(run) });
    }
  }
  return units;
}

/** A candidate name's tokens, then each pair of adjacent joinable tokens glued into one. */
export function candidateUnits(tokens: readonly NameToken[]): AlignmentUnit[] {
  const units: AlignmentUnit[] = tokens.map((token, j) => ({ indexes: [j], token }));
  for (let j = 0; j + 1 < tokens.length; j++) {
    if (isJoinable(tokens[j]) && isJoinable(tokens[j + 1])) units.push({ indexes: [j, j + 1], token: concatenateTokens(tokens[j], tokens[j + 1]) });
  }
  return units;
}
