import { describe, expect, it } from 'vitest';
import { descriptorDistance, FACE_DESCRIPTOR_LENGTH } from './descriptor-distance';
import { confidenceToDistance, distanceToConfidence } from './face-match-confidence';
import {
  decideFaceMatch,
  DEFAULT_FACE_MATCH_POLICY,
  FACE_API_CONFIDENCE_CURVE,
  faceMatchNotPossible,
  faceMatchPolicy,
} from './face-match-decision';
import { type FaceCandidate, selectSubjectFace } from './subject-face';

/** A descriptor, and another at exactly `distance` from it (moved along the first axis). */
function descriptorsAt(distance: number): [Float32Array, Float32Array] {
  const a = new Float32Array(FACE_DESCRIPTOR_LENGTH).map((_, i) => Math.sin(i) / 10);
  const b = Float32Array.from(a);
  b[0] += distance;
  return [a, b];
}

const face = (size: number, x = 0): FaceCandidate => ({ box: { x, y: 0, width: size, height: size } });
const selection = DEFAULT_FACE_MATCH_POLICY.selection;

describe('descriptorDistance', () => {
  it('is the euclidean distance between two 128-value descriptors', () => {
    const a = new Array(FACE_DESCRIPTOR_LENGTH).fill(0);
    const b = [...a];
    b[3] = 0.3;
    b[100] = 0.4;
    expect(descriptorDistance(a, b)).toBeCloseTo(0.5, 10);
    expect(descriptorDistance(b, b)).toBe(0);
  });

  it('refuses descriptors of another length or with values that are not numbers', () => {
    expect(() => descriptorDistance([1, 2], [1, 2])).toThrow(RangeError);
    const bad = new Array(FACE_DESCRIPTOR_LENGTH).fill(0);
    bad[7] = Number.NaN;
    expect(() => descriptorDistance(bad, new Array(FACE_DESCRIPTOR_LENGTH).fill(0))).toThrow(/value 7/);
  });
});

describe('distanceToConfidence', () => {
  it('falls strictly as the distance grows, from near 1 to near 0, and is 0.5 at the midpoint', () => {
    const distances = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.4];
    const confidences = distances.map((d) => distanceToConfidence(d, FACE_API_CONFIDENCE_CURVE));
    for (let i = 1; i < confidences.length; i++) expect(confidences[i]).toBeLessThan(confidences[i - 1]);
    expect(confidences[0]).toBeGreaterThan(0.99);
    expect(confidences.at(-1)).toBeLessThan(0.01);
    expect(
      distanceToConfidence(FACE_API_CONFIDENCE_CURVE.midpointDistance, FACE_API_CONFIDENCE_CURVE),
    ).toBeCloseTo(0.5, 12);
  });

  it('is inverted by confidenceToDistance', () => {
    for (const confidence of [0.05, 0.2, 0.5, 0.8, 0.95]) {
      const distance = confidenceToDistance(confidence, FACE_API_CONFIDENCE_CURVE);
      expect(distanceToConfidence(distance, FACE_API_CONFIDENCE_CURVE)).toBeCloseTo(confidence, 12);
    }
    expect(() => distanceToConfidence(-0.1, FACE_API_CONFIDENCE_CURVE)).toThrow(RangeError);
    expect(() => confidenceToDistance(1, FACE_API_CONFIDENCE_CURVE)).toThrow(RangeError);
  });
});

describe('decideFaceMatch', () => {
  const acceptDistance = confidenceToDistance(DEFAULT_FACE_MATCH_POLICY.threshold, FACE_API_CONFIDENCE_CURVE);
  const rejectDistance = confidenceToDistance(
    DEFAULT_FACE_MATCH_POLICY.rejectBelow,
    FACE_API_CONFIDENCE_CURVE,
  );

  it('matches at or above the threshold, in the shape of the API face_match_result', () => {
    const decision = decideFaceMatch(...descriptorsAt(0.25));
    expect(decision).toEqual({
      status: 'matched',
      confidence: expect.any(Number),
      threshold: 0.8,
      distance: expect.any(Number),
    });
    expect(decision.confidence).toBeGreaterThanOrEqual(0.8);
    expect(decision.distance).toBeCloseTo(0.25, 6);
    expect(decideFaceMatch(...descriptorsAt(acceptDistance - 1e-6)).status).toBe('matched');
  });

  it('sends the band between the two thresholds to review as inconclusive', () => {
    for (const distance of [acceptDistance + 1e-3, 0.5, rejectDistance - 1e-3]) {
      expect(decideFaceMatch(...descriptorsAt(distance))).toMatchObject({
        status: 'inconclusive',
        code: 'face_match_inconclusive',
      });
    }
  });

  it('decides not_matched beyond the band', () => {
    expect(decideFaceMatch(...descriptorsAt(rejectDistance + 1e-3))).toMatchObject({
      status: 'not_matched',
      code: 'face_mismatch',
    });
    expect(decideFaceMatch(...descriptorsAt(1.1)).confidence).toBeLessThan(0.01);
  });

  it('applies a workflow threshold, with no band when both thresholds are equal', () => {
    const strict = faceMatchPolicy({ threshold: 0.95, rejectBelow: 0.95 });
    expect(decideFaceMatch(...descriptorsAt(0.3), strict)).toMatchObject({
      status: 'not_matched',
      threshold: 0.95,
    });
    expect(decideFaceMatch(...descriptorsAt(0.1), strict)).toMatchObject({
      status: 'matched',
      threshold: 0.95,
    });
  });

  it('refuses thresholds that make no sense', () => {
    expect(() => faceMatchPolicy({ threshold: 1 })).toThrow(RangeError);
    expect(() => faceMatchPolicy({ threshold: 0.6, rejectBelow: 0.7 })).toThrow(RangeError);
    expect(() => faceMatchPolicy({ rejectBelow: -0.1 })).toThrow(RangeError);
  });

  it('says why nothing was compared when a picture has no usable face', () => {
    expect(faceMatchNotPossible('no_face', 'selfie_no_face')).toEqual({
      status: 'no_face',
      confidence: 0,
      threshold: 0.8,
      code: 'selfie_no_face',
    });
  });
});

describe('selectSubjectFace', () => {
  it('takes the only face, and reports a picture without one', () => {
    expect(selectSubjectFace([face(200)], 'selfie', selection)).toEqual({ status: 'found', face: face(200) });
    expect(selectSubjectFace([], 'document', selection)).toEqual({
      status: 'no_face',
      code: 'document_no_face',
      faceCount: 0,
    });
  });

  it('keeps the main portrait of a document whatever order the ghost image comes in', () => {
    const ghost = face(90, 600);
    expect(selectSubjectFace([ghost, face(250)], 'document', selection)).toEqual({
      status: 'found',
      face: face(250),
    });
  });

  it('reports several faces of comparable size as multiple_faces, per picture', () => {
    expect(selectSubjectFace([face(250), face(200, 400)], 'document', selection)).toEqual({
      status: 'multiple_faces',
      code: 'document_multiple_faces',
      faceCount: 2,
    });
    // A selfie tolerates only much smaller faces (far-away passers-by) than a document's ghost image.
    expect(selectSubjectFace([face(300), face(120, 400)], 'selfie', selection)).toMatchObject({
      status: 'multiple_faces',
      code: 'selfie_multiple_faces',
    });
    expect(selectSubjectFace([face(300), face(80, 400)], 'selfie', selection)).toMatchObject({
      status: 'found',
    });
  });
});
