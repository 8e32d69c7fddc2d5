import type { MrzOcrLine } from '@kyc/documents-domain';
import type { GreyImage } from './grey-image';
import type { GlyphScore, OcrBGlyphClassifier } from './ocr-b-glyph-classifier';
import type { RecognisedLine, RecognisedSymbol } from './tesseract-mrz-engine';

/** A reference match this far off means tesseract's box does not hold one clean character (merged, split, smudged). */
const POOR_MATCH = 0.8;
/** Reference characters this close to the best one remain plausible readings. */
const CLOSE_MATCH = 0.08;
/**
 * How fast certainty grows with the margin between the best reference match and the runner-up. Measured on
 * 10,600 characters of clean and degraded fixtures: below a margin of 0.04 about a third of the best matches
 * were wrong, between 0.04 and 0.08 two in a hundred, above 0.08 none; 1 - e^(-margin/0.025)/2 follows that.
 */
const MARGIN_SCALE = 0.025;

/** Median distance between neighbouring character centres: the line's pitch. */
function linePitch(symbols: RecognisedLine): number {
  const centres = symbols.map((s) => (s.box.x0 + s.box.x1) / 2);
  const steps = centres
    .slice(1)
    .map((c, i) => c - centres[i])
    .filter((step) => step > 0)
    .sort((a, b) => a - b);
  return steps.length > 0 ? steps[Math.floor(steps.length / 2)] : 0;
}

/** Widest OCR-B glyph (M, W) in character pitches, with room for blur. */
const MAX_GLYPH_WIDTH = 0.9;

/**
 * Tesseract sometimes cuts one wide glyph into several (M as "IVI", W as "VV"). On a fixed-pitch line the pieces
 * give themselves away: they touch and together are no wider than one character, where real neighbours are
 * separated by about a third of the pitch. Such runs are joined back into one box.
 */
function joinSplitGlyphs(symbols: RecognisedLine, pitch: number): RecognisedSymbol[] {
  const joined: RecognisedSymbol[] = [];
  for (const symbol of symbols) {
    const last = joined[joined.length - 1];
    const touching = last !== undefined && symbol.box.x0 - last.box.x1 < 0.12 * pitch;
    const union = last && {
      x0: Math.min(last.box.x0, symbol.box.x0),
      y0: Math.min(last.box.y0, symbol.box.y0),
      x1: Math.max(last.box.x1, symbol.box.x1),
      y1: Math.max(last.box.y1, symbol.box.y1),
    };
    if (touching && union && union.x1 - union.x0 <= MAX_GLYPH_WIDTH * pitch) {
      joined[joined.length - 1] = {
        text: `${last.text}${symbol.text}`,
        confidence: Math.min(last.confidence, symbol.confidence),
        box: union,
      };
    } else {
      joined.push(symbol);
    }
  }
  return joined;
}

interface Reading {
  readonly char: string;
  readonly confidence: number;
  readonly alternatives: string;
}

function decide(symbol: RecognisedSymbol, ranked: readonly GlyphScore[]): Reading {
  const [best, runnerUp] = ranked;
  if (symbol.text.length > 1 && best) {
    // A glyph tesseract had cut in pieces: only the reference can name it.
    return {
      char: best.char,
      confidence: 0.5,
      alternatives: ranked
        .slice(1, 3)
        .map((r) => r.char)
        .join(''),
    };
  }
  if (!best || best.distance > POOR_MATCH) {
    return {
      char: symbol.text,
      confidence: Math.min(symbol.confidence, 0.3),
      alternatives: ranked
        .slice(0, 2)
        .map((r) => r.char)
        .filter((c) => c !== symbol.text)
        .join(''),
    };
  }
  const close = ranked.filter((r) => r.distance - best.distance < CLOSE_MATCH).map((r) => r.char);
  const alternatives = [...new Set([...close, symbol.text])].filter((c) => c !== best.char).join('');
  const margin = runnerUp ? runnerUp.distance - best.distance : Number.POSITIVE_INFINITY;
  return { char: best.char, confidence: 1 - Math.exp(-margin / MARGIN_SCALE) / 2, alternatives };
}

/**
 * Turns tesseract's lines into MRZ OCR lines, each character re-read against the OCR-B reference glyphs: the
 * reference decides (it knows the face tesseract's English model does not), tesseract's reading and any
 * near-tie become alternatives the check digits may pick from.
 */
export function classifiedLines(
  lines: readonly RecognisedLine[],
  image: GreyImage,
  classifier: OcrBGlyphClassifier,
): MrzOcrLine[] {
  return lines.map((recognised) => {
    const pitch = linePitch(recognised);
    const symbols = pitch > 0 ? joinSplitGlyphs(recognised, pitch) : recognised;
    const readings = symbols.map((symbol) =>
      pitch > 0
        ? decide(symbol, classifier.classify(image, symbol.box, pitch))
        : { char: symbol.text, confidence: symbol.confidence, alternatives: '' },
    );
    return {
      text: readings.map((r) => r.char).join(''),
      confidences: readings.map((r) => r.confidence),
      alternatives: readings.map((r) => r.alternatives),
    };
  });
}
