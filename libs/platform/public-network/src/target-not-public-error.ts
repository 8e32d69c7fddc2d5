/** A connection was refused because the host is, or resolves to, an address that is not public. */
export class TargetNotPublicError extends Error {
  readonly code = 'target_not_public';

  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      host === address
        ? `${address} is not a public address`
        : `${host} resolves to ${address}, which is not a public address`,
    );
    this.name = 'TargetNotPublicError';
  }
}
