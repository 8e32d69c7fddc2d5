import { descriptorDistance } from './descriptor-distance';
import { type FaceConfidenceCurve, distanceToConfidence } from './face-match-confidence';
import type { FaceSelectionPolicy, SubjectFaceCode } from './subject-face';

export type FaceMatchStatus = 'matched' | 'not_matched' | 'inconclusive' | 'no_face' | 'multiple_faces';

export type FaceMatchCode = SubjectFaceCode | 'face_mismatch' | 'face_match_inconclusive';

/** The outcome of comparing the document photo with the selfie, shaped as the API's `face_match_result`. */
export interface FaceMatchDecision {
  status: FaceMatchStatus;
  /** 0-1, from the descriptor distance; 0 when no comparison was possible. */
  confidence: number;
  /** The confidence at or above which the faces count as the same person. */
  threshold: number;
  distance?: number;
  /** Set for every status but `matched`: why the match was not accepted. */
  code?: FaceMatchCode;
}

export interface FaceMatchPolicy {
  /** Confidence at or above which the two faces are the same person. */
  threshold: number;
  /**
   * Confidence below which they are different people. Between this and `threshold` the result is
   * `inconclusive` and goes to a reviewer; equal to `threshold` means no inconclusive band.
   */
  rejectBelow: number;
  curve: FaceConfidenceCurve;
  selection: FaceSelectionPolicy;
}

/** The parts of the policy a workflow may tune; the curve belongs to the engine's calibration. */
export type FaceMatchPolicyOverrides = Partial<Pick<FaceMatchPolicy, 'threshold' | 'rejectBelow'>>;

/**
 * Calibrated for face-api's 128-d descriptors by `npm run eval:documents` (tools/eval/face-eval.ts), on the
 * demo photos shipped with face-api: 19 subjects; same-person pairs are a selfie against degraded copies of it
 * (scaled down, JPEG, rotated, lighter, darker, printed on a card), different-person pairs every subject
 * against every other. The closest different people measured 0.41 apart (two women in the same photo), the
 * farthest same-person pair 0.59 (a printed card). Confidence is 0.5 at distance 0.5; the threshold 0.8 lies at
 * 0.38, below every different-person pair, and `rejectBelow` 0.2 at 0.62, above every same-person pair, so the
 * pairs between go to review. Degraded copies of one photo are easier than a selfie against an ID photo taken
 * years earlier: real genuine pairs will land in the inconclusive band more often than in the eval.
 */
export const FACE_API_CONFIDENCE_CURVE: FaceConfidenceCurve = { midpointDistance: 0.5, steepness: 12 };

export const DEFAULT_FACE_MATCH_POLICY: FaceMatchPolicy = {
  threshold: 0.8,
  rejectBelow: 0.2,
  curve: FACE_API_CONFIDENCE_CURVE,
  selection: { secondaryAreaRatio: { document: 0.3, selfie: 0.1 } },
};

/** The default policy with a workflow's thresholds applied, refusing settings that make no sense. */
export function faceMatchPolicy(overrides: FaceMatchPolicyOverrides = {}): FaceMatchPolicy {
  const policy = { ...DEFAULT_FACE_MATCH_POLICY, ...overrides };
  if (!(policy.threshold > 0 && policy.threshold < 1)) {
    throw new RangeError(`Face match threshold must be inside (0, 1), got ${policy.threshold}`);
  }
  if (!(policy.rejectBelow >= 0 && policy.rejectBelow <= policy.threshold)) {
    throw new RangeError(`rejectBelow must be between 0 and the threshold, got ${policy.rejectBelow}`);
  }
  return policy;
}

export function decideFaceMatch(
  documentDescriptor: ArrayLike<number>,
  selfieDescriptor: ArrayLike<number>,
  policy: FaceMatchPolicy = DEFAULT_FACE_MATCH_POLICY,
): FaceMatchDecision {
  const distance = descriptorDistance(documentDescriptor, selfieDescriptor);
  const confidence = distanceToConfidence(distance, policy.curve);
  const base = { confidence, threshold: policy.threshold, distance };
  if (confidence >= policy.threshold) return { status: 'matched', ...base };
  if (confidence < policy.rejectBelow) return { status: 'not_matched', code: 'face_mismatch', ...base };
  return { status: 'inconclusive', code: 'face_match_inconclusive', ...base };
}

/** The decision when one of the pictures has no usable face, so nothing was compared. */
export function faceMatchNotPossible(
  status: 'no_face' | 'multiple_faces',
  code: SubjectFaceCode,
  policy: FaceMatchPolicy = DEFAULT_FACE_MATCH_POLICY,
): FaceMatchDecision {
  return { status, confidence: 0, threshold: policy.threshold, code };
}
