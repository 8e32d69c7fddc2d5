/**
 * Cyrillic to Latin close to the BGN/PCGN and passport conventions that the OFAC and EU lists use, so the
 * transliteration of a Cyrillic alias lands on, or within a letter or two of, the list's Latin spelling.
 * Ё is "yo" (Fyodor, Aksyonov) because a writer who keeps its dots means that sound; the phonetic key lets it
 * meet the "e" spelling. Keys are lower case; the caller lower-cases first.
 */
// prettier-ignore
const RUSSIAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
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

/**
 * Letters only Ukrainian or Belarusian use. Where they appear, Г is the H of those languages, not Russian G,
 * and И (Ukrainian only) is the Y of Ukrainian spellings (Hryhoriy).
 */
const UKRAINIAN_OR_BELARUSIAN = /[єіїґў]/u;

export function isCyrillic(char: string): boolean {
  return char >= '\u0400' && char <= '\u052f';
}

/** Transliterates one lower-case word; characters outside Cyrillic pass through. */
export function transliterateCyrillic(word: string): string {
  const eastSlavic = UKRAINIAN_OR_BELARUSIAN.test(word);
  let out = '';
  for (const char of word) {
    if (eastSlavic && char === 'г') out += 'h';
    else if (eastSlavic && char === 'и') out += 'y';
    else out += RUSSIAN[char] ?? OTHER_CYRILLIC[char] ?? char;
  }
  return out;
}

/**
 * Latin letters that look like Cyrillic ones, as typed into a Cyrillic word by a keyboard switch or a scan
 * ("Cергей" with a Latin C): inside a Cyrillic word they are read as the Cyrillic letter.
 */
// prettier-ignore
const LATIN_LOOKALIKES: Record<string, string> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
};

/**
 * A lower-case Cyrillic word whose only Latin letters are look-alikes, written wholly in Cyrillic; a word with
 * other Latin letters is left mixed.
 */
export function cyrillicLookalikes(word: string): string {
  if (!/[\u0400-\u04ff]/u.test(word) || !/[a-z]/.test(word)) return word;
  for (const char of word)
    if (char >= 'a' && char <= 'z' && LATIN_LOOKALIKES[char] === undefined) return word;
  let out = '';
  for (const char of word) out += LATIN_LOOKALIKES[char] ?? char;
  return out;
}
