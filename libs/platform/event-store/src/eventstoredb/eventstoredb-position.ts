import { START, type Position, type ReadPosition } from '@eventstore/db-client';

/** Positions at or above this are EventStoreDB's way of saying "no position" (it sends -1 as an unsigned 64-bit number). */
const NO_POSITION = 2n ** 63n;

/**
 * The port's global position of an event: its commit position in EventStoreDB's transaction log.
 *
 * EventStoreDB positions are pairs {commit, prepare}, ordered by commit, then prepare. Every append through gRPC
 * (EventStoreDB 20 and later, KurrentDB) is an implicit transaction: each event is its own prepare record, marked
 * committed, and the server reports its position as commit = prepare = the offset of that record in the log,
 * in $all reads and stream reads alike. So the commit position alone is unique per event and orders $all
 * exactly, and the pair is rebuilt from it without loss (see toReadPosition). Only explicit transactions of the
 * legacy TCP protocol give several events one commit position (commit != prepare); this store never writes
 * them, and refuses to number such an event rather than give two events one position.
 */
export function toGlobalPosition(position: Position): bigint {
  const { commit, prepare } = position;
  if (commit < 0n || commit >= NO_POSITION) {
    throw new Error(
      `EventStoreDB reported no position for an event (commit ${commit}); reading positions of events needs EventStoreDB 22.6 or later`,
    );
  }
  if (commit !== prepare) {
    throw new Error(
      `event at commit position ${commit} has prepare position ${prepare}: it was written in an explicit transaction, which this store does not support`,
    );
  }
  return commit;
}

/**
 * Where a read or subscription of $all starts for the port's `from` (0n: the beginning). The pair names the
 * event at `from` itself, a valid place in the log: subscriptions start after it, forward reads at it (the
 * caller drops it; see isAfter).
 */
export function toReadPosition(from: bigint): ReadPosition {
  if (from < 0n || from >= NO_POSITION) throw new RangeError(`position out of range: ${from}`);
  return from === 0n ? START : { commit: from, prepare: from };
}

/** Whether `a` comes after `b` in $all. */
export function isAfter(a: Position, b: Position): boolean {
  return a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
}
