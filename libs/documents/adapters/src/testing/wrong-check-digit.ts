import type { MrzDocument } from './mrz-document';
import { SeededRandom } from './seeded-random';

/** Positions (line, index) of the document number, birth, expiry and composite check digits per format. */
const CHECK_DIGITS = {
  TD1: [
    [0, 14],
    [1, 6],
    [1, 14],
    [1, 29],
  ],
  TD2: [
    [1, 9],
    [1, 19],
    [1, 27],
    [1, 35],
  ],
  TD3: [
    [1, 9],
    [1, 19],
    [1, 27],
    [1, 43],
  ],
} as const;

export interface MrzDocumentWithWrongCheckDigit extends MrzDocument {
  readonly wrongCheckDigit: {
    readonly line: number;
    readonly index: number;
    readonly printed: string;
    readonly correct: string;
  };
}

/**
 * The same document with one check digit printed wrong (drawn from `seed`): what a forged or mistyped zone
 * looks like. A reader must report it, never "repair" the data until the digit fits.
 */
export function withWrongCheckDigit(document: MrzDocument, seed: number): MrzDocumentWithWrongCheckDigit {
  const random = new SeededRandom(seed);
  const [line, index] = random.pick(
    CHECK_DIGITS[document.data.format].filter(([l, i]) => /\d/.test(document.lines[l][i])),
  );
  const correct = document.lines[line][index];
  const printed = String((Number(correct) + random.int(1, 9)) % 10);
  const lines = document.lines.map((text, l) =>
    l === line ? text.slice(0, index) + printed + text.slice(index + 1) : text,
  );
  return {
    ...document,
    id: `${document.id}-wrong-check-digit`,
    lines,
    wrongCheckDigit: { line, index, printed, correct },
  };
}
