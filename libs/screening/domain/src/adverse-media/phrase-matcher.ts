import { tokenizeForClassification, type ClassificationToken } from './article-text';

/** A phrase ready to be found in stemmed text, with whatever the caller attaches to it. */
export interface CompiledPhrase<T> {
  stems: string[];
  /** How many other words may stand between two consecutive words of the phrase. */
  maxGap: number;
  value: T;
}

export interface PhraseMatch<T> {
  phrase: CompiledPhrase<T>;
  /** Index of the phrase's first and last word in the token list. */
  start: number;
  end: number;
}

/** Finds phrases by their first stem, so matching a sentence costs one map look-up per word. */
export class PhraseIndex<T> {
  private readonly byFirstStem = new Map<string, CompiledPhrase<T>[]>();

  constructor(entries: Iterable<{ phrase: string; value: T; maxGap: number }>) {
    for (const { phrase, value, maxGap } of entries) {
      const stems = tokenizeForClassification(phrase).flatMap((token) => (token ? [token.stem] : []));
      if (stems.length === 0) continue;
      const compiled: CompiledPhrase<T> = { stems, maxGap: stems.length > 1 ? maxGap : 0, value };
      const bucket = this.byFirstStem.get(stems[0]);
      if (bucket) bucket.push(compiled);
      else this.byFirstStem.set(stems[0], [compiled]);
    }
  }

  /** Every occurrence of every phrase; a phrase never spans a clause break. */
  matches(tokens: readonly ClassificationToken[]): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    tokens.forEach((token, start) => {
      if (!token) return;
      for (const phrase of this.byFirstStem.get(token.stem) ?? []) {
        const end = matchRest(tokens, start, phrase);
        if (end !== undefined) found.push({ phrase, start, end });
      }
    });
    return found;
  }
}

function matchRest<T>(
  tokens: readonly ClassificationToken[],
  start: number,
  phrase: CompiledPhrase<T>,
): number | undefined {
  let at = start;
  for (const stem of phrase.stems.slice(1)) {
    let next: number | undefined;
    for (let probe = at + 1; probe <= at + 1 + phrase.maxGap && probe < tokens.length; probe++) {
      const token = tokens[probe];
      if (!token) break;
      if (token.stem === stem) {
        next = probe;
        break;
      }
    }
    if (next === undefined) return undefined;
    at = next;
  }
  return at;
}
