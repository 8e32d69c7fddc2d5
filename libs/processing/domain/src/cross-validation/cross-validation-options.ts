import { NAME_DIFFERENCE_KINDS } from './name/name-comparison';
import {
  DEFAULT_NAME_TOLERANCE,
  type NameDifferenceSeverity,
  type NameTolerance,
} from './name/name-tolerance';

export interface CrossValidationOptions {
  /** Days before its expiry date from which a valid document draws a warning (0: never). Default 30. */
  expiryWarningDays?: number;
  /**
   * What each tolerable kind of name difference yields: accept, warning or error (see DEFAULT_NAME_TOLERANCE).
   * Differences that make the names another person's are always errors.
   */
  nameTolerance?: Partial<NameTolerance>;
}

export interface ResolvedCrossValidationOptions {
  expiryWarningDays: number;
  nameTolerance: NameTolerance;
}

export const DEFAULT_EXPIRY_WARNING_DAYS = 30;
/** Ten years: longer than any document is issued for; a larger window is a mistake, not a policy. */
const MAX_EXPIRY_WARNING_DAYS = 3660;
const SEVERITIES: readonly NameDifferenceSeverity[] = ['accept', 'warning', 'error'];

/** The options with defaults filled in; a value out of range or of the wrong type falls back to its default. */
export function resolveCrossValidationOptions(options: unknown): ResolvedCrossValidationOptions {
  const given = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const days = given.expiryWarningDays;
  const expiryWarningDays =
    typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_EXPIRY_WARNING_DAYS
      ? days
      : DEFAULT_EXPIRY_WARNING_DAYS;
  const tolerance =
    typeof given.nameTolerance === 'object' && given.nameTolerance !== null ? given.nameTolerance : {};
  const nameTolerance = { ...DEFAULT_NAME_TOLERANCE };
  for (const kind of NAME_DIFFERENCE_KINDS) {
    const severity = (tolerance as Record<string, unknown>)[kind];
    if (SEVERITIES.includes(severity as NameDifferenceSeverity))
      nameTolerance[kind] = severity as NameDifferenceSeverity;
  }
  return { expiryWarningDays, nameTolerance };
}
