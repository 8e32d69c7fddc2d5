import { type DescribedFace, type FaceEngine, FaceEngineError } from '@kyc/documents-adapters';
import {
  decideFaceMatch,
  type FaceImageRole,
  type FaceMatchPolicy,
  faceMatchPolicy,
  selectSubjectFace,
  type SubjectFaceCode,
} from '@kyc/documents-domain';
import type { FaceMatchResult } from '@kyc/session-domain';
import type { FaceMatchSettings, SelfieFile } from './document-analysis';
import { inspectUpload } from './inspected-document';

/** A readable identity document as the face match sees it: its id and its normalised picture. */
export interface DocumentPicture {
  doc_id: string;
  image: Buffer;
}

type Outcome = Omit<FaceMatchResult, 'threshold'>;

type Subject =
  | { found: true; face: DescribedFace }
  | { found: false; status: 'no_face' | 'multiple_faces'; code: SubjectFaceCode };

/**
 * Compares the portrait of the first identity document showing exactly one subject face with the selfie,
 * under the workflow's thresholds. Every outcome, an engine failure included, is a result with a code.
 *
 * @param uploadedDocuments how many identity documents were uploaded, readable or not
 */
export async function matchDocumentFace(
  pictures: readonly DocumentPicture[],
  uploadedDocuments: number,
  selfie: SelfieFile | null,
  settings: FaceMatchSettings,
  engine: FaceEngine | null,
): Promise<FaceMatchResult> {
  let policy: FaceMatchPolicy;
  try {
    policy = faceMatchPolicy({ threshold: settings.threshold, rejectBelow: settings.reject_below });
  } catch {
    const threshold = Number.isFinite(settings.threshold) ? settings.threshold : 0;
    return { ...failed('invalid_face_match_settings', null, selfie), threshold };
  }
  return {
    ...(await outcome(pictures, uploadedDocuments, selfie, policy, engine)),
    threshold: policy.threshold,
  };
}

async function outcome(
  pictures: readonly DocumentPicture[],
  uploadedDocuments: number,
  selfie: SelfieFile | null,
  policy: FaceMatchPolicy,
  engine: FaceEngine | null,
): Promise<Outcome> {
  if (!engine) return failed('face_engine_unavailable', null, selfie);
  if (uploadedDocuments === 0) return notCompared('no_face', 'no_identity_document', null, selfie);
  if (!selfie) return notCompared('no_face', 'no_selfie', null, null);
  if (pictures.length === 0) return notCompared('no_face', 'no_readable_identity_document', null, selfie);
  return compare(pictures, selfie, policy, engine);
}

async function compare(
  pictures: readonly DocumentPicture[],
  selfie: SelfieFile,
  policy: FaceMatchPolicy,
  engine: FaceEngine,
): Promise<Outcome> {
  let documentId: string | null = null;
  try {
    const portrait = await documentPortrait(pictures, engine, policy);
    documentId = portrait.doc_id;
    if (!portrait.subject.found) {
      return notCompared(portrait.subject.status, portrait.subject.code, documentId, selfie);
    }
    const selfiePicture = await inspectUpload(selfie.bytes);
    if (!selfiePicture.ok) return failed('selfie_unreadable', documentId, selfie);
    const face = await subjectFace(engine, selfiePicture.file.image.data, 'selfie', policy);
    if (!face.found) return notCompared(face.status, face.code, documentId, selfie);
    const decision = decideFaceMatch(portrait.subject.face.descriptor, face.face.descriptor, policy);
    return {
      status: decision.status,
      confidence: decision.confidence,
      ...(decision.code ? { code: decision.code } : {}),
      document_id: documentId,
      selfie_id: selfie.doc_id,
    };
  } catch (error) {
    // Both pictures passed the file checks: what is left is the engine failing (WASM memory, a backend error).
    const code = error instanceof FaceEngineError ? 'face_engine_failed' : 'face_match_failed';
    return failed(code, documentId, selfie);
  }
}

async function subjectFace(
  engine: FaceEngine,
  picture: Buffer,
  role: FaceImageRole,
  policy: FaceMatchPolicy,
): Promise<Subject> {
  const { faces } = await engine.describe(picture);
  const subject = selectSubjectFace(faces, role, policy.selection);
  return subject.status === 'found'
    ? { found: true, face: subject.face }
    : { found: false, status: subject.status, code: subject.code };
}

/**
 * The first document, in upload order, with one subject face. When none has one, the first document with
 * several faces is reported before one with none: a second person on a document is the stronger signal.
 */
async function documentPortrait(
  pictures: readonly DocumentPicture[],
  engine: FaceEngine,
  policy: FaceMatchPolicy,
): Promise<{ doc_id: string; subject: Subject }> {
  const misses: { doc_id: string; subject: Subject }[] = [];
  for (const picture of pictures) {
    const subject = await subjectFace(engine, picture.image, 'document', policy);
    if (subject.found) return { doc_id: picture.doc_id, subject };
    misses.push({ doc_id: picture.doc_id, subject });
  }
  return misses.find(({ subject }) => !subject.found && subject.status === 'multiple_faces') ?? misses[0];
}

function notCompared(
  status: 'no_face' | 'multiple_faces',
  code: string,
  documentId: string | null,
  selfie: SelfieFile | null,
): Outcome {
  return { status, confidence: 0, code, document_id: documentId, selfie_id: selfie?.doc_id ?? null };
}

function failed(code: string, documentId: string | null, selfie: SelfieFile | null): Outcome {
  return {
    status: 'failed',
    confidence: 0,
    code,
    document_id: documentId,
    selfie_id: selfie?.doc_id ?? null,
  };
}
