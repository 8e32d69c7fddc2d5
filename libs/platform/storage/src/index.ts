export type {
  DocumentBody,
  DocumentStorage,
  PresignDownloadOptions,
  PutDocumentOptions,
  StoredDocument,
} from './document-storage.port';
export { assertDocumentKey, assertDocumentPrefix, InvalidDocumentKeyError } from './document-key';
export { LocalFileStorage } from './local-file-storage';
export { S3DocumentStorage, type S3DocumentStorageOptions } from './s3/s3-document-storage';
export { S3StorageError } from './s3/s3-storage-error';
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
