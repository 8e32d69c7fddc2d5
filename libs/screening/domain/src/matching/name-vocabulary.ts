import type { NameToken } from './name-parts/name-token';
import { compareTokens, type ComparableToken, type TokenComparison } from './token-similarity';
import { informativeness } from './token-weights';

/** Key namespaces of the lookup table. */
const PHONETIC = 'p';
const DELETION = 'd';
const ARABIC_SKELETON = 'a';
const LATIN_SKELETON = 'l';

/** Shortest phonetic key that gets one-deletion neighbours: shorter tokens only tolerate vowel changes. */
const MIN_DELETION_LENGTH = 4;
/** Shortest Latin skeleton worth a lookup: shorter ones ("l" of Ali) are shared by too many tokens. */
const MIN_LATIN_SKELETON = 4;

const IDENTIFYING = new Set(['name', 'patronymic']);

function deletions(key: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) out.add(key.slice(0, i) + key.slice(i + 1));
  return [...out];
}

/**
 * Every distinct token of every listed name (and every pair of adjacent tokens written as one), with the
 * names that use it and a lookup table from spelling keys to tokens: the exact phonetic key, its one-letter
 * deletions (symmetric deletion finds any single edit without scanning the vocabulary), and consonant
 * skeletons for Arabic-script names.
 */
export class NameVocabulary {
  readonly tokens: NameToken[] = [];
  /** Names (ids) that use each token. */
  readonly postings: number[][] = [];
  /** Entities that use each token, for its weight. */
  readonly entityFrequency: number[] = [];
  private informativenessOf: Float64Array = new Float64Array(0);
  private readonly joins: boolean[] = [];
  private readonly lastEntity: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly keys = new Map<string, number | number[]>();
  private entityCount = 0;

  private static identity(token: NameToken): string {
    return `${token.kind}|${token.script}|${token.text}`;
  }

  /** The id of a token already in the vocabulary with the same spelling, class and script. */
  idOf(token: NameToken): number | undefined {
    return this.ids.get(NameVocabulary.identity(token));
  }

  /** Records that name `nameId` of entity `entity` uses the token; returns the token's id. */
  add(token: NameToken, join: boolean, nameId: number, entity: number): number {
    const identity = NameVocabulary.identity(token);
    let id = this.ids.get(identity);
    if (id === undefined) {
      id = this.tokens.length;
      this.ids.set(identity, id);
      this.tokens.push(token);
      this.joins.push(join);
      this.postings.push([]);
      this.entityFrequency.push(0);
      this.lastEntity.push(-1);
    }
    const postings = this.postings[id];
    if (postings[postings.length - 1] !== nameId) postings.push(nameId);
    if (this.lastEntity[id] !== entity) {
      this.lastEntity[id] = entity;
      this.entityFrequency[id] += 1;
    }
    return id;
  }

  /** Builds the lookup table and token weights once every name is in. */
  seal(entityCount: number): void {
    this.entityCount = entityCount;
    this.informativenessOf = Float64Array.from(this.entityFrequency, (df) => informativeness(df, entityCount));
    this.tokens.forEach((token, id) => {
      this.addKey(PHONETIC + token.phonetic, id);
      if (this.joins[id] || !IDENTIFYING.has(token.kind)) return;
      if (token.phonetic.length >= MIN_DELETION_LENGTH) {
        for (const deleted of deletions(token.phonetic)) this.addKey(DELETION + deleted, id);
      }
      if (token.skeleton !== '') {
        this.addKey((token.script === 'arabic' ? ARABIC_SKELETON : LATIN_SKELETON) + token.skeleton, id);
      }
    });
    this.lastEntity.length = 0;
  }

  get size(): number {
    return this.tokens.length;
  }

  get entities(): number {
    return this.entityCount;
  }

  /** 0.3..1: how much the token identifies, from how many entities use it. */
  informativeness(id: number): number {
    return this.informativenessOf[id];
  }

  /**
   * The vocabulary tokens that a query token may be a spelling of, with their comparison, verifying at most
   * `limit` keyed tokens so a query never scans the vocabulary.
   */
  lookup(query: ComparableToken, limit: number): Map<number, TokenComparison> {
    const found = new Map<number, TokenComparison>();
    const seen = new Set<number>();
    const visit = (key: string) => {
      const hit = this.keys.get(key);
      if (hit === undefined) return;
      for (const id of typeof hit === 'number' ? [hit] : hit) {
        if (seen.size >= limit) return;
        if (seen.has(id)) continue;
        seen.add(id);
        const comparison = compareTokens(query, this.tokens[id]);
        if (comparison) found.set(id, comparison);
      }
    };
    const phonetic = query.phonetic;
    visit(PHONETIC + phonetic);
    if (!IDENTIFYING.has(query.kind)) return found;
    visit(DELETION + phonetic);
    if (phonetic.length >= MIN_DELETION_LENGTH) {
      for (const deleted of deletions(phonetic)) {
        visit(PHONETIC + deleted);
        visit(DELETION + deleted);
      }
    }
    if (query.skeleton !== '') {
      visit(ARABIC_SKELETON + query.skeleton);
      if (query.script === 'arabic' || query.skeleton.length >= MIN_LATIN_SKELETON) visit(LATIN_SKELETON + query.skeleton);
    }
    return found;
  }

  private addKey(key: string, id: number): void {
    const existing = this.keys.get(key);
    if (existing === undefined) this.keys.set(key, id);
    else if (typeof existing === 'number') {
      if (existing !== id) this.keys.set(key, [existing, id]);
    } else if (existing[existing.length - 1] !== id) existing.push(id);
  }
}
