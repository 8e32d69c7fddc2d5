/** The labelled name-screening set (data/sanctions/eval/*.jsonl) and the metrics the project reports on it. */
import { readFileSync } from 'node:fs';

export interface NameEvalRow {
  query: string;
  expected_entity_ids: string[];
  note: string;
  category: string;
}

export function readEvalRows(path: string): NameEvalRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as NameEvalRow);
}

/** One ranked result of a screening run: an entity id and its score. */
export interface RankedHit {
  id: string;
  score: number;
}

export interface CategoryFigures {
  category: string;
  positives: number;
  recalled: number;
  negatives: number;
  falsePositives: number;
}

export interface EvalFigures {
  overall: CategoryFigures;
  categories: CategoryFigures[];
  /** Rows that failed: a positive missing an expected id, or a negative with a hit. */
  failures: { row: NameEvalRow; hits: RankedHit[] }[];
}

export const RECALL_DEPTH = 10;

/**
 * Recall: a positive counts when every expected id is in the top 10 at or above the threshold.
 * False-positive rate: the share of negatives with any result at or above the threshold.
 */
export function evaluate(
  rows: readonly NameEvalRow[],
  search: (query: string) => RankedHit[],
  threshold: number,
): EvalFigures {
  const byCategory = new Map<string, CategoryFigures>();
  const overall: CategoryFigures = {
    category: 'overall',
    positives: 0,
    recalled: 0,
    negatives: 0,
    falsePositives: 0,
  };
  const failures: EvalFigures['failures'] = [];
  for (const row of rows) {
    const figures = byCategory.get(row.category) ?? {
      category: row.category,
      positives: 0,
      recalled: 0,
      negatives: 0,
      falsePositives: 0,
    };
    byCategory.set(row.category, figures);
    const hits = search(row.query)
      .filter((hit) => hit.score >= threshold)
      .slice(0, RECALL_DEPTH);
    if (row.expected_entity_ids.length === 0) {
      const falsePositive = hits.length > 0;
      for (const f of [figures, overall]) {
        f.negatives += 1;
        if (falsePositive) f.falsePositives += 1;
      }
      if (falsePositive) failures.push({ row, hits });
    } else {
      const found = new Set(hits.map((hit) => hit.id));
      const recalled = row.expected_entity_ids.every((id) => found.has(id));
      for (const f of [figures, overall]) {
        f.positives += 1;
        if (recalled) f.recalled += 1;
      }
      if (!recalled) failures.push({ row, hits });
    }
  }
  return {
    overall,
    categories: [...byCategory.values()].sort((a, b) => a.category.localeCompare(b.category)),
    failures,
  };
}

export function recall(f: CategoryFigures): number {
  return f.positives === 0 ? Number.NaN : f.recalled / f.positives;
}

export function falsePositiveRate(f: CategoryFigures): number {
  return f.negatives === 0 ? Number.NaN : f.falsePositives / f.negatives;
}
