/**
 * Spelling keys that absorb the ways one name is romanised by different lists and languages. Both sides of a
 * comparison go through the same key, so a rule only has to send the variants to one place, not to a
 * "correct" spelling.
 */

/** Ordered rewrites; later rules see the output of earlier ones. */
const PHONETIC_RULES: [RegExp, string][] = [
  // German and Polish spellings of the Slavic ch, sh (Wladimirowitsch, Abramowicz, Szewczyk)
  [/tsch/g, 'ch'],
  [/tch/g, 'ch'],
  [/sch/g, 'sh'],
  [/cz/g, 'ch'],
  [/sz/g, 'sh'],
  // Scandinavian tj is the ch of Russian names (Semjonovitj); before a vowel it is the consonant pair
  [/tj(?![aeiouy])/g, 'ch'],
  // Serbo-Croatian -ic and a caron dropped from -ič both stand for the -ich of English spellings
  [/ic$/g, 'ich'],
  [/dzh/g, 'j'],
  [/dj/g, 'j'],
  [/ph/g, 'f'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/c(?!h)/g, 'k'],
  [/w/g, 'v'],
  // j, y and i are one sound in most romanisations of Cyrillic and Arabic names (Aleksej, Alexey, Aleksei)
  [/j/g, 'y'],
  [/y/g, 'i'],
  [/ou/g, 'u'],
  // the iotated e at the start of a Russian name is written ye or e (Yevgeny, Evgeny)
  [/^ie/g, 'e'],
  // an iotated vowel after a vowel is written with or without the glide (Nikolayevich, Nikolaevich)
  [/([aeiou])i(?=[aeiou])/g, '$1'],
  [/(.)\1+/g, '$1'],
  // -off is the old French spelling of -ov (Rachmaninoff)
  [/([oe])f$/g, '$1v'],
];

export function phoneticKey(token: string): string {
  let key = token;
  for (const [pattern, replacement] of PHONETIC_RULES) key = key.replace(pattern, replacement);
  return key;
}

const SKELETON_DIGRAPHS: [RegExp, string][] = [
  [/sh|ch/g, 'S'],
  [/kh/g, 'X'],
  [/gh/g, 'g'],
  [/th/g, 't'],
  [/dh/g, 'z'],
  [/zh|dj/g, 'j'],
  [/ph/g, 'f'],
  [/ou/g, 'u'],
  [/q|c/g, 'k'],
  [/x/g, 'ks'],
];

/**
 * The consonants of a romanised name, without vowels, glides (y, w, v) and doubled letters. Arabic script
 * writes no short vowels and lists render the long ones inconsistently, so this is the key on which an
 * Arabic-script name and its Latin spellings agree (محمد, Mohammed and Muhammad all give "mhmd"). A final h
 * is dropped because the feminine ending is written -a and -ah. A name that opens with a vowel keeps a mark
 * of it ("_mr" for Ammari): Arabic writes an opening vowel (alif, ayn), so Ammari and Maria stay apart.
 */
export function consonantSkeleton(token: string): string {
  let key = token;
  for (const [pattern, replacement] of SKELETON_DIGRAPHS) key = key.replace(pattern, replacement);
  const opening = /^[aeiou]/.test(key) ? '_' : '';
  const consonants = key
    .replace(/[aeiouyvw]/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/h$/, '');
  return consonants === '' ? '' : opening + consonants;
}
