/**
 * Spelling keys that absorb the ways one name is romanised by different lists and languages. Both sides of a
 * comparison go through the same key, so a rule only has to send the variants to one place, not to a
 * "correct" spelling.
 */

/** Ordered rewrites; a rule runs only when its trigger text (if any) is present, which keeps the key cheap. */
const PHONETIC_RULES: [RegExp, string, string][] = [
  // German and Polish spellings of the Slavic ch, sh (Wladimirowitsch, Abramowicz, Szewczyk)
  [/tsch/g, 'ch', 'tsch'],
  [/tch/g, 'ch', 'tch'],
  [/sch/g, 'sh', 'sch'],
  [/cz/g, 'ch', 'cz'],
  [/sz/g, 'sh', 'sz'],
  // Scandinavian tj is the ch of Russian names (Semjonovitj); before a vowel it is the consonant pair
  [/tj(?![aeiouy])/g, 'ch', 'tj'],
  // Serbo-Croatian -ic and a caron dropped from -ič both stand for the -ich of English spellings
  [/ic$/g, 'ich', 'ic'],
  [/dzh/g, 'j', 'dzh'],
  [/dj/g, 'j', 'dj'],
  [/ph/g, 'f', 'ph'],
  [/kh/g, 'h', 'kh'],
  [/gh/g, 'g', 'gh'],
  [/ck/g, 'k', 'ck'],
  [/q/g, 'k', 'q'],
  [/x/g, 'ks', 'x'],
  [/c(?!h)/g, 'k', 'c'],
  [/w/g, 'v', 'w'],
  // j, y and i are one sound inside most romanisations of Cyrillic and Arabic names (Aleksej, Alexey,
  // Aleksei); an opening j stays, as pinyin and English names read it (Jun and Yun are two names)
  [/(?!^)j/g, 'y', 'j'],
  [/y/g, 'i', 'y'],
  [/ou/g, 'u', 'ou'],
  // Russian ё is spelt yo or e (Fyodor, Fedor; Artyom, Artem)
  [/([bcdfgklmnprstvz])io/g, '$1e', 'io'],
  // the iotated e at the start of a Russian name is written ye or e (Yevgeny, Evgeny)
  [/^ie/g, 'e', 'ie'],
  // an iotated vowel after a vowel is written with or without the glide (Nikolayevich, Nikolaevich)
  [/([aeiou])i(?=[aeiou])/g, '$1', 'i'],
  [/(.)\1+/g, '$1', ''],
  // -off is the old French spelling of -ov (Rachmaninoff)
  [/([oe])f$/g, '$1v', 'f'],
];

export function phoneticKey(token: string): string {
  let key = token;
  for (const [pattern, replacement, trigger] of PHONETIC_RULES) {
    if (trigger === '' || key.includes(trigger)) key = key.replace(pattern, replacement);
  }
  return key;
}

const SKELETON_DIGRAPHS: [RegExp, string, string][] = [
  [/sh|ch/g, 'S', 'h'],
  [/kh/g, 'X', 'kh'],
  [/gh/g, 'g', 'gh'],
  [/th|dh/g, 'z', 'h'],
  [/zh|dj/g, 'j', ''],
  [/ph/g, 'f', 'ph'],
  [/ou/g, 'u', 'ou'],
  [/x/g, 'ks', 'x'],
];

/**
 * Consonants that one Arabic letter is spelt as in different Latin renderings, as one class: the dentals and
 * emphatics (ض ظ ذ ث ط spelt d, z, dh, th, t) and the velars (ق ك گ spelt q, k, g, c).
 */
const SKELETON_CLASSES: [RegExp, string][] = [
  [/[dtz]/g, 'd'],
  [/[kgqc]/g, 'k'],
];

/**
 * The consonants of a romanised name, without vowels, glides (y, w) and doubled letters, and with the
 * consonants that romanisations of one Arabic letter disagree on merged into a class. Arabic script writes no
 * short vowels and lists render the long ones inconsistently, so this is the key on which an Arabic-script
 * name and its Latin spellings agree (محمد, Mohammed and Muhammad all give "mhmd"; كاظم and Kathim "kdm"). A
 * final h is dropped because the feminine ending is written -a and -ah. A name that opens with a vowel or a
 * glide keeps a mark of it ("_mr" for Ammari, "_ld" for Ould and ولد): Arabic writes an opening vowel (alif,
 * ayn, waw), so Ammari and Maria stay apart.
 */
export function consonantSkeleton(token: string): string {
  let key = token;
  for (const [pattern, replacement, trigger] of SKELETON_DIGRAPHS) {
    if (trigger === '' || key.includes(trigger)) key = key.replace(pattern, replacement);
  }
  for (const [pattern, replacement] of SKELETON_CLASSES) key = key.replace(pattern, replacement);
  const opening = /^[aeiouwy]/.test(key) ? '_' : '';
  // Doubled letters collapse before the vowels go, so consonants a vowel kept apart stay two (Rivera: rvr).
  const consonants = key
    .replace(/(.)\1+/g, '$1')
    .replace(/[aeiouyvw]/g, '')
    .replace(/h$/, '');
  return consonants === '' ? '' : opening + consonants;
}

export interface SpellingKeys {
  phonetic: string;
  skeleton: string;
}

/**
 * Both keys of a token, memoised in `cache` when one is given: an index computes them once per distinct
 * spelling instead of once per occurrence.
 */
export function spellingKeys(text: string, cache?: Map<string, SpellingKeys>): SpellingKeys {
  const known = cache?.get(text);
  if (known) return known;
  const keys = { phonetic: phoneticKey(text), skeleton: consonantSkeleton(text) };
  cache?.set(text, keys);
  return keys;
}
