import type { NameToken } from './name-parts/name-token';
import { weightedEditDistance } from './text/edit-distance';

export type MatchKind = 'exact' | 'phonetic' | 'fuzzy' | 'transliteration' | 'initial';

export interface TokenComparison {
  similarity: number;
  kind: MatchKind;
}

/** The fields of a token that comparing it needs. */
export type ComparableToken = Pick<
  NameToken,
  'text' | 'phonetic' | 'skeleton' | 'kind' | 'script' | 'legalFamily'
> & {
  /**
   * Set on tokens glued from neighbours none of which is a particle. Two short names glued together resemble
   * too many names ("He Yan" is not HAYAN, "Betty Ross" has the consonants of Butros), so such a token
   * matches only a spelling of itself.
   */
  gluedNames?: boolean;
};

/** Below this a token pair is no evidence at all and is left unaligned. */
const TOKEN_SIMILARITY_FLOOR = 0.7;

const PHONETIC_MATCH = 0.95;
const FUZZY_CEILING = 0.93;
/** How much of the edit distance (relative to length) comes off the similarity. */
const EDIT_SLOPE = 0.75;
const LEGAL_FAMILY_MATCH = 0.85;
/** An initial is consistent with a name, not evidence of it. */
const INITIAL_MATCH = 0.5;
const PARTICLE_VARIANT = 0.9;

/**
 * How many weighted edits a token of this length may take and still be the same name: none up to four
 * letters (short names that differ in a letter are different names: Jun, Jin, Yan; Hui, Hua), about one real
 * typo for five, two for eight and more. Beyond the budget similar-looking names are different names (Naumov
 * is not Nabokov).
 */
export function editBudget(length: number): number {
  if (length <= 4) return 0;
  if (length === 5) return 1;
  if (length <= 7) return 1.2;
  if (length <= 9) return 1.6;
  if (length <= 12) return 2.2;
  return 2.8;
}

/** Spellings of one particle across languages and romanisations (AL-, EL-, UL-; BIN, BEN, IBN). */
// prettier-ignore
const PARTICLE_GROUPS: string[][] = [
  ['al', 'el', 'ul', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an'],
  ['bin', 'ben', 'ibn'],
  ['abu', 'abou', 'bou'],
  ['de', 'di', 'da', 'du', 'del', 'della', 'do', 'dos', 'das'],
  ['van', 'von'],
];
const PARTICLE_GROUP = new Map<string, number>(
  PARTICLE_GROUPS.flatMap((group, i) => group.map((p) => [p, i] as [string, number])),
);

/** Classes compared by spelling similarity; the others only match their own spellings. */
const SPELLED = new Set(['name', 'patronymic', 'title']);
const IDENTIFYING = new Set(['name', 'patronymic']);

function crossScript(a: ComparableToken, b: ComparableToken): boolean {
  return a.script !== b.script;
}

/** Shared consonants are stronger evidence the more of them there are ("mhmd" is, "s" of Isa barely). */
const SKELETON_SIMILARITY = [0, 0.7, 0.75, 0.9];
/** The cheapest insertion or deletion (a vowel or h): a length gap wider than budget / this cannot be bridged. */
const CHEAPEST_INDEL = 0.6;

/** Arabic script writes no short vowels: such a token is compared to a Latin one by its consonants. */
function skeletonSimilarity(a: ComparableToken, b: ComparableToken): number {
  if (a.skeleton === '' || a.skeleton !== b.skeleton) return 0;
  return SKELETON_SIMILARITY[Math.min(3, a.skeleton.replace('_', '').length)];
}

function fuzzySimilarity(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  const budget = editBudget(length);
  if (budget === 0 || Math.abs(a.length - b.length) > budget / CHEAPEST_INDEL) return 0;
  const distance = weightedEditDistance(a, b, budget);
  if (distance > budget) return 0;
  return Math.min(FUZZY_CEILING, 1 - (EDIT_SLOPE * distance) / length);
}

/**
 * How likely two name tokens are spellings of the same name part, 0..1, and how they match; undefined when
 * they do not (below TOKEN_SIMILARITY_FLOOR). Names, patronymics and titles are compared by spelling;
 * particles, legal forms and numbers match only their own spellings (and their known variants), initials the
 * names they could abbreviate.
 */
export function compareTokens(a: ComparableToken, b: ComparableToken): TokenComparison | undefined {
  const translated = crossScript(a, b);
  if (a.text === b.text) return { similarity: 1, kind: translated ? 'transliteration' : 'exact' };
  if (a.kind === 'legal' || b.kind === 'legal') {
    return a.legalFamily !== undefined && a.legalFamily === b.legalFamily
      ? { similarity: LEGAL_FAMILY_MATCH, kind: 'phonetic' }
      : undefined;
  }
  if (a.kind === 'number' || b.kind === 'number') return undefined;
  if (a.kind === 'initial' || b.kind === 'initial') {
    const [initial, other] = a.kind === 'initial' ? [a, b] : [b, a];
    return IDENTIFYING.has(other.kind) && other.text.startsWith(initial.text)
      ? { similarity: INITIAL_MATCH, kind: 'initial' }
      : undefined;
  }
  const groupA = PARTICLE_GROUP.get(a.text);
  if (groupA !== undefined && groupA === PARTICLE_GROUP.get(b.text))
    return { similarity: PARTICLE_VARIANT, kind: 'phonetic' };
  if (!SPELLED.has(a.kind) || !SPELLED.has(b.kind)) return undefined;
  if (a.phonetic === b.phonetic)
    return { similarity: PHONETIC_MATCH, kind: translated ? 'transliteration' : 'phonetic' };
  if (a.gluedNames || b.gluedNames) return undefined;
  // Keys can pull apart spellings one typo apart (dj and dh take different rules), so the spelling counts too.
  let similarity = Math.max(fuzzySimilarity(a.phonetic, b.phonetic), fuzzySimilarity(a.text, b.text));
  let kind: MatchKind = translated ? 'transliteration' : 'fuzzy';
  if (a.script === 'arabic' || b.script === 'arabic') {
    const bySkeleton = translated ? skeletonSimilarity(a, b) : 0;
    if (bySkeleton > similarity) {
      similarity = bySkeleton;
      kind = 'transliteration';
    }
  }
  return similarity >= TOKEN_SIMILARITY_FLOOR ? { similarity, kind } : undefined;
}
