/** A screening query that cannot be run as given; `field` names the offending input (name, limit, ...). */
export class InvalidScreeningQueryError extends Error {
  override readonly name = 'InvalidScreeningQueryError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
