import type { MrzCell } from './mrz-ocr-text';

/** Beyond this many missing or extra characters a line is not reshaped: the zone is too broken to trust. */
const MAX_LENGTH_CORRECTION = 8;

const filler = (): MrzCell => ({ read: '<', char: '<', confidence: undefined, alternatives: '' });

interface FillerRun {
  readonly start: number;
  readonly length: number;
}

function fillerRuns(cells: readonly MrzCell[]): FillerRun[] {
  const runs: FillerRun[] = [];
  let i = 0;
  while (i < cells.length) {
    if (cells[i].read !== '<') {
      i++;
      continue;
    }
    const start = i;
    while (i < cells.length && cells[i].read === '<') i++;
    runs.push({ start, length: i - start });
  }
  return runs;
}

/** Grows (positive `delta`) or shrinks runs of fillers, applying the changes right to left so indexes hold. */
function resizeRuns(
  cells: readonly MrzCell[],
  changes: readonly { run: FillerRun; delta: number }[],
): MrzCell[] | undefined {
  const result = [...cells];
  for (const { run, delta } of [...changes].sort((a, b) => b.run.start - a.run.start)) {
    if (run.length + delta < 0) return undefined;
    if (delta < 0) result.splice(run.start, -delta);
    else result.splice(run.start, 0, ...Array.from({ length: delta }, filler));
  }
  return result;
}

/** Ways of splitting `total` missing or extra fillers over one or two filler runs. */
function runDistributions(runs: readonly FillerRun[], total: number): { run: FillerRun; delta: number }[][] {
  const sign = Math.sign(total);
  const size = Math.abs(total);
  const out: { run: FillerRun; delta: number }[][] = runs.map((run) => [{ run, delta: total }]);
  for (let a = 0; a < runs.length; a++) {
    for (let b = a + 1; b < runs.length; b++) {
      for (let k = 1; k < size; k++)
        out.push([
          { run: runs[a], delta: sign * k },
          { run: runs[b], delta: sign * (size - k) },
        ]);
    }
  }
  return out;
}

/**
 * Reshapes an OCR line to the format's length. Engines mostly miscount long filler runs, so the candidates
 * grow or shrink one or two runs; stray marks at the edges of the crop give the trim candidates. The scorer
 * (how well characters then fit their positions and how many check digits pass) picks the candidate.
 */
export function fitLineLength(
  cells: readonly MrzCell[],
  length: number,
  score: (candidate: readonly MrzCell[]) => number,
): MrzCell[] {
  const excess = cells.length - length;
  if (excess === 0) return [...cells];
  if (Math.abs(excess) > MAX_LENGTH_CORRECTION) {
    return excess > 0 ? cells.slice(0, length) : [...cells, ...Array.from({ length: -excess }, filler)];
  }
  const candidates: MrzCell[][] = [];
  if (excess > 0) {
    for (let head = 0; head <= excess; head++) candidates.push(cells.slice(head, head + length));
  } else {
    candidates.push([...cells, ...Array.from({ length: -excess }, filler)]);
  }
  for (const distribution of runDistributions(fillerRuns(cells), -excess)) {
    const resized = resizeRuns(cells, distribution);
    if (resized) candidates.push(resized);
  }
  let best = candidates[0];
  let bestScore = score(best);
  for (const candidate of candidates.slice(1)) {
    const candidateScore = score(candidate);
    if (candidateScore > bestScore) {
      best = candidate;
      bestScore = candidateScore;
    }
  }
  return best;
}
