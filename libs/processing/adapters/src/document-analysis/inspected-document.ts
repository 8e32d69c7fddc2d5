import {
  DocumentFileError,
  type InspectedFile,
  type InspectOptions,
  inspectDocumentFile,
} from '@kyc/documents-adapters';

/** An upload turned into pixels the engines read, or the coded reason it could not be. */
export type InspectionOutcome =
  { ok: true; file: InspectedFile } | { ok: false; code: string; message: string };

/** Checks the file by its content and renders it: an image upright and normalised, page 1 of a PDF. */
export async function inspectUpload(
  bytes: Uint8Array,
  options: InspectOptions = {},
): Promise<InspectionOutcome> {
  try {
    return { ok: true, file: await inspectDocumentFile(bytes, options) };
  } catch (error) {
    if (error instanceof DocumentFileError) return { ok: false, code: error.code, message: error.message };
    return {
      ok: false,
      code: 'decode_failed',
      message: `The file could not be processed: ${messageOf(error)}`,
    };
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
