export type DocumentAnalysisErrorCode =
  /** The request itself is malformed (its reference instant is no date): a caller's bug, not bad input. */
  | 'invalid_request'
  /** The analysis took longer than its hard timeout; the process running it was killed. */
  | 'analysis_timeout'
  /** The process running the analysis died (out of memory, a native crash, killed from outside). */
  | 'analysis_crashed'
  /** The analysis failed for a reason of its own, reported by the process running it. */
  | 'analysis_failed'
  /** The analysis process could not start or warm up its engines. */
  | 'worker_start_failed'
  /** The worker was closed before the request ran or finished. */
  | 'worker_closed';

/** Why a document analysis gave no result; `code` is meant for machines, `message` for people. */
export class DocumentAnalysisError extends Error {
  constructor(
    readonly code: DocumentAnalysisErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DocumentAnalysisError';
  }
}
