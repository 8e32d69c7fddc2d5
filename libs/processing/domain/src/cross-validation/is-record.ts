/** A plain object whose properties may be read; inputs are checked with it before any field is trusted. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
