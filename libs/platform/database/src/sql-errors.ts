/** SQLSTATE codes the adapters react to (PostgreSQL appendix A). */
export const SqlState = {
  uniqueViolation: '23505',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

interface DatabaseErrorFields {
  code?: unknown;
  constraint?: unknown;
}

/** The SQLSTATE of an error raised by the server or PGlite (both report it as `code`), if any. */
export function sqlErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code } = error as DatabaseErrorFields;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** The constraint an integrity error names, if any. */
export function violatedConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { constraint } = error as DatabaseErrorFields;
  return typeof constraint === 'string' ? constraint : undefined;
}

/** A unique violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return sqlErrorCode(error) === SqlState.uniqueViolation && (constraint === undefined || violatedConstraint(error) === constraint);
}

/** An error after which running the same transaction again may succeed. */
export function isTransientTransactionError(error: unknown): boolean {
  const code = sqlErrorCode(error);
  return code === SqlState.serializationFailure || code === SqlState.deadlockDetected;
}
