import { DEFAULT_DECISION_RULES } from '@kyc/workflow-domain';
import { describe, expect, it } from 'vitest';
import { combineRisk, repeatedWeight, riskLevelOf, roundScore, scoreOutcome } from './risk-score';

describe('combineRisk', () => {
  it.each([
    [[], 0],
    [[0, 0], 0],
    [[70], 70],
    [[30, 30], 51],
    [[70, 70], 91],
    [[35, 35], 57.8],
    [[100, 5], 100],
    [[60, 25, 5], 71.5],
  ])('combines %j into %d', (weights, score) => {
    expect(combineRisk(weights)).toBe(score);
  });

  it('keeps weights that are not scores within bounds', () => {
    expect(combineRisk([-20, Number.NaN])).toBe(0);
    expect(combineRisk([250])).toBe(100);
    expect(combineRisk([Number.POSITIVE_INFINITY, 10])).toBe(10);
  });

  it('never exceeds the sum of its parts', () => {
    for (const [a, b] of [
      [10, 20],
      [45, 45],
      [5, 90],
    ]) {
      expect(combineRisk([a, b])).toBeLessThanOrEqual(a + b);
      expect(combineRisk([a, b])).toBeGreaterThanOrEqual(Math.max(a, b));
    }
  });
});

describe('repeatedWeight', () => {
  it.each([
    [25, 0, 0],
    [25, 1, 25],
    [25, 2, 43.8],
    [5, 3, 14.3],
    [100, 4, 100],
  ])('weighs %d repeated %d times as %d', (weight, count, expected) => {
    expect(roundScore(repeatedWeight(weight, count))).toBe(expected);
  });
});

describe('risk level and score outcome on the default rules', () => {
  it.each([
    [0, 'low', 'approved'],
    [29.9, 'low', 'approved'],
    [30, 'medium', 'flagged'],
    [69.9, 'medium', 'flagged'],
    [70, 'high', 'manual_review'],
    [89.9, 'high', 'manual_review'],
    [90, 'high', 'rejected'],
    [100, 'high', 'rejected'],
  ])('reads %d as %s, %s', (score, level, outcome) => {
    expect(riskLevelOf(score, DEFAULT_DECISION_RULES)).toBe(level);
    expect(scoreOutcome(score, DEFAULT_DECISION_RULES)).toBe(outcome);
  });
});
