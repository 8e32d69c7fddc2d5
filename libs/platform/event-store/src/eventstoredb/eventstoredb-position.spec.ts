import { START } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { isAfter, toGlobalPosition, toReadPosition } from './eventstoredb-position';

describe('EventStoreDB positions as one bigint', () => {
  it('numbers an event by its commit position, beyond 2^53 too', () => {
    expect(toGlobalPosition({ commit: 1_234n, prepare: 1_234n })).toBe(1_234n);
    const big = 2n ** 53n + 1n;
    expect(toGlobalPosition({ commit: big, prepare: big })).toBe(big);
  });

  it('keeps the order of $all', () => {
    const log = [
      { commit: 100n, prepare: 100n },
      { commit: 250n, prepare: 250n },
      { commit: 2n ** 60n, prepare: 2n ** 60n },
    ];
    const numbers = log.map(toGlobalPosition);
    expect(numbers).toEqual([...numbers].sort((a, b) => (a < b ? -1 : 1)));
    for (let i = 1; i < log.length; i++) expect(isAfter(log[i], log[i - 1])).toBe(true);
  });

  it('refuses an event of an explicit transaction, whose commit position others share', () => {
    expect(() => toGlobalPosition({ commit: 900n, prepare: 700n })).toThrow(/explicit transaction/);
  });

  it('refuses the "no position" a server older than 22.6 sends for stream reads', () => {
    const none = 2n ** 64n - 1n;
    expect(() => toGlobalPosition({ commit: none, prepare: none })).toThrow(/22\.6/);
    expect(() => toGlobalPosition({ commit: -1n, prepare: -1n })).toThrow(/no position/);
  });

  it('maps `from` back to the pair of the event at it, and 0n to the start of the log', () => {
    expect(toReadPosition(0n)).toBe(START);
    expect(toReadPosition(4_242n)).toEqual({ commit: 4_242n, prepare: 4_242n });
    const position = { commit: 77n, prepare: 77n };
    expect(toReadPosition(toGlobalPosition(position))).toEqual(position);
    expect(() => toReadPosition(-1n)).toThrow(RangeError);
  });

  it('orders pairs by commit, then prepare', () => {
    expect(isAfter({ commit: 5n, prepare: 1n }, { commit: 4n, prepare: 9n })).toBe(true);
    expect(isAfter({ commit: 5n, prepare: 6n }, { commit: 5n, prepare: 5n })).toBe(true);
    expect(isAfter({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 5n })).toBe(false);
    expect(isAfter({ commit: 4n, prepare: 9n }, { commit: 5n, prepare: 1n })).toBe(false);
  });
});
