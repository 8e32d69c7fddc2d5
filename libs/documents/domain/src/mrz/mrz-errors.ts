export type MrzErrorCode = 'mrz_not_found' | 'mrz_unreadable';

export abstract class MrzError extends Error {
  abstract readonly code: MrzErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Nothing in the text (or the image) has the shape of a TD1, TD2 or TD3 machine-readable zone. */
export class MrzNotFoundError extends MrzError {
  readonly code = 'mrz_not_found';
}

/** Lines shaped like an MRZ were found but too much of them is illegible to extract the fields. */
export class MrzUnreadableError extends MrzError {
  readonly code = 'mrz_unreadable';
}
