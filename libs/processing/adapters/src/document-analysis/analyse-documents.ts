import { failedExtraction } from '@kyc/processing-domain';
import type { DocumentExtraction } from '@kyc/session-domain';
import type { DocumentAnalysis, DocumentAnalysisEngines, DocumentAnalysisRequest } from './document-analysis';
import { DocumentAnalysisError } from './document-analysis-error';
import { inspectUpload } from './inspected-document';
import { type DocumentPicture, matchDocumentFace } from './match-document-face';
import { readDocumentZone } from './read-document-zone';

/**
 * Reads every identity document's machine-readable zone and, when asked, matches the document photo with the
 * selfie. A document that cannot be read becomes a failed extraction with a code, a face match that cannot be
 * made a result with a code: bad input never throws.
 *
 * @throws DocumentAnalysisError invalid_request when `now` is no valid instant.
 */
export async function analyseDocuments(
  request: DocumentAnalysisRequest,
  engines: DocumentAnalysisEngines,
): Promise<DocumentAnalysis> {
  const now = new Date(request.now);
  if (Number.isNaN(now.getTime())) {
    throw new DocumentAnalysisError('invalid_request', `The reference instant "${request.now}" is no date`);
  }
  const pictures: DocumentPicture[] = [];
  const reads: Promise<[string, DocumentExtraction]>[] = [];
  for (const document of request.documents) {
    // The greyscale copy is what the zone reader works on: it need not decode the picture again.
    const inspection = await inspectUpload(document.bytes, { greyscale: true });
    if (!inspection.ok) {
      reads.push(Promise.resolve([document.doc_id, failedExtraction(inspection.code, inspection.message)]));
      continue;
    }
    pictures.push({ doc_id: document.doc_id, image: inspection.file.image.data });
    // Not awaited here: the OCR runs in its own thread while the face engine works on this one.
    reads.push(
      readDocumentZone(inspection.file, document.declared_type, engines.mrz, now).then((extraction) => [
        document.doc_id,
        extraction,
      ]),
    );
  }
  const faceMatch = request.face_match
    ? matchDocumentFace(pictures, request.documents.length, request.selfie, request.face_match, engines.faces)
    : Promise.resolve(null);
  const [extractions, face_match] = await Promise.all([Promise.all(reads), faceMatch]);
  return { extractions: Object.fromEntries(extractions), face_match };
}
