import type { CryptoAddressIndex } from './crypto-address-index';

/** One labelled query; an empty expected_entity_ids means the query must match nothing. */
export interface CryptoEvalRow {
  query: string;
  expected_entity_ids: readonly string[];
  category: string;
}

export interface CryptoEvalFailure {
  query: string;
  category: string;
  expected: readonly string[];
  found: string[];
}

export interface CryptoEvalFigures {
  total: number;
  passed: number;
  positives: number;
  /** Positives whose every expected id was found. */
  positivesFound: number;
  negatives: number;
  /** Negatives that matched anything. */
  falsePositives: number;
  /** positivesFound / positives; null when there are no positives. */
  recall: number | null;
  /** falsePositives / negatives; null when there are no negatives. */
  falsePositiveRate: number | null;
  byCategory: Record<string, { total: number; passed: number }>;
  failures: CryptoEvalFailure[];
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Runs labelled address queries (no currency given, as a search box would) against the index. */
export function cryptoEvalReport(
  rows: readonly CryptoEvalRow[],
  index: CryptoAddressIndex,
): CryptoEvalFigures {
  const figures: CryptoEvalFigures = {
    total: rows.length,
    passed: 0,
    positives: 0,
    positivesFound: 0,
    negatives: 0,
    falsePositives: 0,
    recall: null,
    falsePositiveRate: null,
    byCategory: {},
    failures: [],
  };
  for (const row of rows) {
    const found = [...new Set(index.lookup(row.query).map((hit) => hit.entity_id))];
    const positive = row.expected_entity_ids.length > 0;
    const passed = positive ? row.expected_entity_ids.every((id) => found.includes(id)) : found.length === 0;
    if (positive) {
      figures.positives++;
      if (passed) figures.positivesFound++;
    } else {
      figures.negatives++;
      if (!passed) figures.falsePositives++;
    }
    const category = (figures.byCategory[row.category] ??= { total: 0, passed: 0 });
    category.total++;
    if (passed) {
      category.passed++;
      figures.passed++;
    } else {
      figures.failures.push({
        query: row.query,
        category: row.category,
        expected: row.expected_entity_ids,
        found,
      });
    }
  }
  figures.recall = ratio(figures.positivesFound, figures.positives);
  figures.falsePositiveRate = ratio(figures.falsePositives, figures.negatives);
  return figures;
}
