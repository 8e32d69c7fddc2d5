import type { AutomaticDecision, DecisionReason, DecisionSource } from '@kyc/session-domain';
import { clampScore, roundScore } from './risk-score';

/** A reason for the decision with the weight (0-100) it brings to the risk score. */
export interface Finding {
  reason: DecisionReason;
  weight: number;
}

/**
 * Builds a finding whose message ends with its weight, so that a reader can see what each reason brought
 * to the score. `text` must not hold personal data: codes, counts, field paths and scores only.
 */
export function finding(
  code: string,
  source: DecisionSource,
  outcome: AutomaticDecision,
  text: string,
  weight: number,
): Finding {
  const rounded = roundScore(weight);
  const message =
    rounded > 0 ? `${text} Risk ${rounded} on its own.` : `${text} Adds nothing to the risk score.`;
  return { reason: { code, source, outcome, message }, weight: clampScore(weight) };
}

/** Distinct values, sorted (the same results give the same message whatever their order), at most `max` named. */
export function listed(values: Iterable<string>, max = 5): string {
  const distinct = [...new Set(values)].sort();
  const named = distinct.slice(0, max).join(', ');
  return distinct.length > max ? `${named} and ${distinct.length - max} more` : named;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
