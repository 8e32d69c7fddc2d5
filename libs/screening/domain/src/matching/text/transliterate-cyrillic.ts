/**
 * Cyrillic to Latin close to the BGN/PCGN and passport conventions that the OFAC and EU lists use, so the
 * transliteration of a Cyrillic alias lands on, or within a letter or two of, the list's Latin spelling.
 * Keys are lower case; the caller lower-cases first.
 */
// prettier-ignore
const RUSSIAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Letters of the other Cyrillic alphabets seen on the lists (Ukrainian, Belarusian, Serbian, Macedonian, Central Asian). */
// prettier-ignore
const OTHER_CYRILLIC: Record<string, string> = {
  є: 'ye', і: 'i', ї: 'yi', ґ: 'g', ў: 'u',
  ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
  қ: 'k', ғ: 'gh', ү: 'u', ұ: 'u', ң: 'ng', һ: 'h', ә: 'a', ө: 'o', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u',
};

/** Letters only Ukrainian or Belarusian use; where they appear, Г is the H of those languages, not Russian G. */
const UKRAINIAN_OR_BELARUSIAN = /[єіїґў]/u;

export function isCyrillic(char: string): boolean {
  return char >= '\u0400' && char <= '\u052f';
}

/** Transliterates one lower-case word; characters outside Cyrillic pass through. */
export function transliterateCyrillic(word: string): string {
  const hForG = UKRAINIAN_OR_BELARUSIAN.test(word);
  let out = '';
  for (const char of word) {
    if (hForG && char === 'г') out += 'h';
    else out += RUSSIAN[char] ?? OTHER_CYRILLIC[char] ?? char;
  }
  return out;
}
