import type { EntityAlias, SanctionedEntity } from '../model';
import { CandidateRetrieval } from './candidate-retrieval';
import type { ComparisonCache, IndexedName } from './indexed-name';
import { candidateUnits, queryUnits } from './alignment-units';
import { applyBirthYear, applyCountry } from './attribute-evidence';
import { InvalidScreeningQueryError } from './invalid-screening-query.error';
import type { MatchExplanation } from './match-explanation';
import { type AlignmentSide, type AlignmentWeights, alignNames, type NameAlignment } from './name-alignment';
import { explainName } from './name-explanation';
import type { NameToken } from './name-parts/name-token';
import { NameVocabulary } from './name-vocabulary';
import { analyzeName } from './normalize-name';
import {
  type ScreeningMatch,
  type ScreeningQuery,
  type ValidScreeningQuery,
  validateScreeningQuery,
} from './screening-query';
import { DEFAULT_MATCH_THRESHOLD, WEAK_ALIAS_FACTOR } from './scoring-constants';
import type { SpellingKeys } from './text/phonetic-key';
import { compareTokens, type TokenComparison } from './token-similarity';
import { tokenWeight } from './token-weights';

export interface NameScreeningIndexOptions {
  /** How many entities, best by a cheap pre-score, are scored precisely per query (default 60). */
  candidateEntities?: number;
  /** How many vocabulary tokens one query token may be checked against (default 400). */
  tokensPerQueryToken?: number;
}

/** A validated query with what every candidate is scored against. */
interface PreparedQuery {
  valid: ValidScreeningQuery;
  tokens: NameToken[];
  side: AlignmentSide;
  cache: ComparisonCache;
  unmatchedWeights: number[];
}

const DEFAULT_CANDIDATE_ENTITIES = 60;
const DEFAULT_TOKENS_PER_QUERY_TOKEN = 400;
/** Tokens of a query beyond this many are ignored: no real name has more, and work per query stays bounded. */
const MAX_QUERY_TOKENS = 16;

/**
 * The name-screening engine: an inverted index from spelling keys to the names and aliases of every listed
 * entity. A query retrieves a bounded set of candidate entities through the index, then scores each of
 * their matching names precisely (token alignment, romanisation-aware similarity, token weights) and keeps
 * the best name per entity.
 */
export class NameScreeningIndex {
  private readonly names: IndexedName[] = [];
  private readonly vocabulary = new NameVocabulary();
  private readonly retrieval: CandidateRetrieval;
  private readonly tokensPerQueryToken: number;

  private constructor(
    private readonly entities: readonly SanctionedEntity[],
    options: NameScreeningIndexOptions,
  ) {
    this.tokensPerQueryToken = options.tokensPerQueryToken ?? DEFAULT_TOKENS_PER_QUERY_TOKEN;
    const keyCache = new Map<string, SpellingKeys>();
    entities.forEach((entity, index) => this.addEntity(entity, index, keyCache));
    this.vocabulary.seal(entities.length, (nameId) => this.names[nameId].entity);
    this.retrieval = new CandidateRetrieval(
      this.vocabulary,
      this.names,
      options.candidateEntities ?? DEFAULT_CANDIDATE_ENTITIES,
    );
  }

  static build(
    entities: readonly SanctionedEntity[],
    options: NameScreeningIndexOptions = {},
  ): NameScreeningIndex {
    return new NameScreeningIndex(entities, options);
  }

  /** The number of indexed entities. */
  get size(): number {
    return this.entities.length;
  }

  /** The entities whose names match the query at or above `minScore`, best first, at most `limit`. */
  search(query: ScreeningQuery): ScreeningMatch[] {
    const valid = validateScreeningQuery(query, DEFAULT_MATCH_THRESHOLD);
    const tokens = analyzeName(valid.name, { type: valid.type }).slice(0, MAX_QUERY_TOKENS);
    if (tokens.length === 0) throw new InvalidScreeningQueryError('name', 'name has no letters or digits');
    const units = queryUnits(tokens);
    const cache: ComparisonCache = units.map((unit) =>
      this.vocabulary.lookup(unit.token, this.tokensPerQueryToken),
    );
    const prepared: PreparedQuery = {
      valid,
      tokens,
      cache,
      side: { units, tokenCount: tokens.length },
      unmatchedWeights: tokens.map((token, i) => this.unmatchedWeight(token, cache[i])),
    };
    const results: ScreeningMatch[] = [];
    for (const [entityIndex, nameIds] of this.retrieval.select(units, cache)) {
      const match = this.match(prepared, this.entities[entityIndex], nameIds);
      if (match && match.score >= valid.minScore) results.push(match);
    }
    return results
      .sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id))
      .slice(0, valid.limit);
  }

  /** The entity's best-scoring name, with birth year and country evidence applied; undefined for another type. */
  private match(
    query: PreparedQuery,
    entity: SanctionedEntity,
    nameIds: readonly number[],
  ): ScreeningMatch | undefined {
    const { valid } = query;
    if (valid.type !== undefined && entity.type !== valid.type) return undefined;
    let best: { alignment: NameAlignment; name: IndexedName; score: number } | undefined;
    for (const nameId of nameIds) {
      const name = this.names[nameId];
      const alignment = this.align(query, name, entity);
      const score = name.alias?.strength === 'weak' ? alignment.score * WEAK_ALIAS_FACTOR : alignment.score;
      if (!best || score > best.score) best = { alignment, name, score };
    }
    if (!best) return undefined;
    let score = best.score;
    const explanation: MatchExplanation = {
      name: explainName(
        query.tokens,
        best.alignment,
        this.nameTokens(best.name),
        best.name.alias,
        best.score,
      ),
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
    if (valid.type !== undefined)
      explanation.type = { query: valid.type, candidate: entity.type, effect: 'match' };
    return { entity, matchedName: best.name.published, score: Math.min(1, score), explanation };
  }

  private addEntity(
    entity: SanctionedEntity,
    entityIndex: number,
    keyCache: Map<string, SpellingKeys>,
  ): void {
    const seen = new Set<string>();
    // Strong aliases first: when two spellings normalise alike, the strong one is kept.
    const aliases = [...entity.aliases].sort(
      (a, b) => Number(a.strength === 'weak') - Number(b.strength === 'weak'),
    );
    const published: [string, EntityAlias | undefined][] = [
      [entity.name, undefined],
      ...aliases.map((a): [string, EntityAlias] => [a.name, a]),
    ];
    for (const [text, alias] of published) {
      const tokens = analyzeName(text, { type: entity.type, published: true, keyCache });
      if (tokens.length === 0) continue;
      // EU publishes one name in many languages; identical spellings after normalisation are one name.
      const signature = tokens.map((token) => token.text).join(' ');
      if (seen.has(signature)) continue;
      seen.add(signature);
      const nameId = this.names.length;
      const ids = Int32Array.from(tokens, (token) => this.vocabulary.add(token, nameId, entityIndex));
      this.names.push({
        entity: entityIndex,
        published: text,
        alias,
        tokens: ids,
        surnames: tokens.map((t) => t.surname),
      });
    }
  }

  private nameTokens(name: IndexedName): NameToken[] {
    return Array.from(name.tokens, (id) => this.vocabulary.tokens[id]);
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

  /** Aligns the query with one listed name; comparisons with vocabulary tokens are cached for the query. */
  private align(query: PreparedQuery, name: IndexedName, entity: SanctionedEntity): NameAlignment {
    const { side, cache, unmatchedWeights } = query;
    const vocabulary = this.vocabulary;
    const ids = name.tokens;
    const units = candidateUnits(Array.from(ids, (id) => vocabulary.tokens[id]));
    const compare = (q: number, c: number): TokenComparison | undefined => {
      if (c >= ids.length) return compareTokens(side.units[q].token, units[c].token);
      const known = cache[q].get(ids[c]);
      if (known !== undefined) return known ?? undefined;
      const computed = compareTokens(side.units[q].token, units[c].token);
      cache[q].set(ids[c], computed ?? null);
      return computed;
    };
    const weights: AlignmentWeights = {
      query: (i, matched) => {
        if (matched === undefined) return unmatchedWeights[i];
        // A token matched to a joined pair is as informative as the rarer of the two.
        const frequency = Math.min(...units[matched].indexes.map((j) => vocabulary.entityFrequency[ids[j]]));
        return tokenWeight(side.units[i].token.kind, frequency, vocabulary.entities);
      },
      candidate: (j) => vocabulary.weight(ids[j]),
      surname: (j) => name.surnames[j],
    };
    return alignNames(side, { units, tokenCount: ids.length }, compare, weights, entity.type);
  }
}
