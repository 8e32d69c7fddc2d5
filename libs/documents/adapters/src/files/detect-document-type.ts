import { ACCEPTED_UPLOAD_MIME_TYPES, type AcceptedUploadMimeType } from '@kyc/storage';
import { DocumentFileError } from './document-file-error';
import { looksLikeMarkup } from './markup-sniffing';

/** The formats processing reads are the formats uploads accept: one list, kept by the storage library. */
export const DOCUMENT_MIME_TYPES = ACCEPTED_UPLOAD_MIME_TYPES;

export type DocumentMimeType = AcceptedUploadMimeType;

export interface DocumentType {
  mime: DocumentMimeType;
  ext: string;
}

/** Where browsers look when they guess a type from content (WHATWG MIME sniffing reads 1445 bytes). */
const SNIFF_WINDOW = 1445;

/** The file's real type, from its content only: names and declared types are what an attacker controls. */
export async function detectDocumentType(bytes: Uint8Array): Promise<DocumentType> {
  if (bytes.length === 0) throw new DocumentFileError('empty', 'The file is empty');
  // file-type is ESM-only; a dynamic import loads it from CommonJS builds as well.
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(bytes);
  if (!found) {
    if (looksLikeMarkup(bytes.subarray(0, SNIFF_WINDOW))) {
      throw new DocumentFileError(
        'active_content',
        'The file is HTML or script, not a document image or PDF',
      );
    }
    throw new DocumentFileError('unsupported_type', 'The file type could not be recognised');
  }
  if (!isDocumentMime(found.mime)) {
    throw new DocumentFileError('unsupported_type', `The file type ${found.mime} is not accepted`);
  }
  return { mime: found.mime, ext: found.ext };
}

function isDocumentMime(mime: string): mime is DocumentMimeType {
  return (DOCUMENT_MIME_TYPES as readonly string[]).includes(mime);
}
