import { compareNames } from '@kyc/screening-domain';
import type { NameWord } from './name-words';

/**
 * How two words of a name correspond, from the closest: the same spelling; a prefix the zone's length forced;
 * one character apart (a typo or a misread letter); another spelling of the same name (romanisation,
 * phonetics); an initial of the other.
 */
export type WordMatchKind = 'exact' | 'truncated' | 'one_character' | 'spelling_variant' | 'initial';

/** How a zone may have shortened a word when the name did not fit: not at all, to an initial, to any prefix. */
export type Shortening = 'none' | 'initial' | 'prefix';

/**
 * Below this screening similarity two spellings are not taken as one name. Latin spellings within the screening
 * engine's edit budget score 0.84 to 0.93 and key-equal ones 0.95; lower scores come only from its
 * consonant-skeleton matches of a word in Arabic script, which writes no short vowels: two shared consonants
 * (0.75) are what عمر has in common with OMAR, one (0.7) is too little to identify (علي and ELIA).
 */
const SPELLING_VARIANT_MIN_SIMILARITY = 0.75;
/**
 * Shortest word in which one differing character is taken for a typo or a misread letter: four-letter names one
 * letter apart are different names (Anna, Anne; Jan, Jon), as the screening engine's edit budget also holds.
 */
const ONE_CHARACTER_MIN_LENGTH = 5;

const STRENGTH: Record<WordMatchKind, number> = {
  exact: 5,
  truncated: 4,
  one_character: 3,
  spelling_variant: 2,
  initial: 1,
};

export function wordMatchStrength(kind: WordMatchKind): number {
  return STRENGTH[kind];
}

/** The closest correspondence between two words over all their spellings, or undefined when there is none. */
export function matchWords(
  a: NameWord,
  b: NameWord,
  shortening: { a: Shortening; b: Shortening },
): WordMatchKind | undefined {
  let best: WordMatchKind | undefined;
  for (const x of a.spellings) {
    for (const y of b.spellings) {
      const kind = matchSpellings(x, y, shortening);
      if (kind && (!best || STRENGTH[kind] > STRENGTH[best])) best = kind;
      if (best === 'exact') return best;
    }
  }
  // Scripts that write no short vowels (Arabic) meet their Latin spellings only through the screening keys.
  const original = a.original ?? b.original;
  if (!best && original !== undefined) {
    const other = a.original ? b : a;
    if (other.spellings.some((spelling) => spellingVariant(original, spelling))) return 'spelling_variant';
  }
  return best;
}

function matchSpellings(
  x: string,
  y: string,
  shortening: { a: Shortening; b: Shortening },
): WordMatchKind | undefined {
  if (x === y) return 'exact';
  if (shortened(x, y, shortening.b) || shortened(y, x, shortening.a)) return 'truncated';
  if (genderedPair(x, y)) return undefined;
  if (x.length === 1 || y.length === 1) return x[0] === y[0] ? 'initial' : undefined;
  if (oneCharacterApart(x, y)) return 'one_character';
  return spellingVariant(x, y) ? 'spelling_variant' : undefined;
}

function shortened(full: string, short: string, allowed: Shortening): boolean {
  if (allowed === 'prefix') return short.length < full.length && full.startsWith(short);
  return allowed === 'initial' && short.length === 1 && full[0] === short;
}

/**
 * The masculine and feminine forms of one name are two people (Daniel and Daniela, Petrov and Petrova,
 * Kowalski and Kowalska, Alexander and Alexandra, Peter and Petra), however close their spellings: a final
 * vowel added, dropped or changed, or a final -a against an ending one edit from the rest.
 */
function genderedPair(x: string, y: string): boolean {
  const stem = (word: string) => word.replace(/[aeio]$/, '');
  if (stem(x) === stem(y) && stem(x).length >= 3) return true;
  const [feminine, other] = x.endsWith('a') ? [x, y] : [y, x];
  if (!feminine.endsWith('a') || other.endsWith('a')) return false;
  const base = feminine.slice(0, -1);
  return base.length >= 3 && editDistanceIsOne(base, other);
}

/** One substitution, insertion, deletion or swap of neighbours, not in the first letter, in a long enough word. */
function oneCharacterApart(x: string, y: string): boolean {
  // Names that differ in their first letter are usually different names (Jones, Bones).
  return Math.max(x.length, y.length) >= ONE_CHARACTER_MIN_LENGTH && x[0] === y[0] && editDistanceIsOne(x, y);
}

function editDistanceIsOne(x: string, y: string): boolean {
  if (x === y || Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    if (x.slice(i + 1) === y.slice(i + 1)) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
  }
  const [longer, shorter] = x.length > y.length ? [x, y] : [y, x];
  return longer.slice(i + 1) === shorter.slice(i);
}

/** Another romanisation or spelling of the same name, as the screening engine's name comparison judges it. */
function spellingVariant(x: string, y: string): boolean {
  const [pair] = compareNames(x, y).explanation.matched_tokens;
  return pair !== undefined && pair.kind !== 'initial' && pair.similarity >= SPELLING_VARIANT_MIN_SIMILARITY;
}
