import { MRZ_LAYOUTS, type MrzFormat, type MrzLayout } from './mrz-layout';

/** One line as an OCR engine returned it, optionally with its per-character confidence (0..1). */
export interface MrzOcrLine {
  readonly text: string;
  /** Aligned with `text` character by character; characters without a value count as certain. */
  readonly confidences?: readonly number[];
  /**
   * Aligned with `text`: other characters the engine found plausible at each position, most likely first
   * (e.g. "0" where it read "O"); empty or missing when it had no second choice.
   */
  readonly alternatives?: readonly string[];
}

/** OCR output: a text with line breaks, or its lines. */
export type MrzOcrInput = string | readonly (string | MrzOcrLine)[];

/** One MRZ character: what the OCR read, what the repair made of it, and how sure the OCR was. */
export interface MrzCell {
  readonly read: string;
  char: string;
  /** 0..1; undefined when the engine gave none (no evidence of doubt). */
  readonly confidence: number | undefined;
  /** The engine's other plausible readings, most likely first. */
  readonly alternatives: string;
}

export interface MrzCandidate {
  readonly layout: MrzLayout;
  readonly lines: MrzCell[][];
}

/** Glyphs outside the MRZ alphabet that engines without a whitelist return for the filler chevron. */
const FILLER_GLYPHS = '‹«(<[{≤';
/** Line lengths further than this from the format's length are not read as that format. */
const LENGTH_TOLERANCE: Readonly<Record<MrzFormat, number>> = { TD1: 4, TD2: 5, TD3: 6 };
const MIN_LINE_LENGTH = 30 - LENGTH_TOLERANCE.TD1;

function toOcrLines(input: MrzOcrInput): MrzOcrLine[] {
  if (typeof input === 'string') return input.split(/\r?\n/).map((text) => ({ text }));
  return input.flatMap((line) =>
    typeof line === 'string'
      ? line.split(/\r?\n/).map((text) => ({ text }))
      : line && typeof line.text === 'string'
        ? [line]
        : [],
  );
}

/** Keeps the MRZ alphabet only, with confidences still aligned. */
function toCells(line: MrzOcrLine): MrzCell[] {
  const cells: MrzCell[] = [];
  const chars = [...line.text.toUpperCase()];
  chars.forEach((raw, i) => {
    const confidence = line.confidences?.[i];
    const alternatives = (line.alternatives?.[i] ?? '').toUpperCase().replace(/[^A-Z0-9<]/g, '');
    const char = FILLER_GLYPHS.includes(raw) ? '<' : raw;
    if (/^[A-Z0-9<]$/.test(char)) cells.push({ read: char, char, confidence, alternatives });
    else if (raw === '«')
      cells.push(
        { read: '<', char: '<', confidence, alternatives: '' },
        { read: '<', char: '<', confidence, alternatives: '' },
      );
  });
  return cells;
}

function deviation(lines: readonly MrzCell[][], layout: MrzLayout): number {
  let total = 0;
  for (const line of lines) {
    const off = Math.abs(line.length - layout.lineLength);
    if (off > LENGTH_TOLERANCE[layout.format]) return Number.POSITIVE_INFINITY;
    total += off;
  }
  return total;
}

/**
 * Finds the consecutive lines that best fit a TD1 (3x30), TD2 (2x36) or TD3 (2x44) zone in OCR output that may
 * also hold other text. Ties go to the lowest block: the MRZ is the bottom of the document.
 */
export function findMrzCandidate(input: MrzOcrInput): MrzCandidate | undefined {
  const lines = toOcrLines(input)
    .map(toCells)
    .filter((cells) => cells.length >= MIN_LINE_LENGTH);
  let best: { candidate: MrzCandidate; deviation: number } | undefined;
  for (const layout of Object.values(MRZ_LAYOUTS)) {
    for (let first = 0; first + layout.lineCount <= lines.length; first++) {
      const block = lines.slice(first, first + layout.lineCount);
      const off = deviation(block, layout);
      if (off !== Number.POSITIVE_INFINITY && (!best || off <= best.deviation)) {
        best = { candidate: { layout, lines: block }, deviation: off };
      }
    }
  }
  return best?.candidate;
}
