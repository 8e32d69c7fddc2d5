import { ANY, NO_STREAM } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { toExpectedRevision, versionOfCurrent, versionOfRevision } from './eventstoredb-expected-revision';

describe('expected versions as EventStoreDB revisions', () => {
  it("maps 'any', 0 (no stream) and N events seen (last revision N - 1)", () => {
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision(0)).toBe(NO_STREAM);
    expect(toExpectedRevision(1)).toBe(0n);
    expect(toExpectedRevision(42)).toBe(41n);
  });

  it('refuses what is not a version', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53])
      expect(() => toExpectedRevision(bad)).toThrow(RangeError);
    expect(() => toExpectedRevision('none' as never)).toThrow(RangeError);
  });

  it('numbers versions from 1 where revisions count from 0', () => {
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(41n)).toBe(42);
    expect(() => versionOfRevision(-1n)).toThrow(RangeError);
    expect(() => versionOfRevision(2n ** 53n)).toThrow(RangeError);
  });

  it("reads the server's current revision as the stream's version", () => {
    expect(versionOfCurrent(NO_STREAM)).toBe(0);
    expect(versionOfCurrent(0n)).toBe(1);
    expect(versionOfCurrent(2n)).toBe(3);
  });

  it('round-trips: the revision expected after seeing N events is the one the server reports for N events', () => {
    for (const version of [1, 2, 10])
      expect(versionOfCurrent(toExpectedRevision(version) as bigint)).toBe(version);
  });
});
