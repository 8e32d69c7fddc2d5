/**
 * Weighted Damerau-Levenshtein (optimal string alignment) distance tuned for romanised names: the edits that
 * different romanisations of one name make (a vowel for another, a vowel or an h dropped, s for z) cost less
 * than the edits that turn one name into another.
 */
const VOWELS = 'aeiou';
const CLOSE_CONSONANTS = ['sz', 'vf', 'td', 'bp', 'kg', 'mn'];

const VOWEL_SUBSTITUTION = 0.4;
const CLOSE_CONSONANT_SUBSTITUTION = 0.7;
const VOWEL_OR_H_INDEL = 0.6;
/**
 * Names that differ in their first letter are usually different names (Nabil and Habil), and typing rarely
 * gets the first letter wrong, so adding, dropping or changing it (but for one vowel for another) costs more.
 */
const FIRST_LETTER_EDIT = 1.5;
/** The cheapest edit of a consonant other than h: a bound on what consonants missing from one side cost. */
const MIN_CONSONANT_EDIT = CLOSE_CONSONANT_SUBSTITUTION;

// Cost tables over 7-bit codes (names are compared in their ASCII keys); other characters (scripts with no
// romanisation here) cost 1 for any change.
const SIZE = 128;
const SUBSTITUTION = new Float64Array(SIZE * SIZE).fill(1);
const INDEL = new Float64Array(SIZE).fill(1);
const IS_VOWEL = new Uint8Array(SIZE);
for (let c = 0; c < SIZE; c++) SUBSTITUTION[c * SIZE + c] = 0;
for (const v of VOWELS) {
  IS_VOWEL[v.charCodeAt(0)] = 1;
  INDEL[v.charCodeAt(0)] = VOWEL_OR_H_INDEL;
  for (const w of VOWELS)
    if (v !== w) SUBSTITUTION[v.charCodeAt(0) * SIZE + w.charCodeAt(0)] = VOWEL_SUBSTITUTION;
}
INDEL['h'.charCodeAt(0)] = VOWEL_OR_H_INDEL;
for (const [a, b] of CLOSE_CONSONANTS) {
  SUBSTITUTION[a.charCodeAt(0) * SIZE + b.charCodeAt(0)] = CLOSE_CONSONANT_SUBSTITUTION;
  SUBSTITUTION[b.charCodeAt(0) * SIZE + a.charCodeAt(0)] = CLOSE_CONSONANT_SUBSTITUTION;
}

function code(text: string, i: number): number {
  return text.charCodeAt(i);
}

function substitution(a: number, b: number, first: boolean): number {
  if (a === b) return 0;
  const cost = a < SIZE && b < SIZE ? SUBSTITUTION[a * SIZE + b] : 1;
  return first && cost !== VOWEL_SUBSTITUTION ? FIRST_LETTER_EDIT : cost;
}

/** Romanisations drop inner vowels and h, not the letter a name starts with ("Jason" is not "Asan"). */
function indel(c: number, position: number): number {
  if (position === 0) return FIRST_LETTER_EDIT;
  return c < SIZE ? INDEL[c] : 1;
}

const consonantCounts = new Int32Array(SIZE);
const H = 'h'.charCodeAt(0);

/**
 * A lower bound of the weighted distance from the consonants (other than h) that one side has and the other
 * lacks: each needs at least one consonant edit. Rejects most unrelated pairs without the full table.
 */
function consonantBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) if (code(a, i) < SIZE) consonantCounts[code(a, i)]++;
  for (let i = 0; i < b.length; i++) if (code(b, i) < SIZE) consonantCounts[code(b, i)]--;
  let surplus = 0;
  let deficit = 0;
  const tally = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = code(text, i);
      if (c >= SIZE) continue;
      const count = consonantCounts[c];
      if (count !== 0 && !IS_VOWEL[c] && c !== H) {
        if (count > 0) surplus += count;
        else deficit -= count;
      }
      consonantCounts[c] = 0;
    }
  };
  tally(a);
  tally(b);
  return Math.max(surplus, deficit) * MIN_CONSONANT_EDIT;
}

// Three rolling rows, grown on demand: the hot path allocates nothing.
let rows: [Float64Array, Float64Array, Float64Array] = [
  new Float64Array(64),
  new Float64Array(64),
  new Float64Array(64),
];

/**
 * The weighted distance between a and b, or a value above `limit` as soon as the distance is known to exceed it
 * (the caller only cares whether it is within its budget).
 */
export function weightedEditDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (limit !== Number.POSITIVE_INFINITY) {
    const bound = consonantBound(a, b);
    if (bound > limit) return bound;
  }
  const n = a.length;
  const m = b.length;
  if (rows[0].length <= m) rows = [new Float64Array(m + 1), new Float64Array(m + 1), new Float64Array(m + 1)];
  let [twoBack, previous, current] = rows;
  previous[0] = 0;
  for (let j = 1; j <= m; j++) previous[j] = previous[j - 1] + indel(code(b, j - 1), j - 1);
  for (let i = 1; i <= n; i++) {
    const ca = code(a, i - 1);
    const deleteCost = indel(ca, i - 1);
    current[0] = previous[0] + deleteCost;
    let rowMin = current[0];
    for (let j = 1; j <= m; j++) {
      const cb = code(b, j - 1);
      let best = previous[j - 1] + substitution(ca, cb, i === 1 && j === 1);
      const deletion = previous[j] + deleteCost;
      if (deletion < best) best = deletion;
      const insertion = current[j - 1] + indel(cb, j - 1);
      if (insertion < best) best = insertion;
      if (i > 1 && j > 1 && ca !== cb && ca === code(b, j - 2) && code(a, i - 2) === cb) {
        const transposition = twoBack[j - 2] + 1;
        if (transposition < best) best = transposition;
      }
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return rowMin;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[m];
}
