/** A run that could not finish, with the reason code the session records. */
export class ProcessingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProcessingError';
  }
}

const REASON_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * The reason code and message to record for whatever stopped a run. Coded errors (the analyser's
 * `analysis_timeout`, `analysis_crashed`, a file's own codes) keep their code; anything else is
 * `processing_error`, with its message.
 */
export function processingErrorOf(error: unknown): { code: string; message: string } {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' && REASON_CODE.test(code) ? code : 'processing_error', message };
}
