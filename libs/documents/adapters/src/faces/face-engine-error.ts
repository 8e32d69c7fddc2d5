export type FaceEngineErrorCode =
  /** The WASM backend or the shipped weights could not be loaded, or `init()` was not called. */
  | 'engine_unavailable'
  /** The backend failed while analysing an image. */
  | 'engine_failed'
  /** The image handed to the engine could not be decoded. */
  | 'image_unreadable'
  /** A raw image whose buffer does not match its declared size. */
  | 'invalid_image';

/** A failure of the face engine itself, as opposed to a face-level outcome such as "no face". */
export class FaceEngineError extends Error {
  constructor(
    readonly code: FaceEngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FaceEngineError';
  }
}
