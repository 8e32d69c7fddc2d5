import { words } from './word-list';

/** A sentence of an article and where it sits in the text it was cut from. */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Abbreviations that end with a full stop inside a sentence. A full stop after one of them, or after a
 * single capital (an initial, "John F. Kennedy"), does not end the sentence.
 */
const ABBREVIATIONS = new Set(
  words(`
    mr mrs ms dr prof st jr sr gen col capt lt sgt insp det rep sen gov hon no vs inc ltd co corp plc bros
    u.s u.k e.g i.e approx
  `),
);

/** Cuts text into sentences at `.`, `!`, `?` (followed by space and a capital, digit or quote) and at blank lines. */
export function splitSentences(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const boundary = /[.!?]+["'”’)]*\s+(?=["'“‘(]?[\p{Lu}\d])|\n\s*\n/gu;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    const before = text.slice(start, match.index);
    const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
    const isInitial = /^\p{Lu}$/u.test(lastWord);
    if (match[0].startsWith('.') && (isInitial || ABBREVIATIONS.has(lastWord.toLowerCase()))) continue;
    pushSpan(spans, text, start, end);
    start = end;
  }
  pushSpan(spans, text, start, text.length);
  return spans;
}

function pushSpan(spans: TextSpan[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const leading = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed.length > 0)
    spans.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length });
}

/** Lower case without diacritics, so "Acquitté" and "acquitte" classify alike. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/**
 * Suffixes removed by `stemWord`, longest first. Only the inflections that news text puts on offence words
 * (plural, past, progressive, -ment, -ery, -ly): the lexicon is stemmed by the same function, so a stem only
 * has to be consistent, not a dictionary word.
 */
const SUFFIXES: readonly [suffix: string, replacement: string][] = [
  ['ements', 'e'],
  ['ement', 'e'],
  ['ments', ''],
  ['ment', ''],
  ['eries', ''],
  ['ery', ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['ings', ''],
  ['ing', ''],
  ['ed', ''],
  ['es', ''],
  ['s', ''],
];
const MIN_STEM = 3;

/**
 * A light English stemmer: "laundered", "laundering", "launders" -> "launder"; "bribe", "bribed", "bribery" ->
 * "brib"; "organized", "organised" -> "organis". Not Porter: offence vocabulary needs only a few rules, and
 * over-stemming would merge words the lexicon must keep apart ("fine" and "finance").
 */
export function stemWord(word: string): string {
  let stem = word.toLowerCase().replace(/'s$/, '').replace(/'/g, '');
  // "-ily" is left alone: "family" is no adverb.
  if (stem.length > MIN_STEM + 2 && /[^il]ly$/.test(stem)) stem = stem.slice(0, -2);
  for (const [suffix, replacement] of SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= MIN_STEM && !/(?:ss|us|is)$/.test(stem)) {
      stem = stem.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  // "acquitted" -> "acquitt" -> "acquit": a doubled final consonant is an inflection artefact.
  if (/([b-df-hj-np-tv-z])\1$/.test(stem) && !/(?:ll|ss|zz|ff)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.length > MIN_STEM && stem.endsWith('e')) stem = stem.slice(0, -1);
  return stem.replace(/iz/g, 'is');
}

/** A word of an article, stemmed, or a clause break (`;`, `:`, "but", "however", ...) as `null`. */
export type ClassificationToken = { stem: string; surface: string } | null;

/** Words after which what follows no longer continues the clause before: an outcome cue does not reach past them. */
const CLAUSE_BREAK_WORDS = new Set(
  words(`
    but however although though whereas while yet meanwhile
  `),
);

/** The words of one sentence, folded and stemmed, with clause breaks kept as `null`. */
export function tokenizeForClassification(sentence: string): ClassificationToken[] {
  const tokens: ClassificationToken[] = [];
  for (const match of foldText(sentence).matchAll(/[a-z0-9]+(?:'[a-z]+)*|[;:]/g)) {
    const surface = match[0];
    if (surface === ';' || surface === ':' || CLAUSE_BREAK_WORDS.has(surface)) {
      tokens.push(null);
      continue;
    }
    tokens.push({ stem: surface.endsWith("n't") ? 'not' : stemWord(surface), surface });
  }
  return tokens;
}
