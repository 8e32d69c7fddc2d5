/**
 * A list file could not be read as its format requires. Names the file and the 1-based line so that an operator
 * can find the fault; the caller keeps screening against the version it had loaded before.
 */
export class ListParseError extends Error {
  constructor(
    /** A label or path of the file as the caller knows it (e.g. `sdn.csv`). */
    readonly file: string,
    /** 1-based line where the fault was found. */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`);
    this.name = 'ListParseError';
  }
}
