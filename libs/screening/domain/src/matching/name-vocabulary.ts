import type { NameToken } from './name-parts/name-token';
import { phoneticKey } from './text/phonetic-key';
import { compareTokens, type ComparableToken, type TokenComparison } from './token-similarity';
import { informativeness } from './token-weights';

/** Key namespaces of the lookup table. */
const PHONETIC = 'p';
const DELETION = 'd';
const ARABIC_SKELETON = 'a';
const LATIN_SKELETON = 'l';

/** Shortest phonetic key that gets one-deletion neighbours: shorter tokens only tolerate vowel changes. */
const MIN_DELETION_LENGTH = 4;
const MIN_RAW_DELETION_LENGTH = 5;
/** Shortest Latin skeleton worth a lookup: shorter ones ("l" of Ali) are shared by too many tokens. */
const MIN_LATIN_SKELETON = 4;
/** Shortest part of a query token tried as a listed token written joined to its neighbour. */
const MIN_SPLIT_PART = 2;
const MIN_SPLIT_TOKEN = 6;

const IDENTIFYING = new Set(['name', 'patronymic']);

function deletions(key: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) out.add(key.slice(0, i) + key.slice(i + 1));
  return [...out];
}

/**
 * Every distinct token of every listed name, with the names that use it, and a lookup table from spelling
 * keys to tokens: the exact phonetic key, its one-letter deletions (symmetric deletion finds any single edit
 * without scanning the vocabulary), and consonant skeletons for Arabic-script names.
 */
export class NameVocabulary {
  readonly tokens: NameToken[] = [];
  /** Names (ids) that use each token, ascending. */
  readonly postings: number[][] = [];
  /** Entities that use each token, for its weight. */
  readonly entityFrequency: number[] = [];
  private informativenessOf = new Float64Array(0);
  private lastEntity: number[] = [];
  /** Token ids by spelling; one spelling may be several tokens (a name part and a particle, two scripts). */
  private readonly bySpelling = new Map<string, number | number[]>();
  private readonly keys = new Map<string, number | number[]>();
  private entityCount = 0;

  /** The id of a token already in the vocabulary with the same spelling, class and script. */
  idOf(token: ComparableToken): number | undefined {
    const ids = this.bySpelling.get(token.text);
    if (ids === undefined) return undefined;
    for (const id of typeof ids === 'number' ? [ids] : ids) {
      const known = this.tokens[id];
      if (known.kind === token.kind && known.script === token.script) return id;
    }
    return undefined;
  }

  /** Records that name `nameId` of entity `entity` uses the token; returns the token's id. */
  add(token: NameToken, nameId: number, entity: number): number {
    let id = this.idOf(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.tokens.push(token);
      this.postings.push([]);
      this.entityFrequency.push(0);
      this.lastEntity.push(-1);
      addTo(this.bySpelling, token.text, id);
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
      addTo(this.keys, PHONETIC + token.phonetic, id);
      if (!IDENTIFYING.has(token.kind)) return;
      if (token.phonetic.length >= MIN_DELETION_LENGTH) {
        for (const deleted of deletions(token.phonetic)) addTo(this.keys, DELETION + deleted, id);
      }
      if (token.skeleton !== '') addTo(this.keys, (token.script === 'arabic' ? ARABIC_SKELETON : LATIN_SKELETON) + token.skeleton, id);
    });
    this.lastEntity = [];
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
      forEach(this.keys.get(key), (id) => {
        if (seen.size >= limit || seen.has(id)) return;
        seen.add(id);
        const comparison = compareTokens(query, this.tokens[id]);
        if (comparison) found.set(id, comparison);
      });
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
    // A typo can change which key rules fire ("djess" for "dhess"), so single edits of the spelling itself
    // are keyed too.
    if (query.text.length >= MIN_RAW_DELETION_LENGTH) {
      for (const deleted of deletions(query.text)) {
        const key = phoneticKey(deleted);
        visit(PHONETIC + key);
        visit(DELETION + key);
      }
    }
    if (query.skeleton !== '') {
      visit(ARABIC_SKELETON + query.skeleton);
      if (query.script === 'arabic' || query.skeleton.replace('_', '').length >= MIN_LATIN_SKELETON) visit(LATIN_SKELETON + query.skeleton);
    }
    return found;
  }

  /**
   * Listed tokens that a query token contains as a left and right part ("alassad" holds "al" and "assad",
   * "ramimakhlouf" holds "rami" and "makhlouf"), for names whose parts the query wrote joined.
   */
  splits(query: ComparableToken): number[] {
    if (!IDENTIFYING.has(query.kind) || query.text.length < MIN_SPLIT_TOKEN) return [];
    const out = new Set<number>();
    for (let cut = MIN_SPLIT_PART; cut <= query.text.length - MIN_SPLIT_PART; cut++) {
      const left = this.keys.get(PHONETIC + phoneticKey(query.text.slice(0, cut)));
      const right = this.keys.get(PHONETIC + phoneticKey(query.text.slice(cut)));
      if (left === undefined || right === undefined) continue;
      forEach(left, (id) => out.add(id));
      forEach(right, (id) => out.add(id));
    }
    return [...out];
  }
}

function addTo(map: Map<string, number | number[]>, key: string, id: number): void {
  const existing = map.get(key);
  if (existing === undefined) map.set(key, id);
  else if (typeof existing === 'number') {
    if (existing !== id) map.set(key, [existing, id]);
  } else if (existing[existing.length - 1] !== id) existing.push(id);
}

function forEach(ids: number | number[] | undefined, visit: (id: number) => void): void {
  if (ids === undefined) return;
  if (typeof ids === 'number') visit(ids);
  else for (const id of ids) visit(id);
}
