/**
 * The reference baseline of the evaluation set (data/sanctions/SOURCES.md): exhaustive token-level
 * Jaro-Winkler, no aliasing tricks. Score = length-weighted two-way best-token average, maximum over each
 * record's names; normalisation = NFKD, marks stripped, lower-case, punctuation removed. A full scan per
 * query: it exists to be compared with, not to be used.
 */
import type { SanctionedEntity } from '@kyc/screening-domain';
import type { RankedHit } from './name-eval-set';

function normalizeTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .split(/\s+/u)
    .filter((token) => token !== '');
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

export class JaroWinklerBaseline {
  private readonly vocabulary: string[] = [];
  private readonly names: { entity: string; tokens: number[] }[] = [];

  constructor(entities: readonly SanctionedEntity[]) {
    const ids = new Map<string, number>();
    for (const entity of entities) {
      for (const name of [entity.name, ...entity.aliases.map((alias) => alias.name)]) {
        const tokens = normalizeTokens(name).map((token) => {
          let id = ids.get(token);
          if (id === undefined) {
            id = this.vocabulary.length;
            ids.set(token, id);
            this.vocabulary.push(token);
          }
          return id;
        });
        if (tokens.length > 0) this.names.push({ entity: entity.id, tokens });
      }
    }
  }

  /**
   * Every name is scored (a full scan). Each query token's Jaro-Winkler to each distinct listed token is
   * computed once per query, which changes the cost, not the result.
   */
  search(query: string, limit: number): RankedHit[] {
    const tokens = normalizeTokens(query);
    const similarity = tokens.map((token) =>
      Float64Array.from(this.vocabulary, (other) => jaroWinkler(token, other)),
    );
    const queryLength = tokens.reduce((sum, token) => sum + token.length, 0);
    const best = new Map<string, number>();
    for (const name of this.names) {
      // Length-weighted best-token average, query to name and name to query.
      let forward = 0;
      tokens.forEach((token, i) => {
        let top = 0;
        for (const id of name.tokens) top = Math.max(top, similarity[i][id]);
        forward += top * token.length;
      });
      let backward = 0;
      let nameLength = 0;
      for (const id of name.tokens) {
        let top = 0;
        for (let i = 0; i < tokens.length; i++) top = Math.max(top, similarity[i][id]);
        backward += top * this.vocabulary[id].length;
        nameLength += this.vocabulary[id].length;
      }
      const score = queryLength === 0 ? 0 : (forward / queryLength + backward / nameLength) / 2;
      if (score > (best.get(name.entity) ?? 0)) best.set(name.entity, score);
    }
    return [...best.entries()]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}
