import type { AutomaticDecision } from '@kyc/session-domain';

/** Mildest first: a decision is the most severe of what its reasons call for. */
export const DECISION_SEVERITY: readonly AutomaticDecision[] = [
  'approved',
  'flagged',
  'manual_review',
  'rejected',
];

export function severityOf(decision: AutomaticDecision): number {
  return DECISION_SEVERITY.indexOf(decision);
}

/** The most severe of the decisions given; approved when there is none. */
export function mostSevereDecision(decisions: Iterable<AutomaticDecision>): AutomaticDecision {
  let worst: AutomaticDecision = 'approved';
  for (const decision of decisions) if (severityOf(decision) > severityOf(worst)) worst = decision;
  return worst;
}
