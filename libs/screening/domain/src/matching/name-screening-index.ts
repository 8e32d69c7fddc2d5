import type { EntityAlias, SanctionedEntity } from '../model';
import { queryUnits } from './alignment-units';
import { applyBirthYear, applyCountry } from './attribute-evidence';
import { InvalidScreeningQueryError } from './invalid-screening-query.error';
import type { MatchExplanation } from './match-explanation';
import { type AlignmentSide, type AlignmentUnit, alignNames, type NameAlignment } from './name-alignment';
import { explainName } from './name-explanation';
import type { NameToken } from './name-parts/name-token';
import { NameVocabulary } from './name-vocabulary';
import { analyzeName, concatenateTokens, isJoinable } from './normalize-name';
import { type ScreeningMatch, type ScreeningQuery, validateScreeningQuery } from './screening-query';
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

interface IndexedName {
  entity: number;
  published: string;
  alias: EntityAlias | undefined;
  /** Vocabulary ids, in natural order (given names first for OFAC's "LAST, First"). */
  tokens: Int32Array;
  surnames: boolean[];
}

/** Per query: each query unit's comparisons with vocabulary tokens (null: compared, no match). */
type ComparisonCache = Map<number, TokenComparison | null>[];

/** Tokens of a query beyond this many are ignored: no real name has more, and work per query stays bounded. */
const MAX_QUERY_TOKENS = 16;
/** Names of one entity scored precisely per query, best pre-score first. */
const NAMES_PER_ENTITY = 12;
/** Listed parts found inside a query token count this share of the token towards the pre-score. */
const SPLIT_PART_SHARE = 0.5;
/** A query token that already has a spelling this close in the vocabulary is not tried as two joined parts. */
const GOOD_ENOUGH_FOR_NO_SPLIT = 0.9;
const RETRIEVING = new Set(['name', 'patronymic', 'number']);

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
    const keyCache = new Map<string, SpellingKeys>();
    entities.forEach((entity, index) => this.addEntity(entity, index, keyCache));
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
    const cache: ComparisonCache = units.map((unit) => this.vocabulary.lookup(unit.token, this.tokensPerQueryToken));
    const unmatchedWeights = tokens.map((token, i) => this.unmatchedWeight(token, cache[i]));
    const side: AlignmentSide = { units, tokenCount: tokens.length };

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

  private addEntity(entity: SanctionedEntity, entityIndex: number, keyCache: Map<string, SpellingKeys>): void {
    const seen = new Set<string>();
    // Strong aliases first: when two spellings normalise alike, the strong one is kept.
    const aliases = [...entity.aliases].sort((a, b) => Number(a.strength === 'weak') - Number(b.strength === 'weak'));
    const published: [string, EntityAlias | undefined][] = [[entity.name, undefined], ...aliases.map((a): [string, EntityAlias] => [a.name, a])];
    for (const [text, alias] of published) {
      const tokens = analyzeName(text, { type: entity.type, published: true, keyCache });
      if (tokens.length === 0) continue;
      // EU publishes one name in many languages; identical spellings after normalisation are one name.
      const signature = tokens.map((token) => token.text).join(' ');
      if (seen.has(signature)) continue;
      seen.add(signature);
      const nameId = this.names.length;
      const ids = Int32Array.from(tokens, (token) => this.vocabulary.add(token, nameId, entityIndex));
      this.names.push({ entity: entityIndex, published: text, alias, tokens: ids, surnames: tokens.map((t) => t.surname) });
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

  /**
   * Candidate entities with the names to score precisely: every name that shares a keyed token with the query
   * gets a pre-score (the weight of the query tokens it matches); the best `candidateEntities` entities by
   * their best name go on. Low-information tokens (particles, legal forms) only retrieve when the query has
   * nothing else.
   */
  private candidates(units: readonly AlignmentUnit[], cache: ComparisonCache): Map<number, number[]> {
    const queryId = ++this.queryCounter;
    const touched: number[] = [];
    const identifying = units.some((unit) => RETRIEVING.has(unit.token.kind));
    const credit = (ids: Iterable<[number, number]>) => {
      const unitId = ++this.unitCounter;
      for (const [id, share] of ids) {
        const gain = share * tokenWeight(this.vocabulary.tokens[id].kind, this.vocabulary.entityFrequency[id], this.vocabulary.entities);
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
    };
    units.forEach((unit, u) => {
      if (identifying && !RETRIEVING.has(unit.token.kind)) return;
      const matches: [number, number][] = [];
      for (const [id, comparison] of cache[u]) if (comparison) matches.push([id, comparison.similarity * unit.indexes.length]);
      // Best first, so a name is credited with its closest spelling of this query token.
      credit(matches.sort((a, b) => b[1] - a[1]));
      const best = matches.length === 0 ? 0 : matches[0][1] / unit.indexes.length;
      if (unit.indexes.length === 1 && best < GOOD_ENOUGH_FOR_NO_SPLIT) {
        credit(this.vocabulary.splits(unit.token).map((id): [number, number] => [id, SPLIT_PART_SHARE]));
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

  private align(
    query: AlignmentSide,
    cache: ComparisonCache,
    unmatchedWeights: readonly number[],
    name: IndexedName,
    entity: SanctionedEntity,
  ): NameAlignment {
    const vocabulary = this.vocabulary;
    const ids = name.tokens;
    const units: AlignmentUnit[] = Array.from(ids, (id, j) => ({ indexes: [j], token: vocabulary.tokens[id] }));
    for (let j = 0; j + 1 < ids.length; j++) {
      const [a, b] = [vocabulary.tokens[ids[j]], vocabulary.tokens[ids[j + 1]]];
      if (isJoinable(a) && isJoinable(b)) units.push({ indexes: [j, j + 1], token: concatenateTokens(a, b) });
    }
    const compare = (q: number, c: number): TokenComparison | undefined => {
      if (c >= ids.length) return compareTokens(query.units[q].token, units[c].token);
      const known = cache[q].get(ids[c]);
      if (known !== undefined) return known ?? undefined;
      const computed = compareTokens(query.units[q].token, units[c].token);
      cache[q].set(ids[c], computed ?? null);
      return computed;
    };
    const weightOf = (id: number) => tokenWeight(vocabulary.tokens[id].kind, vocabulary.entityFrequency[id], vocabulary.entities);
    return alignNames(
      query,
      { units, tokenCount: ids.length },
      compare,
      {
        query: (i, matched) => {
          if (matched === undefined) return unmatchedWeights[i];
          const token = query.units[i].token;
          // A token matched to a joined pair is as informative as the rarer of the two.
          const frequency = Math.min(...units[matched].indexes.map((j) => vocabulary.entityFrequency[ids[j]]));
          return tokenWeight(token.kind, frequency, vocabulary.entities);
        },
        candidate: (j) => weightOf(ids[j]),
        surname: (j) => name.surnames[j],
      },
      entity.type,
    );
  }
}
