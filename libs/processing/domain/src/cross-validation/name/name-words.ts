import { normalizeName } from '@kyc/screening-domain';
import { icaoRenderings } from './icao-transliteration';

/**
 * Separators between the words of a name as typed or as read from a zone: spaces, hyphens and dashes, the
 * zone's filler, dots of initials ("J.R."), commas and slashes. Hyphenated names are compared word by word,
 * and written-together words are re-joined by the alignment, so "Jean-Luc", "JEAN<LUC" and "JEANLUC" meet.
 */
const SEPARATORS = /[\s\-‐‑‒–—―_.,;/<·]+/u;
/** Zones leave apostrophes out (O'BRIEN is OBRIEN). */
const APOSTROPHES = /['’‘ʼʻ`´]/gu;
const NOT_LETTER = /[^a-z]/g;
/** More words than any real name has: the rest of a longer text is left out, which keeps comparisons cheap. */
const MAX_WORDS = 16;
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;

/** One word of a name: every lower-case A-Z spelling a zone could give it, the ICAO one first. */
export interface NameWord {
  spellings: string[];
  /** The word as written, when it is in another script than Latin: the screening comparison reads the script. */
  original?: string;
}

/**
 * The words of a name with their spellings: the ICAO 9303 recommended and alternative renderings, and for a
 * word in another script than Latin the screening romanisation too, which covers the scripts ICAO's tables
 * here do not (Greek, Arabic...) and the older Cyrillic spellings passports used (YULIYA for IULIIA). Words
 * with no letter left are dropped.
 */
export function nameWords(name: string): NameWord[] {
  const words: NameWord[] = [];
  for (const raw of name.normalize('NFC').replace(APOSTROPHES, '').split(SEPARATORS)) {
    if (raw === '') continue;
    const icao = icaoRenderings(raw);
    const candidates = [icao.recommended, icao.alternative];
    // The screening romanisation may split a word (an Arabic article): the zone would write it as one word.
    const otherScript = !icao.complete || NON_LATIN_LETTER.test(raw);
    if (otherScript) candidates.push(normalizeName(raw).replace(/ /g, ''));
    const spellings = [...new Set(candidates.map((text) => text.replace(NOT_LETTER, '')))].filter(Boolean);
    if (spellings.length > 0) words.push(otherScript ? { spellings, original: raw } : { spellings });
    if (words.length === MAX_WORDS) break;
  }
  return words;
}
