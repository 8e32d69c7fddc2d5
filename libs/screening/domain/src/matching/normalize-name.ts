import type { EntityType } from '../model';
import { canonicalizeLegalPhrases, correctLegalFormTypos, legalForms } from './name-parts/legal-forms';
import { CONNECTORS, isPatronymic, PARTICLES, TITLES } from './name-parts/name-particles';
import type { NameToken, TokenClass } from './name-parts/name-token';
import { type SpellingKeys, spellingKeys } from './text/phonetic-key';
import { romanizeWord, type Script } from './text/romanize';

export interface AnalyzeNameOptions {
  /** The type of the named entity when known: legal forms are only read in names that are not persons'. */
  type?: EntityType;
  /**
   * The name is a list's published form: a person's "LAST, First Middle" is put in natural order and upper-case
   * surnames in mixed-case names are marked. A query is taken as typed.
   */
  published?: boolean;
  /** Memo of spelling keys shared across many names (building an index). */
  keyCache?: Map<string, SpellingKeys>;
}

const APOSTROPHES = /['’‘ʼʻ`´]/gu;
const ACRONYM = /^(?:[\p{L}\p{N}]\.)+[\p{L}\p{N}]?\.?$/u;
const WORD_SEPARATORS = /[\s,;/|]+/u;
const NON_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;

interface Word {
  raw: string;
  surname: boolean;
}

/** Splits a published name into words in natural order, marking the ones the published form calls surname. */
function publishedWords(name: string, type: EntityType | undefined): Word[] {
  const comma = name.indexOf(',');
  if (type === 'person' && comma > 0) {
    const surname = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    if (surname !== '' && given !== '') {
      return [...words(given, false), ...words(surname, true)];
    }
  }
  // EU names write the surname in capitals inside a mixed-case name ("Dmitry Nikolayevich KOZAK").
  const hasLower = /\p{Ll}/u.test(name);
  return name
    .split(WORD_SEPARATORS)
    .filter((raw) => raw !== '')
    .map((raw) => ({
      raw,
      surname: type === 'person' && hasLower && /\p{Lu}{2}/u.test(raw) && !/\p{Ll}/u.test(raw),
    }));
}

function words(text: string, surname: boolean): Word[] {
  return text
    .split(WORD_SEPARATORS)
    .filter((raw) => raw !== '')
    .map((raw) => ({ raw, surname }));
}

/** Romanised, punctuation-free tokens of one word: "S.A." gives ["sa"], "AL-ASSAD" gives ["al", "assad"]. */
function wordTokens(raw: string): { tokens: string[]; script: Script } {
  const { text, script } = romanizeWord(raw.replace(APOSTROPHES, ''));
  const joined = ACRONYM.test(text) ? text.replace(/\./g, '') : text;
  return { tokens: joined.split(NON_ALPHANUMERIC).filter((token) => token !== ''), script };
}

function classify(text: string): TokenClass {
  if (/^\p{N}+$/u.test(text)) return 'number';
  if (text.length === 1) return 'initial';
  if (PARTICLES.has(text)) return 'particle';
  if (TITLES.has(text)) return 'title';
  if (CONNECTORS.has(text)) return 'connector';
  if (isPatronymic(text)) return 'patronymic';
  return 'name';
}

/**
 * Breaks a name into classified, normalised tokens: case, diacritics, punctuation, scripts (Cyrillic, Greek,
 * Arabic and Persian romanised), legal forms canonicalised, and the keys used to compare romanisations.
 */
export function analyzeName(name: string, options: AnalyzeNameOptions = {}): NameToken[] {
  const source = options.published ? publishedWords(name, options.type) : words(name, false);
  const texts: string[] = [];
  const meta: { script: Script; surname: boolean }[] = [];
  for (const word of source) {
    const { tokens, script } = wordTokens(word.raw);
    for (const token of tokens) {
      texts.push(token);
      meta.push({ script, surname: word.surname });
    }
  }
  const isPerson = options.type === 'person';
  // Published names are spelt as published; a typed name may misspell its legal form.
  const spelt = isPerson || options.published ? texts : correctLegalFormTypos(texts);
  const canonical = isPerson
    ? texts.map((text, source) => ({ text, source }))
    : canonicalizeLegalPhrases(spelt);
  const forms = isPerson ? canonical.map(() => undefined) : legalForms(canonical.map(({ text }) => text));
  return canonical.map(({ text, source }, i) => {
    const form = forms[i];
    const info = meta[source];
    const normalized = form ? form.canonical : text;
    const token: NameToken = {
      text: normalized,
      ...spellingKeys(normalized, options.keyCache),
      kind: form ? 'legal' : classify(normalized),
      script: info.script,
      surname: info.surname,
    };
    if (form) token.legalFamily = form.family;
    return token;
  });
}

/** The normalised form of a name as one string: the tokens of analyzeName joined by single spaces. */
export function normalizeName(name: string): string {
  return analyzeName(name)
    .map((token) => token.text)
    .join(' ');
}
