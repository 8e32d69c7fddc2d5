import type { FaceEngine, MrzReader } from '@kyc/documents-adapters';
import type { DocumentExtraction, FaceMatchResult } from '@kyc/session-domain';
import type { DocumentType } from '@kyc/workflow-domain';

/** One uploaded identity document: identity card, passport or driving licence. */
export interface IdentityDocumentFile {
  doc_id: string;
  declared_type: DocumentType;
  /** As declared at upload; the content decides the real type. */
  mime_type: string;
  bytes: Uint8Array;
}

export interface SelfieFile {
  doc_id: string;
  mime_type: string;
  bytes: Uint8Array;
}

/** The workflow's face match thresholds (see faceMatchPolicy in the documents domain). */
export interface FaceMatchSettings {
  threshold: number;
  reject_below: number;
}

export interface DocumentAnalysisRequest {
  /** ISO instant against which two-digit years in the zones are resolved. */
  now: string;
  documents: IdentityDocumentFile[];
  selfie: SelfieFile | null;
  /** Null when the workflow does not match the selfie against the document photo. */
  face_match: FaceMatchSettings | null;
}

export interface DocumentAnalysis {
  /** Per document id. */
  extractions: Record<string, DocumentExtraction>;
  /** Null when no face match was requested. */
  face_match: FaceMatchResult | null;
}

/** Started engines; `faces` may be null when face matching is not available. */
export interface DocumentAnalysisEngines {
  mrz: MrzReader;
  faces: FaceEngine | null;
}
