import type { AlignmentUnit } from './name-alignment';
import type { NameToken, TokenClass } from './name-parts/name-token';
import { spellingKeys } from './text/phonetic-key';
import type { ComparableToken } from './token-similarity';

/** Longest run of adjacent query tokens tried as one written-together token ("CHONG CHON GANG"). */
const MAX_JOINED_QUERY_TOKENS = 3;
/** Joined spellings are a trait of short names; a long name is not tried with its tokens glued. */
const MAX_JOINABLE_NAME = 8;

/** A query's tokens, then every run of two or three adjacent joinable tokens glued into one. */
export function queryUnits(tokens: readonly NameToken[]): AlignmentUnit[] {
  const units: AlignmentUnit[] = tokens.map((token, i) => ({ indexes: [i], token }));
  if (tokens.length > MAX_JOINABLE_NAME) return units;
  for (let size = 2; size <= MAX_JOINED_QUERY_TOKENS; size++) {
    for (let start = 0; start + size <= tokens.length; start++) {
      const run = tokens.slice(start, start + size);
      if (!run.every(isJoinable)) continue;
      units.push({ indexes: run.map((_, k) => start + k), token: joinTokens(run) });
    }
  }
  return units;
}

/** A candidate name's tokens, then each pair of adjacent joinable tokens glued into one. */
export function candidateUnits(tokens: readonly NameToken[]): AlignmentUnit[] {
  const units: AlignmentUnit[] = tokens.map((token, j) => ({ indexes: [j], token }));
  for (let j = 0; j + 1 < tokens.length && tokens.length <= MAX_JOINABLE_NAME; j++) {
    if (isJoinable(tokens[j]) && isJoinable(tokens[j + 1]))
      units.push({ indexes: [j, j + 1], token: concatenateTokens(tokens[j], tokens[j + 1]) });
  }
  return units;
}

/** Token classes that may be glued to a neighbour when one side writes a name part joined ("ALASSAD", "Kyonghwa"). */
const JOINABLE: ReadonlySet<TokenClass> = new Set(['name', 'patronymic', 'particle', 'initial']);

function isJoinable(token: NameToken): boolean {
  return JOINABLE.has(token.kind);
}

/** Adjacent tokens written as one: "al" + "assad" gives the name token "alassad". */
function joinTokens(tokens: readonly NameToken[]): ComparableToken {
  const text = tokens.map((token) => token.text).join('');
  return {
    text,
    ...spellingKeys(text),
    kind: 'name',
    script: tokens.find((token) => token.script !== 'latin')?.script ?? 'latin',
    gluedNames: !tokens.some((token) => token.kind === 'particle'),
  };
}

/**
 * Two adjacent tokens of a listed name read as one, from their keys alone (no rules re-run): cheap enough to
 * try on every candidate name. A letter doubled across the seam is written once, as the keys would.
 */
function concatenateTokens(a: NameToken, b: NameToken): ComparableToken {
  const seam = (left: string, right: string) =>
    left !== '' && left[left.length - 1] === right[0] ? left + right.slice(1) : left + right;
  return {
    text: a.text + b.text,
    phonetic: seam(a.phonetic, b.phonetic),
    skeleton: seam(a.skeleton, b.skeleton.replace('_', '')),
    kind: 'name',
    script: a.script !== 'latin' ? a.script : b.script,
    gluedNames: a.kind !== 'particle' && b.kind !== 'particle',
  };
}
