import type { NameSide, NameToken } from './name-side';
import { matchWords, type WordMatchKind, wordMatchStrength } from './word-similarity';

/** How an aligned pair corresponds: as two words do, or as words written together on one side. */
export type PairKind = WordMatchKind | 'joined';

export interface AlignedPair {
  /** Token indexes on the expected side (the form) and on the document; one side may hold a run of words. */
  expected: number[];
  document: number[];
  kind: PairKind;
}

interface Unit {
  indexes: number[];
  spellings: string[];
}

/** Longest run of words tried as one written-together word (VAN DER BERG as VANDERBERG). */
const MAX_JOINED_WORDS = 3;
/** A run written together matches only exactly: below a single exact word, above a shortened one. */
const JOINED_STRENGTH = 4.5;

/**
 * Pairs the words of two names, order-free and one-to-one, where a run of adjacent words of one group (one
 * field, one part of the zone) may stand for one word on the other side. Pairs are taken greedily from the
 * closest correspondence, preferring pairs whose roles agree (surname with surname), then reading order.
 */
export function alignNames(expected: NameSide, document: NameSide): AlignedPair[] {
  const expectedUnits = units(expected.tokens);
  const documentUnits = units(document.tokens);
  const options: { pair: AlignedPair; strength: number; rolesAgree: number }[] = [];
  for (const e of expectedUnits) {
    for (const d of documentUnits) {
      const single = e.indexes.length === 1 && d.indexes.length === 1;
      if (!single && e.indexes.length > 1 && d.indexes.length > 1) continue;
      const kind: PairKind | undefined = single
        ? matchWords(expected.tokens[e.indexes[0]].word, document.tokens[d.indexes[0]].word, {
            a: expected.tokens[e.indexes[0]].shortening,
            b: document.tokens[d.indexes[0]].shortening,
          })
        : e.spellings.some((spelling) => d.spellings.includes(spelling))
          ? 'joined'
          : undefined;
      if (!kind) continue;
      const eRole = expected.tokens[e.indexes[0]].role;
      const dRole = document.tokens[d.indexes[0]].role;
      options.push({
        pair: { expected: e.indexes, document: d.indexes, kind },
        strength: kind === 'joined' ? JOINED_STRENGTH : wordMatchStrength(kind),
        rolesAgree: eRole === 'unknown' || dRole === 'unknown' || eRole === dRole ? 1 : 0,
      });
    }
  }
  options.sort(
    (x, y) =>
      y.strength - x.strength ||
      y.rolesAgree - x.rolesAgree ||
      x.pair.expected[0] - y.pair.expected[0] ||
      x.pair.document[0] - y.pair.document[0] ||
      x.pair.expected.length - y.pair.expected.length ||
      x.pair.document.length - y.pair.document.length,
  );
  const usedExpected = new Set<number>();
  const usedDocument = new Set<number>();
  const pairs: AlignedPair[] = [];
  for (const { pair } of options) {
    if (pair.expected.some((i) => usedExpected.has(i)) || pair.document.some((j) => usedDocument.has(j)))
      continue;
    pair.expected.forEach((i) => usedExpected.add(i));
    pair.document.forEach((j) => usedDocument.add(j));
    pairs.push(pair);
  }
  return pairs;
}

/** Every token alone, then every run of two or three adjacent tokens of one group, spelt together. */
function units(tokens: readonly NameToken[]): Unit[] {
  const result: Unit[] = tokens.map((token, i) => ({ indexes: [i], spellings: token.word.spellings }));
  for (let size = 2; size <= MAX_JOINED_WORDS; size++) {
    for (let start = 0; start + size <= tokens.length; start++) {
      const run = tokens.slice(start, start + size);
      if (run.some((token) => token.group !== run[0].group)) continue;
      result.push({ indexes: run.map((_, k) => start + k), spellings: joinedSpellings(run) });
    }
  }
  return result;
}

/** The run written as one word, spelling by spelling (each word's recommended spellings together, and so on). */
function joinedSpellings(run: readonly NameToken[]): string[] {
  const count = Math.max(...run.map((token) => token.word.spellings.length));
  const joined = new Set<string>();
  for (let k = 0; k < count; k++) {
    joined.add(run.map(({ word }) => word.spellings[Math.min(k, word.spellings.length - 1)]).join(''));
  }
  return [...joined];
}
