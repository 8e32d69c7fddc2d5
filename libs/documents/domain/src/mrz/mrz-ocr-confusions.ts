import type { MrzCharClass } from './mrz-layout';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const CLASS_CHARACTERS: Readonly<Record<MrzCharClass, string>> = {
  numeric: DIGITS,
  numeric_or_filler: `${DIGITS}<`,
  alpha: `${LETTERS}<`,
  alphanumeric: `${LETTERS}${DIGITS}<`,
  sex: 'MFX<',
  passport_code: 'P',
  card_code: 'ACI',
};

export function fitsClass(char: string, charClass: MrzCharClass): boolean {
  return char.length === 1 && CLASS_CHARACTERS[charClass].includes(char);
}

/**
 * For a character as the OCR read it, the characters it may really be, most likely first. OCR-B keeps digits
 * and letters apart better than most faces, yet blur and low resolution still merge 0/O/D/Q, 1/I/L, 2/Z, 5/S,
 * 6/G, 8/B, and the filler '<' is taken for an angular letter (K, C, E, L, X) when it is broken or smeared.
 */
const MAY_REALLY_BE: Readonly<Record<string, string>> = {
  '0': 'ODQ869',
  '1': 'ILT74',
  '2': 'Z7',
  '3': 'B85',
  '4': 'A1',
  '5': 'S63',
  '6': 'G508',
  '7': 'TZ12',
  '8': 'B03695',
  '9': '80',
  A: '4',
  B: '83',
  C: '<GE0O',
  D: '0O',
  E: '<FC',
  F: 'EP',
  G: '6C',
  H: 'MN',
  I: '1LT',
  J: '1',
  K: '<X',
  L: '1<I',
  M: 'NH',
  N: 'MH',
  O: '0DQC',
  P: 'F',
  Q: '0O',
  R: 'P',
  S: '58',
  T: '71',
  U: '0',
  X: 'K<',
  Z: '27',
};

/** What `read` may really be, restricted to `charClass`, most likely first. */
export function alternativesInClass(read: string, charClass: MrzCharClass): string[] {
  return [...(MAY_REALLY_BE[read] ?? '')].filter((char) => fitsClass(char, charClass));
}

/** Letters the filler '<' is misread as. */
export function looksLikeFiller(read: string): boolean {
  return (MAY_REALLY_BE[read] ?? '').includes('<');
}
