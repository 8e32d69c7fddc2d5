/**
 * Weighted Damerau-Levenshtein (optimal string alignment) distance tuned for romanised names: the edits that
 * different romanisations of one name make (a vowel for another, a vowel or an h dropped, s for z) cost less
 * than the edits that turn one name into another.
 */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const CLOSE_CONSONANTS = new Set(['sz', 'zs', 'vf', 'fv', 'td', 'dt', 'bp', 'pb', 'kg', 'gk', 'mn', 'nm']);

const VOWEL_SUBSTITUTION = 0.4;
const CLOSE_CONSONANT_SUBSTITUTION = 0.7;
const VOWEL_OR_H_INDEL = 0.6;

/**
 * Names that differ in their first consonant are usually different names (Nabil and Habil, Walid and Vahid),
 * and typing rarely gets the first letter wrong, so that substitution costs more.
 */
const FIRST_CONSONANT_SUBSTITUTION = 1.5;

function substitutionCost(a: string, b: string, first: boolean): number {
  if (a === b) return 0;
  if (VOWELS.has(a) && VOWELS.has(b)) return VOWEL_SUBSTITUTION;
  if (first) return FIRST_CONSONANT_SUBSTITUTION;
  if (CLOSE_CONSONANTS.has(a + b)) return CLOSE_CONSONANT_SUBSTITUTION;
  return 1;
}

/** Romanisations drop inner vowels and h, not the letter a name starts with ("Jason" is not "Asan"). */
function indelCost(char: string, position: number): number {
  return position > 0 && (VOWELS.has(char) || char === 'h') ? VOWEL_OR_H_INDEL : 1;
}

// Three rolling rows, grown on demand: the hot path allocates nothing.
let rows: [Float64Array, Float64Array, Float64Array] = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];

/**
 * The weighted distance between a and b, or a value above `limit` as soon as the distance is known to exceed it
 * (the caller only cares whether it is within its budget).
 */
export function weightedEditDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (rows[0].length <= m) rows = [new Float64Array(m + 1), new Float64Array(m + 1), new Float64Array(m + 1)];
  let [twoBack, previous, current] = rows;
  previous[0] = 0;
  for (let j = 1; j <= m; j++) previous[j] = previous[j - 1] + indelCost(b[j - 1], j - 1);
  for (let i = 1; i <= n; i++) {
    const ca = a[i - 1];
    current[0] = previous[0] + indelCost(ca, i - 1);
    let rowMin = current[0];
    for (let j = 1; j <= m; j++) {
      const cb = b[j - 1];
      let best = Math.min(previous[j - 1] + substitutionCost(ca, cb, i === 1 && j === 1), previous[j] + indelCost(ca, i - 1), current[j - 1] + indelCost(cb, j - 1));
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb && ca !== cb) best = Math.min(best, twoBack[j - 2] + 1);
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return rowMin;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[m];
}
