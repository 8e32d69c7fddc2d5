import type { FaceMatchResult } from '@kyc/session-domain';
import type { DecisionRules } from '@kyc/workflow-domain';
import { finding, type Finding } from './decision-finding';
import { DECISION_RISK_WEIGHTS as WEIGHTS } from './risk-weights';

/**
 * What the face comparison found. Its status already applies the workflow's face thresholds (the engine runs
 * with them), so the decision reads the status rather than judging the confidence again: the recorded result
 * and the reasons never disagree.
 */
export function faceMatchFindings(result: FaceMatchResult | null, rules: DecisionRules): Finding[] {
  if (result === null) return [];
  const scores = `confidence ${result.confidence.toFixed(2)}, threshold ${result.threshold.toFixed(2)}`;
  const engineCode = result.code ? `${result.code}, ` : '';
  switch (result.status) {
    case 'matched':
      return [];
    case 'not_matched':
      return [
        finding(
          'face_mismatch',
          'face_match',
          rules.on.face_mismatch,
          `The selfie does not match the document photo (${engineCode}${scores}).`,
          WEIGHTS.face_mismatch,
        ),
      ];
    case 'inconclusive':
      return [
        finding(
          'face_inconclusive',
          'face_match',
          rules.on.face_inconclusive,
          `The face comparison was inconclusive (${engineCode}${scores}).`,
          WEIGHTS.face_inconclusive,
        ),
      ];
    case 'no_face':
    case 'multiple_faces':
      return [
        finding(
          'face_not_found',
          'face_match',
          rules.on.face_not_found,
          `No single usable face to compare (${result.code ?? result.status}).`,
          WEIGHTS.face_not_found,
        ),
      ];
    case 'failed':
      // The engine could not compare: nothing was learnt about the face, so a person must compare it.
      return [
        finding(
          'face_match_failed',
          'face_match',
          'manual_review',
          `The face comparison could not run (${result.code ?? 'failed'}).`,
          0,
        ),
      ];
    default: {
      const unknownStatus: never = result.status;
      return [
        finding(
          'face_match_failed',
          'face_match',
          'manual_review',
          `The face comparison ended with an unknown status (${String(unknownStatus)}).`,
          0,
        ),
      ];
    }
  }
}
