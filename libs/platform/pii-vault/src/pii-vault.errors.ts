export type PiiVaultErrorCode =
  'pii_integrity' | 'data_key_unwrap_failed' | 'data_key_missing' | 'subject_erased';

export abstract class PiiVaultError extends Error {
  abstract readonly code: PiiVaultErrorCode;

  constructor(
    message: string,
    readonly subjectId: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A sealed value is malformed, was altered, or belongs to another subject (its AAD does not match). */
export class PiiIntegrityError extends PiiVaultError {
  readonly code = 'pii_integrity';
}

/** The stored data key cannot be unwrapped: the master key is not the one it was wrapped with, or the row was altered. */
export class DataKeyUnwrapError extends PiiVaultError {
  readonly code = 'data_key_unwrap_failed';
}

/** A sealed value names a subject that never had a data key. */
export class DataKeyMissingError extends PiiVaultError {
  readonly code = 'data_key_missing';
}

/** The subject's key was destroyed: nothing new may be sealed for it. */
export class SubjectErasedError extends PiiVaultError {
  readonly code = 'subject_erased';
}
