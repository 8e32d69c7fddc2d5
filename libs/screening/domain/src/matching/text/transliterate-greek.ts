/**
 * Greek to Latin. The lists' Greek names are mostly foreign names written in Greek (EU publishes every name in
 * each official language), where ΝΤ, ΜΠ and ΓΚ stand for the d, b and g that Greek has no single letter for.
 */
const DIGRAPHS: [string, string][] = [
  ['ου', 'ou'],
  ['αυ', 'av'],
  ['ευ', 'ev'],
  ['ντ', 'd'],
  ['μπ', 'b'],
  ['γκ', 'g'],
  ['γγ', 'ng'],
  ['τσ', 'ts'],
  ['τς', 'ts'],
  ['τζ', 'dz'],
];

// prettier-ignore
const LETTERS: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n',
  ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

const TONOS = /[\u0300-\u036f]/gu;

export function isGreek(char: string): boolean {
  return (char >= '\u0370' && char <= '\u03ff') || (char >= '\u1f00' && char <= '\u1fff');
}

/** Transliterates one lower-case word; accents (tonos, dialytika) are dropped first. */
export function transliterateGreek(word: string): string {
  let text = word.normalize('NFD').replace(TONOS, '');
  for (const [greek, latin] of DIGRAPHS) text = text.split(greek).join(latin);
  let out = '';
  for (const char of text) out += LETTERS[char] ?? char;
  return out;
}
