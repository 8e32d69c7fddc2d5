const WEIGHTS = [7, 3, 1] as const;

/** Numeric value of one MRZ character in the ICAO 9303 check digit: digits as such, A=10 ... Z=35, filler 0. */
function characterValue(char: string): number {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  if (char >= 'A' && char <= 'Z') return char.charCodeAt(0) - 55;
  return 0;
}

/** ICAO 9303 check digit (weights 7, 3, 1 repeating, modulo 10) of an MRZ character sequence. */
export function mrzCheckDigit(value: string): number {
  let sum = 0;
  for (let i = 0; i < value.length; i++) sum += characterValue(value[i]) * WEIGHTS[i % 3];
  return sum % 10;
}
