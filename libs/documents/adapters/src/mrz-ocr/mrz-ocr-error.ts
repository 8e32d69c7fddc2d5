export type MrzOcrErrorCode =
  /** The bytes are no image sharp can decode, or a raw image's buffer does not match its size. */
  | 'image_unreadable'
  /** The OCR engine (WASM tesseract and its traineddata) could not start. */
  | 'engine_unavailable'
  /** Reading one image took longer than the reader's timeout. */
  | 'ocr_timeout'
  /** `read()` after `close()`. */
  | 'reader_closed';

/** A failure of the OCR pipeline itself; MRZ-level outcomes use the domain's MrzNotFoundError/MrzUnreadableError. */
export class MrzOcrError extends Error {
  constructor(
    readonly code: MrzOcrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MrzOcrError';
  }
}
