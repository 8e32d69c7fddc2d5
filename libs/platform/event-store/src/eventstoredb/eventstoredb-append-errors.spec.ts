import {
  NO_STREAM,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { VersionConflictError, type NewEvent } from '../event-store.port';
import {
  isStreamNotFound,
  isWrongExpectedVersion,
  repeatedEventIds,
  toVersionConflict,
} from './eventstoredb-append-errors';

const wrongExpectedVersion = (current: bigint | typeof NO_STREAM) =>
  new WrongExpectedVersionError(undefined, { streamName: 'session-1', expected: 4n, current });

describe('errors of the client as the port names them', () => {
  it('recognises a refusal for the expected revision and nothing else', () => {
    expect(isWrongExpectedVersion(wrongExpectedVersion(2n))).toBe(true);
    expect(isWrongExpectedVersion(new UnavailableError())).toBe(false);
    expect(isWrongExpectedVersion(new Error('wrong expected version'))).toBe(false);
    expect(isWrongExpectedVersion(undefined)).toBe(false);
  });

  it("turns it into a VersionConflictError with the stream's version the server saw", () => {
    const conflict = toVersionConflict(wrongExpectedVersion(2n), 'session-1', 5);
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect(conflict).toMatchObject({ streamId: 'session-1', expected: 5, actual: 3 });
    expect(toVersionConflict(wrongExpectedVersion(NO_STREAM), 'session-1', 1)).toMatchObject({
      expected: 1,
      actual: 0,
    });
  });

  it('recognises a read of a stream that does not exist', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'session-1'))).toBe(true);
    expect(isStreamNotFound(wrongExpectedVersion(1n))).toBe(false);
    expect(isStreamNotFound(new Error('not found'))).toBe(false);
  });

  it('names each event id an append repeats, once', () => {
    const event = (event_id: string) => ({ event_id }) as NewEvent;
    expect(repeatedEventIds([event('a'), event('b'), event('c')])).toEqual([]);
    expect(repeatedEventIds([event('a'), event('b'), event('a'), event('a'), event('b')])).toEqual([
      'a',
      'b',
    ]);
  });
});
