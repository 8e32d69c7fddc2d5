import type {
  AutomaticDecision,
  CrossValidationResult,
  DecisionReason,
  DocumentExtraction,
  FaceMatchResult,
  RiskLevel,
  ValidationResults,
  WebValidationResult,
} from '@kyc/session-domain';
import type { DecisionRules } from '@kyc/workflow-domain';
import type { Finding } from './decision-finding';
import { mostSevereDecision, severityOf } from './decision-severity';
import { documentFindings } from './document-findings';
import { faceMatchFindings } from './face-match-findings';
import { combineRisk, riskLevelOf, scoreOutcome } from './risk-score';
import { screeningFindings } from './screening-findings';
import { webFindings } from './web-findings';

export interface DecisionInput {
  extractions: Record<string, DocumentExtraction>;
  cross_validation: CrossValidationResult;
  /** null: face match not enabled. */
  face_match: FaceMatchResult | null;
  /** A check the workflow does not enable is null; is_match/match_count already leave out dismissed hits. */
  external: Omit<ValidationResults, 'validated_at'>;
  web: WebValidationResult[];
  rules: DecisionRules;
}

export interface Decision {
  risk_score: number;
  risk_level: RiskLevel;
  final_decision: AutomaticDecision;
  decision_reasons: DecisionReason[];
}

/**
 * The risk score and the automatic decision of a processed session.
 *
 * Every finding brings a weight (`DECISION_RISK_WEIGHTS`) and calls for an outcome (the workflow's `on` rules).
 * The weights combine into a 0-100 score; a check that did not run (null) or could not conclude brings no
 * weight. The decision is the most severe of what the findings and the score (the workflow's approve_below /
 * review_from / reject_from ladder) call for: rejected > manual_review > flagged > approved. `flagged` means
 * the checks passed but something deserves a look: the session goes to a reviewer instead of being approved
 * silently. The reasons list every finding, most severe first, plus a `risk_score` reason when the score
 * alone calls for more than approval; an approval with no reason means nothing at all was found.
 */
export function decideProcessingOutcome(input: DecisionInput): Decision {
  const { rules } = input;
  const findings: Finding[] = [
    ...documentFindings(input.extractions, input.cross_validation, rules),
    ...faceMatchFindings(input.face_match, rules),
    ...screeningFindings(input.external, rules),
    ...webFindings(input.web, rules),
  ];
  const risk_score = combineRisk(findings.map((item) => item.weight));
  const byScore = scoreOutcome(risk_score, rules);
  const reasons = findings.map((item) => item.reason);
  if (byScore !== 'approved') reasons.push(scoreReason(risk_score, byScore, rules));
  return {
    risk_score,
    risk_level: riskLevelOf(risk_score, rules),
    final_decision: mostSevereDecision(reasons.map((reason) => reason.outcome)),
    // Array.prototype.sort is stable: reasons of equal severity keep the order of the checks.
    decision_reasons: reasons.sort((a, b) => severityOf(b.outcome) - severityOf(a.outcome)),
  };
}

function scoreReason(score: number, outcome: AutomaticDecision, rules: DecisionRules): DecisionReason {
  const message =
    outcome === 'rejected'
      ? `The risk score ${score} reaches the workflow's reject_from (${rules.reject_from}).`
      : outcome === 'manual_review'
        ? `The risk score ${score} reaches the workflow's review_from (${rules.review_from}).`
        : `The risk score ${score} is not below the workflow's approve_below (${rules.approve_below}).`;
  return { code: 'risk_score', source: 'processing', outcome, message };
}
