import type { MrzCharClass } from './mrz-layout';
import { alternativesInClass, fitsClass } from './mrz-ocr-confusions';
import type { MrzCell } from './mrz-ocr-text';

/** Another character a cell may hold, and what believing it costs against the current reading (in nats). */
export interface ReadingOption {
  readonly char: string;
  readonly cost: number;
}

/** Part of a character's doubt left to the generic look-alikes when the engine named its own second choices. */
const LOOK_ALIKE_SHARE_BESIDE_ENGINE = 0.05;
/** The engine's confidence is capped: nothing read from an image is beyond doubt. */
const MAX_CONFIDENCE = 0.999;

function spread(chars: readonly string[], mass: number, into: Map<string, number>): void {
  const weights = chars.map((_, k) => 0.5 ** k);
  const total = weights.reduce((a, b) => a + b, 0);
  chars.forEach((char, k) => into.set(char, (into.get(char) ?? 0) + (mass * weights[k]) / total));
}

/**
 * Rough probabilities of what a cell really holds. The engine's confidence goes to its reading and the doubt to
 * its own second choices, each rank half as likely as the one before; generic look-alikes share what the engine
 * left unexplained. Readings the position cannot hold are then dropped and the rest renormalised, so a doubt
 * between O and 0 in a date does not make 6 or 8 likely. A reading the position cannot hold has no weight at
 * all; one with no stated confidence counts as certain.
 */
export function readingOptions(cell: MrzCell, charClass: MrzCharClass): ReadingOption[] {
  const confidence = !fitsClass(cell.read, charClass)
    ? 0
    : cell.confidence === undefined
      ? 1
      : Math.min(MAX_CONFIDENCE, Math.max(0.02, cell.confidence));
  const engine = [...new Set(cell.alternatives)].filter((char) => char !== cell.read);
  const lookAlikes = alternativesInClass(cell.read, charClass).filter(
    (c) => c !== cell.read && !engine.includes(c),
  );
  const probability = new Map<string, number>([[cell.read, confidence]]);
  const lookAlikeShare = engine.length > 0 ? LOOK_ALIKE_SHARE_BESIDE_ENGINE : 1;
  spread(engine, (1 - confidence) * (1 - lookAlikeShare), probability);
  spread(lookAlikes, (1 - confidence) * lookAlikeShare, probability);
  const possible = [...probability].filter(([char, p]) => p > 0 && fitsClass(char, charClass));
  const current = possible.find(([char]) => char === cell.char)?.[1] ?? 0;
  if (current === 0) return [];
  return possible
    .filter(([char]) => char !== cell.char)
    .map(([char, p]) => ({ char, cost: Math.log(current / p) }));
}
