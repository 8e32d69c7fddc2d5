/**
 * Blocking keys for finding, among the names an article corpus mentions, the few worth comparing with a
 * subject. A key is recall-oriented: spelling and transliteration variants of one name token share it
 * ("Mohammed", "Muhammad" -> "md"; "Aleksandr", "Alexander" -> "alksndr"); the name comparator then judges
 * the candidates it brings.
 */

/** Particles carry no identity: "al", "van", "de" must not make two names candidates of each other. */
const PARTICLES = new Set(
  `al el ad ar as at az an ash bin ibn bint abu ben van von de der den del della dei di da das dos do du la le
   ter ten zu y e st mc mac`.split(/\s+/),
);
/** Joined particles ("Alrashid", "Vandenberg"): the rest of the token gets a key of its own too. */
const JOINED_PARTICLES = 'al el abu bin ibn van von de del della di da du le la'.split(' ');
const MIN_JOINED_REST = 3;

const LETTER_SUBSTITUTIONS: readonly [RegExp, string][] = [
  [/tch|tsch|sch|sh|ch|zh|sz|cz/g, 's'],
  [/ph/g, 'f'],
  [/ck|kh|q|c/g, 'k'],
  [/gh/g, 'g'],
  [/th|dh/g, 't'],
  [/x/g, 'ks'],
  [/z/g, 's'],
  [/w/g, 'v'],
  [/j/g, 'y'],
];

/** Lower case, no diacritics, letters a-z only (plus the few letters decomposition leaves alone). */
function foldToken(token: string): string {
  return token
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[øö]/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/[đð]/g, 'd')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z]/g, '');
}

/**
 * A consonant skeleton: similar-sounding letters merged, vowels and h/y dropped after the first letter (a
 * leading vowel kept as "a", so "Aleksandr" and "Oleksandr" meet), repeats collapsed.
 */
export function skeletonKey(token: string): string {
  let word = foldToken(token);
  if (word.length === 0) return '';
  for (const [pattern, replacement] of LETTER_SUBSTITUTIONS) word = word.replace(pattern, replacement);
  const head = /[aeiou]/.test(word[0]) ? 'a' : word[0];
  const tail = word.slice(1).replace(/[aeiouhy]/g, '');
  return (head + tail).replace(/(.)\1+/g, '$1');
}

/** The name's tokens that identify: split at spaces, hyphens, commas, apostrophes; particles left out. */
export function nameTokens(name: string): string[] {
  return name
    .split(/[\s,.'’\-‐/]+/u)
    .map((token) => token.trim())
    .filter((token) => foldToken(token).length > 0 && !PARTICLES.has(foldToken(token)));
}

/** Letters a token's beginning and end keys hold. */
const AFFIX_LENGTH = 3;

/**
 * The keys of one name token: its skeleton (spelling and transliteration variants), its first and its last
 * three letters (a typo in a consonant changes the skeleton but leaves one end intact: "Orlova" and
 * "Orlikova", "Wremfield" and "Wrenfield"), and the skeleton of what follows a joined particle ("Almarzani").
 */
export function tokenKeys(token: string): string[] {
  const folded = foldToken(token);
  if (folded.length === 0) return [];
  const keys = new Set([
    `s:${skeletonKey(folded)}`,
    `b:${folded.slice(0, AFFIX_LENGTH)}`,
    `e:${folded.slice(-AFFIX_LENGTH)}`,
  ]);
  for (const particle of JOINED_PARTICLES) {
    if (folded.startsWith(particle) && folded.length - particle.length >= MIN_JOINED_REST) {
      keys.add(`s:${skeletonKey(folded.slice(particle.length))}`);
    }
  }
  return [...keys];
}
