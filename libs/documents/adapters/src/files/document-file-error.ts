export type DocumentFileErrorCode =
  /** Zero bytes. */
  | 'empty'
  /** Larger than the size limit. */
  | 'too_large'
  /** Not a JPEG, PNG, WebP, HEIC, TIFF or PDF by its content, or a HEIC this build cannot decode. */
  | 'unsupported_type'
  /** HTML or script where an image or PDF was expected, or a PDF carrying JavaScript or attached files. */
  | 'active_content'
  /** Readable as a second format too: an archive inside or appended, another file after the end marker. */
  | 'polyglot'
  /** The file stops before the format's end. */
  | 'truncated'
  /** The image declares more pixels than the limit (an image bomb, or simply too large). */
  | 'too_many_pixels'
  /** The decoder rejected the image data. */
  | 'decode_failed'
  /** The PDF needs a password to open. */
  | 'pdf_encrypted'
  /** The PDF is damaged or has no page. */
  | 'pdf_unreadable'
  /** Decoding or rendering took longer than allowed. */
  | 'timeout';

/** Why a document file was refused; `code` is meant for machines, `message` for people. */
export class DocumentFileError extends Error {
  constructor(
    readonly code: DocumentFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DocumentFileError';
  }
}
