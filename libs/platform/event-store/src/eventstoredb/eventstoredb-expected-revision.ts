import { ANY, NO_STREAM, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import type { ExpectedVersion } from '../event-store.port';

/**
 * The port counts events (version N = N events seen, 0 = no stream); EventStoreDB names the revision of the
 * last event, counting from 0. So N events seen means "the last event is revision N - 1".
 */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`expected version must be 'any' or a non-negative integer, got ${String(expected)}`);
  }
  return expected === 0 ? NO_STREAM : BigInt(expected - 1);
}

/** The port's 1-based version of the event at a 0-based revision (also: the stream's version once that event is its last). */
export function versionOfRevision(revision: bigint): number {
  const version = Number(revision) + 1;
  if (revision < 0n || !Number.isSafeInteger(version))
    throw new RangeError(`stream revision out of range: ${revision}`);
  return version;
}

/** The stream's version for the current revision a server reports (no stream: 0). */
export function versionOfCurrent(current: CurrentRevision): number {
  return current === NO_STREAM ? 0 : versionOfRevision(current);
}
