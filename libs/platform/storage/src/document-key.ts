/** Same limit as S3's, so a key valid here is valid in every adapter. */
const MAX_KEY_LENGTH = 1024;
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

export class InvalidDocumentKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid document key ${JSON.stringify(key.slice(0, 100))}: ${reason}`);
    this.name = 'InvalidDocumentKeyError';
  }
}

/**
 * Keys become file paths in the local adapter, so they are held to a narrow alphabet: `/`-separated segments
 * of letters, digits, `_`, `-` and `.`, none empty and none starting with a dot. That excludes `..`, `.`,
 * absolute paths, backslashes and hidden names (the local adapter keeps its own files under dot names).
 */
export function assertDocumentKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0)
    throw new InvalidDocumentKeyError(String(key), 'must not be empty');
  if (key.length > MAX_KEY_LENGTH)
    throw new InvalidDocumentKeyError(key, `longer than ${MAX_KEY_LENGTH} characters`);
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment)) {
      throw new InvalidDocumentKeyError(
        key,
        'segments must be non-empty, use only A-Z a-z 0-9 _ - . and not start with a dot',
      );
    }
  }
}

/** A prefix is a key, or a key followed by `/`; an empty prefix (everything) is refused. */
export function assertDocumentPrefix(prefix: string): void {
  assertDocumentKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
