import { type InspectedFile, MrzOcrError, type MrzReader } from '@kyc/documents-adapters';
import { MrzNotFoundError, MrzUnreadableError } from '@kyc/documents-domain';
import { failedExtraction, toDocumentExtraction } from '@kyc/processing-domain';
import type { DocumentExtraction } from '@kyc/session-domain';
import type { DocumentType } from '@kyc/workflow-domain';
import { messageOf } from './inspected-document';

/** Failures of the OCR pipeline, named for the extraction result (the face engine has codes of its own). */
const OCR_ERROR_CODES: Record<MrzOcrError['code'], string> = {
  image_unreadable: 'image_unreadable',
  ocr_timeout: 'ocr_timeout',
  engine_unavailable: 'ocr_engine_unavailable',
  reader_closed: 'ocr_engine_unavailable',
};

/** Reads the machine-readable zone of an inspected document; every outcome is an extraction, never a throw. */
export async function readDocumentZone(
  file: InspectedFile,
  declaredType: DocumentType,
  reader: MrzReader,
  now: Date,
): Promise<DocumentExtraction> {
  try {
    return toDocumentExtraction(await reader.read(file.greyscale ?? file.image.data, { now }));
  } catch (error) {
    if (error instanceof MrzNotFoundError) {
      // Most driving licences carry no zone at all: expected, and told apart from a passport whose zone is
      // missing from the picture.
      return declaredType === 'driver_license'
        ? failedExtraction(
            'no_machine_readable_zone',
            'The driving licence has no machine-readable zone to read its fields from',
          )
        : failedExtraction(error.code, 'No machine-readable zone was found on the document');
    }
    if (error instanceof MrzUnreadableError) return failedExtraction(error.code, error.message);
    if (error instanceof MrzOcrError) return failedExtraction(OCR_ERROR_CODES[error.code], error.message);
    return failedExtraction('extraction_failed', `Reading the document failed: ${messageOf(error)}`);
  }
}
