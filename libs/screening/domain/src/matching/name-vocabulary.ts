import type { NameToken } from './name-parts/name-token';
import { phoneticKey } from './text/phonetic-key';
import { compareTokens, type ComparableToken, type TokenComparison } from './token-similarity';
import { tokenWeight } from './token-weights';

type KeyTable = Map<string, number | number[]>;

/**
 * Shortest phonetic key whose one-letter deletions are keyed: a four-letter key can stand for a five-letter
 * spelling (doubled letters collapse), five letters being the shortest name with an edit budget. And the
 * shortest spelling whose own deletions are looked up.
 */
const MIN_DELETION_LENGTH = 4;
const MIN_SPELLING_DELETION_LENGTH = 5;
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
  /** Entities that use each token's spelling (in any script), for its weight. */
  readonly entityFrequency: number[] = [];
  private weights = new Float64Array(0);
  /** The last entity counted for each token. */
  private lastEntity: number[] = [];
  /** Token ids by spelling; one spelling may be several tokens (a name part and a particle, two scripts). */
  private readonly bySpelling = new Map<string, number | number[]>();
  // The lookup tables: exact phonetic key, one-letter deletions of it, and consonant skeletons of
  // Arabic-script and of other tokens.
  private readonly phonetic: KeyTable = new Map();
  private readonly deleted: KeyTable = new Map();
  private readonly arabicSkeleton: KeyTable = new Map();
  private readonly latinSkeleton: KeyTable = new Map();
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

  /** Builds the lookup table and token weights once every name is in; `entityOf` maps a name id to its entity. */
  seal(entityCount: number, entityOf: (nameId: number) => number): void {
    this.entityCount = entityCount;
    this.lastEntity = [];
    this.countAcrossScripts(entityOf);
    this.weights = Float64Array.from(this.tokens, (token, id) =>
      tokenWeight(token.kind, this.entityFrequency[id], entityCount),
    );
    this.tokens.forEach((token, id) => {
      addTo(this.phonetic, token.phonetic, id);
      if (!IDENTIFYING.has(token.kind)) return;
      if (token.phonetic.length >= MIN_DELETION_LENGTH) {
        for (const deleted of deletions(token.phonetic)) addTo(this.deleted, deleted, id);
      }
      if (token.skeleton !== '')
        addTo(token.script === 'arabic' ? this.arabicSkeleton : this.latinSkeleton, token.skeleton, id);
    });
  }

  /**
   * A name is as common in Cyrillic as in Latin: a spelling that occurs in several scripts weighs by the
   * entities using it in any of them.
   */
  private countAcrossScripts(entityOf: (nameId: number) => number): void {
    for (const ids of this.bySpelling.values()) {
      if (typeof ids === 'number') continue;
      const byKind = new Map<string, number[]>();
      for (const id of ids)
        byKind.set(this.tokens[id].kind, [...(byKind.get(this.tokens[id].kind) ?? []), id]);
      for (const group of byKind.values()) {
        if (group.length < 2) continue;
        const entities = new Set(group.flatMap((id) => this.postings[id].map(entityOf)));
        for (const id of group) this.entityFrequency[id] = entities.size;
      }
    }
  }

  get entities(): number {
    return this.entityCount;
  }

  /** How much the token identifies (token-weights.ts), from its class and how many entities use it. */
  weight(id: number): number {
    return this.weights[id];
  }

  /**
   * The vocabulary tokens that a query token may be a spelling of, with their comparison, verifying at most
   * `limit` keyed tokens so a query never scans the vocabulary.
   */
  lookup(query: ComparableToken, limit: number): Map<number, TokenComparison> {
    const found = new Map<number, TokenComparison>();
    const seen = new Set<number>();
    const visit = (table: KeyTable, key: string) => {
      forEach(table.get(key), (id) => {
        if (seen.size >= limit || seen.has(id)) return;
        seen.add(id);
        const comparison = compareTokens(query, this.tokens[id]);
        if (comparison) found.set(id, comparison);
      });
    };
    const phonetic = query.phonetic;
    visit(this.phonetic, phonetic);
    if (!IDENTIFYING.has(query.kind)) return found;
    visit(this.deleted, phonetic);
    if (phonetic.length >= MIN_DELETION_LENGTH) {
      for (const deleted of deletions(phonetic)) {
        visit(this.phonetic, deleted);
        visit(this.deleted, deleted);
      }
    }
    // A typo can change which key rules fire ("djess" for "dhess"), so single edits of the spelling itself
    // are keyed too.
    if (query.text.length >= MIN_SPELLING_DELETION_LENGTH) {
      for (const deleted of deletions(query.text)) {
        const key = phoneticKey(deleted);
        visit(this.phonetic, key);
        visit(this.deleted, key);
      }
    }
    // Arabic script is compared to Latin spellings by consonants, both ways; Latin spellings that differ in
    // several vowels (Mohammed, Muhammad) are found by consonants too.
    if (query.skeleton !== '') {
      visit(this.arabicSkeleton, query.skeleton);
      if (query.script === 'arabic' || query.skeleton.replace('_', '').length >= MIN_LATIN_SKELETON) {
        visit(this.latinSkeleton, query.skeleton);
      }
    }
    return found;
  }

  /**
   * Listed tokens that a query token contains as a left and a right part ("alassad" holds "al" and "assad",
   * "ramimakhlouf" holds "rami" and "makhlouf"), for names whose parts the query wrote joined.
   */
  splits(query: ComparableToken): { left: number[]; right: number[] } {
    const left = new Set<number>();
    const right = new Set<number>();
    if (IDENTIFYING.has(query.kind) && query.text.length >= MIN_SPLIT_TOKEN) {
      for (let cut = MIN_SPLIT_PART; cut <= query.text.length - MIN_SPLIT_PART; cut++) {
        const leftIds = this.phonetic.get(phoneticKey(query.text.slice(0, cut)));
        const rightIds =
          leftIds === undefined ? undefined : this.phonetic.get(phoneticKey(query.text.slice(cut)));
        if (leftIds === undefined || rightIds === undefined) continue;
        forEach(leftIds, (id) => left.add(id));
        forEach(rightIds, (id) => right.add(id));
      }
    }
    return { left: [...left], right: [...right] };
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
