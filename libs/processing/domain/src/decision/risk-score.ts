import type { AutomaticDecision, RiskLevel } from '@kyc/session-domain';
import type { DecisionRules } from '@kyc/workflow-domain';

/**
 * The score of several findings: 100 x (1 - prod(1 - weight / 100)). Each finding removes its share of what
 * is still unexplained, so the score never falls when a finding is added, never exceeds 100, equals a lone
 * finding's weight, and two findings never count for more than their sum. Rounded to one decimal.
 */
export function combineRisk(weights: readonly number[]): number {
  let clear = 1;
  for (const weight of weights) clear *= 1 - clampScore(weight) / 100;
  return roundScore(100 * (1 - clear));
}

/** The weight of a finding that occurs `count` times, each occurrence counted as independent evidence. */
export function repeatedWeight(weight: number, count: number): number {
  return count <= 0 ? 0 : 100 * (1 - (1 - clampScore(weight) / 100) ** count);
}

export function riskLevelOf(score: number, rules: DecisionRules): RiskLevel {
  if (score >= rules.risk_levels.high_from) return 'high';
  if (score >= rules.risk_levels.medium_from) return 'medium';
  return 'low';
}

/** What the score alone calls for, on the workflow's ladder of thresholds. */
export function scoreOutcome(score: number, rules: DecisionRules): AutomaticDecision {
  if (score >= rules.reject_from) return 'rejected';
  if (score >= rules.review_from) return 'manual_review';
  if (score >= rules.approve_below) return 'flagged';
  return 'approved';
}

export function roundScore(score: number): number {
  // The nudge rounds half up scores whose decimal half is stored just below it (57.75 is 57.7499... in binary).
  return Math.min(100, Math.round(clampScore(score) * 10 + 1e-9) / 10);
}

export function clampScore(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}
