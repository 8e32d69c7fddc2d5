export * from './document-file-error';
export { DOCUMENT_MIME_TYPES, type DocumentMimeType, type DocumentType } from './detect-document-type';
export type { GreyscaleImage, NormalisedImage } from './normalise-image';
export * from './inspect-document-file';
