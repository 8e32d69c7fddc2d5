import { darkMask, type GreyImage } from './grey-image';

/** Where the machine-readable zone lies, in the coordinates of the image it was located in. */
export interface MrzBand {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Text lines seen in the band (2 or 3 for a real zone). */
  readonly lineCount: number;
  /** Median height of those lines' ink, in pixels. */
  readonly lineHeight: number;
}

interface TextRow {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Most dark runs in one pixel row of the band: MRZ lines are dense, regular rows of characters. */
  runs: number;
}

const MAX_SKEW_DEGREES = 6;

function rowRuns(mask: Uint8Array, width: number, y: number): number {
  let runs = 0;
  for (let x = 1; x < width; x++) if (mask[y * width + x] === 1 && mask[y * width + x - 1] === 0) runs++;
  return runs;
}

/**
 * Skew of the text lines, in degrees (positive: lines descend to the right). Projects the dark pixels along each
 * candidate slope and keeps the slope with the sharpest row profile; MRZ lines, long and dense, dominate it.
 */
export function estimateSkew(image: GreyImage): number {
  const { width, height } = image;
  const mask = darkMask(image, Math.max(15, Math.round(width / 30)));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] === 1) {
        xs.push(x - width / 2);
        ys.push(y);
      }
    }
  }
  const sharpness = (degrees: number): number => {
    const slope = Math.tan((degrees * Math.PI) / 180);
    const offset = Math.ceil((width / 2) * Math.abs(slope)) + 1;
    const profile = new Float64Array(height + 2 * offset);
    for (let i = 0; i < xs.length; i++) profile[Math.round(ys[i] - xs[i] * slope) + offset]++;
    let sum = 0;
    for (const value of profile) sum += value * value;
    return sum;
  };
  const best = (from: number, to: number, step: number): number => {
    let angle = from;
    let score = -1;
    for (let a = from; a <= to + 1e-9; a += step) {
      const s = sharpness(a);
      if (s > score) {
        score = s;
        angle = a;
      }
    }
    return angle;
  };
  const coarse = best(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.5);
  return best(coarse - 0.5, coarse + 0.5, 0.1);
}

function textRows(mask: Uint8Array, width: number, height: number): TextRow[] {
  const minRuns = Math.max(6, Math.round(width / 120));
  const rows: TextRow[] = [];
  let current: TextRow | undefined;
  let gap = 0;
  for (let y = 0; y < height; y++) {
    const runs = rowRuns(mask, width, y);
    if (runs >= minRuns) {
      if (!current) current = { top: y, bottom: y, left: width, right: 0, runs: 0 };
      current.bottom = y;
      current.runs = Math.max(current.runs, runs);
      gap = 0;
    } else if (current && ++gap > 1) {
      rows.push(current);
      current = undefined;
    }
  }
  if (current) rows.push(current);
  for (const row of rows) {
    // Horizontal extent from the columns holding ink, ignoring a few stray pixels at either side.
    const columns = new Uint32Array(width);
    for (let y = row.top; y <= row.bottom; y++)
      for (let x = 0; x < width; x++) columns[x] += mask[y * width + x];
    const total = columns.reduce((a, b) => a + b, 0);
    let acc = 0;
    row.left = 0;
    while (row.left < width - 1 && (acc += columns[row.left]) < total * 0.01) row.left++;
    acc = 0;
    row.right = width - 1;
    while (row.right > 0 && (acc += columns[row.right]) < total * 0.01) row.right--;
  }
  return rows.filter((row) => row.bottom - row.top >= 3);
}

/**
 * An MRZ line: long (44 or 30 characters at 10 per inch make it 12 to 20 times as long as it is tall), packed
 * with characters all along, and at least a fifth of the image wide (the document may fill little of a photo).
 */
function looksLikeMrzLine(row: TextRow, width: number): boolean {
  const span = row.right - row.left;
  const lengthInHeights = span / (row.bottom - row.top + 1);
  return span >= width * 0.2 && row.runs >= 20 && lengthInHeights >= 12 && row.runs / lengthInHeights >= 0.6;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Finds the machine-readable zone in an upright image: the lowest group of two or three MRZ-like text lines of
 * similar height at regular spacing. Returns the group's box with a margin, or undefined.
 */
export function locateMrzBand(image: GreyImage): MrzBand | undefined {
  const { width, height } = image;
  const mask = darkMask(image, Math.max(15, Math.round(width / 30)));
  const lines = textRows(mask, width, height).filter((row) => looksLikeMrzLine(row, width));
  if (lines.length === 0) return undefined;
  // Walk up from the bottom, gathering lines that continue the group (similar height, regular spacing).
  const group = [lines[lines.length - 1]];
  for (let i = lines.length - 2; i >= 0 && group.length < 3; i--) {
    const upper = lines[i];
    const below = group[group.length - 1];
    const h = below.bottom - below.top + 1;
    const gap = below.top - upper.bottom;
    const similar = Math.abs(upper.bottom - upper.top + 1 - h) <= h * 0.6;
    if (!similar || gap > h * 2.2) break;
    group.push(upper);
  }
  const lineHeight = median(group.map((row) => row.bottom - row.top + 1));
  // Lines are about two line heights apart. When fewer than two were recognised as MRZ lines (a line smudged
  // or thin at low resolution), the crop reaches far enough for the missing ones: the OCR text tells the rest.
  const marginY = Math.round(lineHeight * (group.length >= 3 ? 0.8 : group.length === 2 ? 2.4 : 4.2));
  const marginX = Math.round(lineHeight * 1.2);
  const left = Math.max(0, Math.min(...group.map((row) => row.left)) - marginX);
  const right = Math.min(width - 1, Math.max(...group.map((row) => row.right)) + marginX);
  const top = Math.max(0, group[group.length - 1].top - marginY);
  const bottom = Math.min(height - 1, group[0].bottom + marginY);
  return {
    left,
    top,
    width: right - left + 1,
    height: bottom - top + 1,
    lineCount: group.length,
    lineHeight,
  };
}
