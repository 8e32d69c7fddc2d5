export type {
  DocumentBody,
  DocumentStorage,
  PutDocumentOptions,
  StoredDocument,
} from './document-storage.port';
export { assertDocumentKey, assertDocumentPrefix, InvalidDocumentKeyError } from './document-key';
export { LocalFileStorage } from './local-file-storage';
export {
  ACCEPTED_UPLOAD_MIME_TYPES,
  sniffUpload,
  type AcceptedUploadMimeType,
  type DetectedType,
  type SniffResult,
  type UploadRejectionReason,
} from './sniff-upload';
export {
  DOCUMENT_DOWNLOAD_PATH,
  documentDownloadUrl,
  signDocumentUrl,
  verifyDocumentUrl,
  type DocumentUrlClaims,
  type DocumentUrlVerification,
} from './signed-document-url';
