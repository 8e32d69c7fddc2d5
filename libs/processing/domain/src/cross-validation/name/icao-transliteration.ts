/**
 * How a machine-readable zone spells the letters of a name (ICAO Doc 9303 Part 3, transliteration of
 * national characters): each letter becomes A-Z letters. Several letters have a recommended digraph and a
 * single-letter spelling that issuers also use (Ä is AE or A), and Ukrainian and Belarusian give some
 * Cyrillic letters other values than Russian (Г is H, И is Y), so a name has two renderings: the recommended
 * one and the alternative one.
 */

/** Latin letters whose recommended spelling is not what removing the accent gives, with the alternative. */
// prettier-ignore
const LATIN_SPECIAL: Record<string, readonly [recommended: string, alternative: string]> = {
  ä: ['ae', 'a'], å: ['aa', 'a'], æ: ['ae', 'ae'], ö: ['oe', 'o'], ø: ['oe', 'o'], œ: ['oe', 'oe'],
  ü: ['ue', 'u'], ß: ['ss', 'ss'], ẞ: ['ss', 'ss'], þ: ['th', 'th'], ð: ['d', 'd'], đ: ['d', 'd'],
  ħ: ['h', 'h'], ı: ['i', 'i'], ĳ: ['ij', 'ij'], ł: ['l', 'l'], ŀ: ['l', 'l'], ŋ: ['n', 'n'], ŧ: ['t', 't'],
};

/** Cyrillic (Russian values, then the Ukrainian and Belarusian ones where they differ). */
// prettier-ignore
const CYRILLIC: Record<string, string | readonly [recommended: string, alternative: string]> = {
  а: 'a', б: 'b', в: 'v', г: ['g', 'h'], д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: ['i', 'y'], й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
  ґ: 'g', є: 'ie', і: 'i', ї: 'i', ў: 'u', ѓ: 'g', ђ: 'd', ѕ: 'dz', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', ќ: 'k',
  џ: 'dz',
};

const MARKS = /\p{M}+/gu;
/** Letters Ukrainian and Belarusian do not write: a word with one of them takes no Ukrainian reading. */
const NOT_UKRAINIAN_OR_BELARUSIAN = /[ыэъёђјљњћџѓќѕ]/u;

export interface IcaoRenderings {
  recommended: string;
  alternative: string;
  /** Every character had an ICAO spelling; otherwise the word needs another romanisation (Greek, Arabic...). */
  complete: boolean;
}

/** A word as a machine-readable zone would write it, lower-case, in both renderings. */
export function icaoRenderings(word: string): IcaoRenderings {
  let recommended = '';
  let alternative = '';
  let complete = true;
  const lower = word.normalize('NFC').toLowerCase();
  const ukrainianPossible = !NOT_UKRAINIAN_OR_BELARUSIAN.test(lower);
  for (const char of lower) {
    const spelled = spell(char);
    if (spelled === undefined) {
      complete = false;
      continue;
    }
    recommended += spelled[0];
    alternative += ukrainianPossible || CYRILLIC[char] === undefined ? spelled[1] : spelled[0];
  }
  return { recommended, alternative, complete };
}

function spell(char: string): readonly [string, string] | undefined {
  if (char >= 'a' && char <= 'z') return [char, char];
  const special = LATIN_SPECIAL[char];
  if (special) return special;
  const cyrillic = CYRILLIC[char];
  if (cyrillic !== undefined) return typeof cyrillic === 'string' ? [cyrillic, cyrillic] : cyrillic;
  // Other accented Latin letters lose their accent (É is E, Ç is C, Ñ is N, Š is S).
  const base = char.normalize('NFD').replace(MARKS, '');
  return base.length === 1 && base >= 'a' && base <= 'z' ? [base, base] : undefined;
}
