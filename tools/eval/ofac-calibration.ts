/**
 * Calibration check against OFAC's own Sanctions List Search scores (data/sanctions/reference/ofac-sls-scores.csv):
 * how our name score for each (query, listed name) pair relates to the score OFAC's tool gave it.
 */
import { readFileSync } from 'node:fs';

export interface OfacScoreRow {
  query: string;
  result: string;
  /** 0..100 as OFAC published it. */
  ofacScore: number;
}

/** The file is simple CSV: result names with commas are quoted, no quote is escaped inside. */
export function readOfacScores(path: string): OfacScoreRow[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const fields = [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2]);
    return { query: fields[0], result: fields[1], ofacScore: Number(fields[2]) };
  });
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  for (let k = 0; k < order.length;) {
    let end = k;
    while (end + 1 < order.length && order[end + 1].value === order[k].value) end++;
    for (let t = k; t <= end; t++) result[order[t].i] = (k + end) / 2;
    k = end + 1;
  }
  return result;
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

/** Spearman rank correlation. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  return pearson(ranks(a), ranks(b));
}
