import { resolve } from 'node:path';
import { defaultListFiles, loadSanctionsLists } from '@kyc/screening-adapters';
import { DEFAULT_MATCH_THRESHOLD, NameScreeningIndex, compareNames } from '@kyc/screening-domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EvalFigures,
  evaluate,
  falsePositiveRate,
  readEvalRows,
  recall,
  RECALL_DEPTH,
} from './name-eval-set';
import { readOfacScores } from './ofac-calibration';

const DATA = resolve(__dirname, '../../data/sanctions');

/**
 * Regression floors on the labelled development set with every shipped list loaded. The aim is recall >= 0.95
 * at a false-positive rate <= 5%; the floors leave room for one or two rows to move, not for a regression.
 */
describe('name screening on the labelled development set', () => {
  let figures: EvalFigures;

  beforeAll(async () => {
    const snapshots = await loadSanctionsLists(defaultListFiles(DATA));
    const index = NameScreeningIndex.build(snapshots.flatMap((snapshot) => snapshot.entities));
    const rows = readEvalRows(resolve(DATA, 'eval/eval-names.dev.jsonl'));
    figures = evaluate(
      rows,
      (query) =>
        index.search({ name: query, limit: RECALL_DEPTH }).map((m) => ({ id: m.entity.id, score: m.score })),
      DEFAULT_MATCH_THRESHOLD,
    );
  }, 60_000);

  it('recalls at least 95% of listed names, every expected id in the top 10 at or above the threshold', () => {
    expect(recall(figures.overall)).toBeGreaterThanOrEqual(0.95);
  });

  it('raises a hit on at most 5% of names that are not listed', () => {
    expect(falsePositiveRate(figures.overall)).toBeLessThanOrEqual(0.05);
  });

  it('keeps every kind of variant above 85% recall and every kind of negative under 10% false positives', () => {
    for (const category of figures.categories) {
      if (category.positives > 0) expect(recall(category), category.category).toBeGreaterThanOrEqual(0.85);
      if (category.negatives > 0)
        expect(falsePositiveRate(category), category.category).toBeLessThanOrEqual(0.1);
    }
  });
});

describe('name score against OFAC Sanctions List Search', () => {
  const rows = readOfacScores(resolve(DATA, 'reference/ofac-sls-scores.csv'));

  it('puts the exact and reordered names OFAC scores 100 at or above the threshold', () => {
    const reordered = rows.filter(
      (row) => row.ofacScore === 100 && compareNames(row.result, row.query).score === 1,
    );
    expect(reordered.length).toBeGreaterThan(5);
    for (const row of reordered)
      expect(compareNames(row.query, row.result).score, row.result).toBeGreaterThanOrEqual(
        DEFAULT_MATCH_THRESHOLD,
      );
  });

  it('scores the typos OFAC scores 98-99 above the threshold', () => {
    expect(compareNames('VLADIMR PUTIN', 'PUTIN, Vladimir').score).toBeGreaterThanOrEqual(
      DEFAULT_MATCH_THRESHOLD,
    );
    expect(compareNames('VLADIMIR PUTNI', 'PUTIN, Vladimir').score).toBeGreaterThanOrEqual(
      DEFAULT_MATCH_THRESHOLD,
    );
  });

  it('keeps nearly all names OFAC scores below 90 (mostly a shared given name) below the threshold', () => {
    const low = rows.filter((row) => row.ofacScore < 90);
    const above = low.filter((row) => compareNames(row.query, row.result).score >= DEFAULT_MATCH_THRESHOLD);
    expect(above.length / low.length).toBeLessThanOrEqual(0.05);
  });
});
