import { DocumentFileError, type InspectedFile, inspectDocumentFile } from '@kyc/documents-adapters';

/** An upload turned into pixels the engines read, or the coded reason it could not be. */
export type InspectionOutcome =
  | { ok: true; file: InspectedFile }
  | { ok: false; code: string; message: string };

/**
 * Checks the file by its content and renders it: an image upright and normalised, page 1 of a PDF. The
 * greyscale copy is what the zone reader works on, so it does not decode the picture a second time.
 */
export async function inspectUpload(bytes: Uint8Array): Promise<InspectionOutcome> {
  try {
    return { ok: true, file: await inspectDocumentFile(bytes, { greyscale: true }) };
  } catch (error) {
    if (error instanceof DocumentFileError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'decode_failed', message: `The file could not be processed: ${messageOf(error)}` };
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
