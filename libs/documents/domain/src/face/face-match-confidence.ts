/**
 * How descriptor distance turns into a confidence in [0, 1]: a logistic curve, decreasing in distance. It is
 * strictly monotonic, so a threshold on confidence is a threshold on distance, and the confidence reads as
 * "how far inside the same-person region" rather than as a calibrated probability.
 */
export interface FaceConfidenceCurve {
  /** Distance at which confidence is 0.5. */
  midpointDistance: number;
  /** How fast confidence falls per unit of distance around the midpoint. */
  steepness: number;
}

export function distanceToConfidence(distance: number, curve: FaceConfidenceCurve): number {
  if (!Number.isFinite(distance) || distance < 0) throw new RangeError(`Invalid face distance ${distance}`);
  return 1 / (1 + Math.exp(curve.steepness * (distance - curve.midpointDistance)));
}

/** The inverse of {@link distanceToConfidence}: the distance at which the curve gives `confidence`. */
export function confidenceToDistance(confidence: number, curve: FaceConfidenceCurve): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`Confidence must be inside (0, 1), got ${confidence}`);
  return curve.midpointDistance + Math.log(1 / confidence - 1) / curve.steepness;
}
