import type { EntityAlias, SanctionedEntity } from '../model';
import { applyBirthYear, applyCountry } from './attribute-evidence';
import { InvalidScreeningQueryError } from './invalid-screening-query.error';
import { type AlignmentSide, type AlignmentUnit, alignNames, type NameAlignment } from './name-alignment';
import type { NameToken } from './name-parts/name-token';
import { NameVocabulary } from './name-vocabulary';
import { analyzeName, isJoinable, joinTokens } from './normalize-name';
import { queryUnits } from './alignment-units';
import { explainName } from './name-explanation';
import type { MatchExplanation } from './match-explanation';
import { type ScreeningMatch, type ScreeningQuery, validateScreeningQuery } from './screening-query';
import { DEFAULT_MATCH_THRESHOLD, WEAK_ALIAS_FACTOR } from './scoring-constants';
import { compareTokens, type TokenComparison } from './token-similarity';
import { tokenWeight } from './token-weights';

export interface NameScreeningIndexOptions {
  /** How many entities, best by a cheap pre-score, are scored precisely per query (default 60). */
  candidateEntities?: number;
  /** How many vocabulary tokens one query token may be checked against (default 400). */
  tokensPerQueryToken?: number;
}

interface IndexedName {
  entity: number;
  published: string;
  alias: EntityAlias | undefined;
  tokens: Int32Array;
  /** Vocabulary ids of adjacent token pairs written as one, -1 where the pair cannot be joined. */
  joins: Int32Array;
  surnames: boolean[];
}

/** Tokens of a query beyond this many are ignored: no real name has more, and work per query stays bounded. */
const MAX_QUERY_TOKENS = 16;
/** Names of one entity scored precisely per query, best pre-score first. */
const NAMES_PER_ENTITY = 12;

/**
 * The name-screening engine: an inverted index from spelling keys to the names and aliases of every listed
 * entity. A query retrieves a bounded set of candidate entities through the index, then scores each of
 * their matching names precisely (token alignment, romanisation-aware similarity, token weights) and keeps
 * the best name per entity.
 */
export class NameScreeningIndex {
  private readonly names: IndexedName[] = [];
  private readonly vocabulary = new NameVocabulary();
  private readonly candidateEntities: number;
  private readonly tokensPerQueryToken: number;
  // Scratch space reused by every query, sized to the index: no per-query allocation proportional to the lists.
  private readonly preScore: Float64Array;
  private readonly touchedBy: Int32Array;
  private readonly seenForUnit: Int32Array;
  private queryCounter = 0;
  private unitCounter = 0;

  private constructor(
    private readonly entities: readonly SanctionedEntity[],
    options: NameScreeningIndexOptions,
  ) {
    this.candidateEntities = options.candidateEntities ?? 60;
    this.tokensPerQueryToken = options.tokensPerQueryToken ?? 400;
    entities.forEach((entity, index) => this.addEntity(entity, index));
    this.vocabulary.seal(entities.length);
    this.preScore = new Float64Array(this.names.length);
    this.touchedBy = new Int32Array(this.names.length);
    this.seenForUnit = new Int32Array(this.names.length);
  }

  static build(entities: readonly SanctionedEntity[], options: NameScreeningIndexOptions = {}): NameScreeningIndex {
    return new NameScreeningIndex(entities, options);
  }

  /** The number of indexed entities. */
  get size(): number {
    return this.entities.length;
  }

  search(query: ScreeningQuery): ScreeningMatch[] {
    const valid = validateScreeningQuery(query, DEFAULT_MATCH_THRESHOLD);
    const tokens = analyzeName(valid.name, { type: valid.type }).slice(0, MAX_QUERY_TOKENS);
    if (tokens.length === 0) throw new InvalidScreeningQueryError('name', 'name has no letters or digits');
    const units = queryUnits(tokens);
    const side: AlignmentSide = { units, tokenCount: tokens.length };
    const cache = units.map((unit) => this.vocabulary.lookup(unit.token, this.tokensPerQueryToken) as Map<number, TokenComparison | null>);
    const unmatchedWeights = tokens.map((token, i) => this.unmatchedWeight(token, cache[i]));

    const results: ScreeningMatch[] = [];
    for (const [entityIndex, nameIds] of this.candidates(units, cache)) {
      const entity = this.entities[entityIndex];
      if (valid.type !== undefined && entity.type !== valid.type) continue;
      let best: { alignment: NameAlignment; name: IndexedName; score: number } | undefined;
      for (const nameId of nameIds) {
        const name = this.names[nameId];
        const alignment = this.align(side, cache, unmatchedWeights, name, entity);
        const score = name.alias?.strength === 'weak' ? alignment.score * WEAK_ALIAS_FACTOR : alignment.score;
        if (!best || score > best.score) best = { alignment, name, score };
      }
      if (!best) continue;
      let score = best.score;
      const explanation: MatchExplanation = {
        name: explainName(tokens, best.alignment, this.nameTokens(best.name), best.name.alias, best.score),
      };
      if (valid.birthYear !== undefined) {
        const evidence = applyBirthYear(score, valid.birthYear, entity.birthDates);
        score = evidence.score;
        explanation.birth_year = evidence.explanation;
      }
      if (valid.country !== undefined) {
        const evidence = applyCountry(score, valid.country, entity);
        score = evidence.score;
        explanation.country = evidence.explanation;
      }
      if (valid.type !== undefined) explanation.type = { query: valid.type, candidate: entity.type, effect: 'match' };
      if (score < valid.minScore) continue;
      results.push({ entity, matchedName: best.name.published, score: Math.min(1, score), explanation });
    }
    return results.sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id)).slice(0, valid.limit);
  }

  private addEntity(entity: SanctionedEntity, entityIndex: number): void {
    const seen = new Set<string>();
    const published: [string, EntityAlias | undefined][] = [[entity.name, undefined], ...entity.aliases.map((a): [string, EntityAlias] => [a.name, a])];
    for (const [text, alias] of published) {
      const tokens = analyzeName(text, { type: entity.type, published: true });
      if (tokens.length === 0) continue;
      // EU publishes one name in many languages; identical spellings after normalisation are one name,
      // and a strong spelling wins over a weak one.
      const signature = tokens.map((token) => token.text).join(' ');
      if (seen.has(signature)) continue;
      seen.add(signature);
      const nameId = this.names.length;
      const ids = Int32Array.from(tokens, (token) => this.vocabulary.add(token, false, nameId, entityIndex));
      const joins = new Int32Array(Math.max(0, tokens.length - 1)).fill(-1);
      for (let j = 0; j + 1 < tokens.length; j++) {
        if (isJoinable(tokens[j]) && isJoinable(tokens[j + 1])) {
          joins[j] = this.vocabulary.add(joinTokens([tokens[j], tokens[j + 1]]), true, nameId, entityIndex);
        }
      }
      this.names.push({ entity: entityIndex, published: text, alias, tokens: ids, joins, surnames: tokens.map((t) => t.surname) });
    }
  }

  private nameTokens(name: IndexedName): NameToken[] {
    return Array.from(name.tokens, (id) => this.vocabulary.tokens[id]);
  }

  /**
   * Candidate entities with the names to score precisely: every name that shares a keyed token with the query
   * gets a pre-score (the weight of the query tokens it matches); the best `candidateEntities` entities by
   * their best name go on.
   */
  private candidates(units: AlignmentUnit[], cache: Map<number, TokenComparison | null>[]): Map<number, number[]> {
    const queryId = ++this.queryCounter;
    const touched: number[] = [];
    const identifying = units.some((unit) => unit.token.kind === 'name' || unit.token.kind === 'patronymic' || unit.token.kind === 'number');
    units.forEach((unit, u) => {
      if (identifying && !['name', 'patronymic', 'number'].includes(unit.token.kind)) return;
      const unitId = ++this.unitCounter;
      const matches = [...cache[u].entries()].sort((a, b) => (b[1]?.similarity ?? 0) - (a[1]?.similarity ?? 0));
      for (const [id, comparison] of matches) {
        if (!comparison) continue;
        const token = this.vocabulary.tokens[id];
        const gain = comparison.similarity * tokenWeight(token.kind, this.vocabulary.entityFrequency[id], this.vocabulary.entities) * unit.indexes.length;
        for (const nameId of this.vocabulary.postings[id]) {
          if (this.seenForUnit[nameId] === unitId) continue;
          this.seenForUnit[nameId] = unitId;
          if (this.touchedBy[nameId] !== queryId) {
            this.touchedBy[nameId] = queryId;
            this.preScore[nameId] = 0;
            touched.push(nameId);
          }
          this.preScore[nameId] += gain;
        }
      }
    });

    // Among equal pre-scores, shorter names are likelier to be the whole of what was asked for.
    const score = (nameId: number) => this.preScore[nameId] - 0.01 * this.names[nameId].tokens.length;
    const bestOf = new Map<number, number>();
    for (const nameId of touched) {
      const entity = this.names[nameId].entity;
      const current = bestOf.get(entity);
      if (current === undefined || score(nameId) > current) bestOf.set(entity, score(nameId));
    }
    const chosen = [...bestOf.entries()].sort((a, b) => b[1] - a[1]).slice(0, this.candidateEntities);
    const selected = new Map<number, number[]>(chosen.map(([entity]) => [entity, []]));
    for (const nameId of touched) selected.get(this.names[nameId].entity)?.push(nameId);
    for (const [entity, nameIds] of selected) {
      selected.set(entity, nameIds.sort((a, b) => score(b) - score(a)).slice(0, NAMES_PER_ENTITY));
    }
    return selected;
  }

  /**
   * What a query token weighs when a candidate has nothing for it: as much as the most common listed token it
   * resembles, so a misspelt common name ("Ahmsd") is not taken for a rare one; fully if it resembles none.
   */
  private unmatchedWeight(token: NameToken, lookup: Map<number, TokenComparison | null>): number {
    let frequency = 0;
    const own = this.vocabulary.idOf(token);
    if (own !== undefined) frequency = this.vocabulary.entityFrequency[own];
    for (const [id, comparison] of lookup) {
      if (comparison) frequency = Math.max(frequency, this.vocabulary.entityFrequency[id]);
    }
    return tokenWeight(token.kind, frequency, this.vocabulary.entities);
  }

  private align(
    query: AlignmentSide,
    cache: Map<number, TokenComparison | null>[],
    unmatchedWeights: readonly number[],
    name: IndexedName,
    entity: SanctionedEntity,
  ): NameAlignment {
    const vocabulary = this.vocabulary;
    const tokenCount = name.tokens.length;
    const unitIds: number[] = Array.from(name.tokens);
    const units: AlignmentUnit[] = unitIds.map((id, j) => ({ indexes: [j], token: vocabulary.tokens[id] }));
    name.joins.forEach((id, j) => {
      if (id < 0) return;
      unitIds.push(id);
      units.push({ indexes: [j, j + 1], token: vocabulary.tokens[id] });
    });
    const compare = (q: number, c: number): TokenComparison | undefined => {
      const id = unitIds[c];
      const known = cache[q].get(id);
      if (known !== undefined) return known ?? undefined;
      const computed = compareTokens(query.units[q].token, vocabulary.tokens[id]);
      cache[q].set(id, computed ?? null);
      return computed;
    };
    const weightOf = (id: number) => tokenWeight(vocabulary.tokens[id].kind, vocabulary.entityFrequency[id], vocabulary.entities);
    return alignNames(
      query,
      { units, tokenCount },
      compare,
      {
        query: (i, matched) => {
          const token = query.units[i].token;
          if (matched === undefined) return unmatchedWeights[i];
          return tokenWeight(token.kind, vocabulary.entityFrequency[unitIds[matched]], vocabulary.entities);
        },
        candidate: (j) => weightOf(unitIds[j]),
        surname: (j) => name.surnames[j],
      },
      entity.type,
    );
  }
}
