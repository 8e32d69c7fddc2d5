import { ErrorType, isCommandError, type WrongExpectedVersionError } from '@eventstore/db-client';
import { VersionConflictError, type NewEvent } from '../event-store.port';
import { versionOfCurrent } from './eventstoredb-expected-revision';

/** The server refused an append because the stream was not at the expected revision. */
export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION;
}

/** The port's error for a refusal of an append that expected a version: the stream's version is the one the server saw. */
export function toVersionConflict(
  error: WrongExpectedVersionError,
  streamId: string,
  expected: number,
): VersionConflictError {
  return new VersionConflictError(streamId, expected, versionOfCurrent(error.actualVersion));
}

/** A read of a stream that does not exist (or no longer does). */
export function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
}

/**
 * Event ids that occur more than once in one append, each named once. EventStoreDB would store both copies,
 * so the store refuses such an append itself, as the other adapters do.
 */
export function repeatedEventIds(events: NewEvent[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { event_id } of events) {
    if (seen.has(event_id)) repeated.add(event_id);
    seen.add(event_id);
  }
  return [...repeated];
}
