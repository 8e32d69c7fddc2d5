export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A face found by a detector, already past the detector's own score threshold. */
export interface FaceCandidate {
  box: FaceBox;
}

/** Which picture a face comes from: the identity document or the selfie. */
export type FaceImageRole = 'document' | 'selfie';

export interface FaceSelectionPolicy {
  /**
   * Faces smaller than this share of the main face's area are not a second person: on a document they are the
   * ghost image (the small second portrait many ID cards and passports print), in a selfie a far-away passer-by.
   */
  secondaryAreaRatio: Record<FaceImageRole, number>;
}

export type SubjectFaceCode =
  'document_no_face' | 'document_multiple_faces' | 'selfie_no_face' | 'selfie_multiple_faces';

export type SubjectFace<F extends FaceCandidate> =
  | { status: 'found'; face: F }
  | { status: 'no_face' | 'multiple_faces'; code: SubjectFaceCode; faceCount: number };

/**
 * Picks the one face a picture is about: the largest detected face, provided no other face of comparable size
 * competes with it. Comparing faces needs exactly one per picture, so anything else is reported, not guessed.
 */
export function selectSubjectFace<F extends FaceCandidate>(
  faces: readonly F[],
  role: FaceImageRole,
  policy: FaceSelectionPolicy,
): SubjectFace<F> {
  if (faces.length === 0) return { status: 'no_face', code: `${role}_no_face`, faceCount: 0 };
  const byArea = [...faces].sort((a, b) => area(b.box) - area(a.box));
  const main = byArea[0];
  const competing = byArea
    .slice(1)
    .filter((face) => area(face.box) >= area(main.box) * policy.secondaryAreaRatio[role]);
  if (competing.length > 0) {
    return { status: 'multiple_faces', code: `${role}_multiple_faces`, faceCount: competing.length + 1 };
  }
  return { status: 'found', face: main };
}

function area(box: FaceBox): number {
  return Math.max(0, box.width) * Math.max(0, box.height);
}
