/** Length of the face descriptors this module compares (the dlib ResNet embedding face-api computes). */
export const FACE_DESCRIPTOR_LENGTH = 128;

/** Euclidean distance between two face descriptors; 0 for identical faces, about 0.4 to 1.2 between people. */
export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== FACE_DESCRIPTOR_LENGTH || b.length !== FACE_DESCRIPTOR_LENGTH) {
    throw new RangeError(
      `Face descriptors must have ${FACE_DESCRIPTOR_LENGTH} values (got ${a.length} and ${b.length})`,
    );
  }
  let sum = 0;
  for (let i = 0; i < FACE_DESCRIPTOR_LENGTH; i++) {
    const difference = a[i] - b[i];
    if (!Number.isFinite(difference))
      throw new RangeError(`Face descriptor value ${i} is not a finite number`);
    sum += difference * difference;
  }
  return Math.sqrt(sum);
}
