import { randomUUID } from 'node:crypto';
import { sqlErrorCode, type SqlClient } from '@kyc/database';
import { eventStoreTestEvent, testDatabases, type TestSqlClient } from '@kyc/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateEventIdError } from './duplicate-event-id.error';
import { VersionConflictError, type RecordedEvent } from './event-store.port';
import { createPostgresEventStore, PostgresEventStore } from './postgres-event-store';

const WAIT_MS = 15_000;
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick();
  }
}

/** A client that counts the reads of the global log that came back empty and makes the first `failures` fail. */
function instrumented(inner: SqlClient, failures = 0): SqlClient & { failed: number; emptyReads: number } {
  const isGlobalRead = (sql: string) => sql.includes('pg_snapshot_xmin') && sql.includes('LIMIT $2');
  const wrapper = {
    kind: inner.kind,
    failed: 0,
    emptyReads: 0,
    query: async <R>(sql: string, params?: unknown[]) => {
      if (!isGlobalRead(sql)) return inner.query<R>(sql, params);
      if (wrapper.failed < failures) {
        wrapper.failed += 1;
        throw new Error('connection lost (injected)');
      }
      const result = await inner.query<R>(sql, params);
      if (result.rows.length === 0) wrapper.emptyReads += 1;
      return result;
    },
    transaction: <T>(work: Parameters<SqlClient['transaction']>[0]) => inner.transaction(work) as Promise<T>,
    listen: inner.listen?.bind(inner),
    close: () => inner.close(),
  };
  return wrapper;
}

/** A client whose transactions wait, after their work and before COMMIT, until `commit()` is called. */
/** An append is one statement (kyc_append_events); these clients run it in a transaction they hold open. */
const isAppend = (sql: string) => sql.includes('kyc_append_events');

function commitGate(inner: SqlClient): { client: SqlClient; written: Promise<void>; commit(): void } {
  let commit!: () => void;
  const gate = new Promise<void>((resolve) => (commit = resolve));
  let markWritten!: () => void;
  const written = new Promise<void>((resolve) => (markWritten = resolve));
  const client: SqlClient = {
    kind: inner.kind,
    query: (sql, params) =>
      isAppend(sql)
        ? inner.transaction(async (tx) => {
            const result = await tx.query(sql, params);
            markWritten();
            await gate;
            return result;
          })
        : inner.query(sql, params),
    transaction: (work) => inner.transaction(work),
    close: () => inner.close(),
  } as SqlClient;
  return { client, written, commit };
}

/** A client whose appends wait a random few milliseconds before COMMIT, so commits finish out of order. */
function jitteredCommits(inner: SqlClient, maxDelayMs: number): SqlClient {
  return {
    kind: inner.kind,
    query: (sql, params) =>
      isAppend(sql)
        ? inner.transaction(async (tx) => {
            const result = await tx.query(sql, params);
            await new Promise((resolve) => setTimeout(resolve, Math.random() * maxDelayMs));
            return result;
          })
        : inner.query(sql, params),
    transaction: (work) => inner.transaction(work),
    close: () => inner.close(),
  } as SqlClient;
}

const ids = (events: { event_id: string }[]) => events.map((event) => event.event_id);
const unique = (label: string) => `${label}-${randomUUID()}`;

/** Pages through the global log from `from` until `count` events of `stream` were read (later writes may settle late). */
async function readLog(store: PostgresEventStore, from: bigint, count: number, stream: string): Promise<RecordedEvent[]> {
  const own: RecordedEvent[] = [];
  let position = from;
  await until(`${count} events of ${stream} in the log`, async () => {
    for (const event of await store.readAll(position, 100)) {
      position = event.position;
      if (event.stream_id === stream) own.push(event);
    }
    return own.length >= count;
  });
  return own;
}

for (const database of testDatabases()) {
  describe(`PostgresEventStore on ${database.name}`, () => {
    // One database for the tests below (each works on its own streams); a fresh one where emptiness matters.
    let db: TestSqlClient;
    let store: PostgresEventStore;
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      db = await database.create();
      store = await createPostgresEventStore(db.client);
    });
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    afterAll(async () => {
      await store.close();
      await db.cleanup();
    });

    it('starts empty: head 0n, nothing to read; applies its migration once however often it is created', async () => {
      const fresh = await database.create();
      cleanups.push(() => fresh.cleanup());
      const empty = await createPostgresEventStore(fresh.client);
      expect(await empty.headPosition()).toBe(0n);
      expect(await empty.readAll(0n, 10)).toEqual([]);
      await empty.close();
      await (await createPostgresEventStore(fresh.client)).close();
      const { rows } = await fresh.client.query<{ name: string }>(`SELECT name FROM kyc_schema_migrations WHERE owner = 'event-store'`);
      expect(rows.map((row) => row.name)).toEqual(['20261125000000_kyc_event_store', '20261125000100_kyc_append_events']);
    }, 60_000);

    it('keeps positions beyond 2^53 exact, everywhere', async () => {
      const fresh = await database.create();
      cleanups.push(() => fresh.cleanup());
      const big = await createPostgresEventStore(fresh.client);
      cleanups.push(() => big.close());
      const start = 2n ** 53n; // 9007199254740992: the next ones are not representable as a JS number
      await fresh.client.query(`SELECT setval('kyc_event_position_seq', $1::bigint)`, [start.toString()]);
      const stream = unique('big');
      const appended = await big.append(stream, [eventStoreTestEvent(), eventStoreTestEvent(), eventStoreTestEvent()], 0);
      expect(appended.position).toBe(start + 3n);
      // On a shared server another test's transaction may hold the new events back for a moment.
      await until('the events to settle', async () => (await big.headPosition()) === start + 3n);
      expect((await big.readStream(stream)).map((event) => event.position)).toEqual([start + 1n, start + 2n, start + 3n]);
      expect((await big.readAll(start + 1n, 10)).map((event) => event.position)).toEqual([start + 2n, start + 3n]);
      const delivered: bigint[] = [];
      const subscription = big.subscribeToAll({ from: start + 2n, handler: async (event) => void delivered.push(event.position) });
      await until('the subscription to deliver', () => delivered.length === 1);
      await subscription.close();
      expect(delivered).toEqual([start + 3n]);
    }, 60_000);

    it('rejects an event id that is already stored, in any stream, and writes nothing', async () => {
      const [a, b] = [unique('dup-a'), unique('dup-b')];
      const event = eventStoreTestEvent();
      await store.append(a, [event], 0);
      const error = await store.append(b, [eventStoreTestEvent(), event], 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ streamId: b, eventIds: [event.event_id] });
      expect(await store.readStream(b)).toEqual([]);
      // The failed append left no stream row behind: 0 is still the right expectation.
      expect((await store.append(b, [eventStoreTestEvent()], 0)).version).toBe(1);
    });

    it('rejects a batch that repeats an event id', async () => {
      const stream = unique('dup-batch');
      const event = eventStoreTestEvent();
      await expect(store.append(stream, [event, event], 'any')).rejects.toMatchObject({
        name: 'DuplicateEventIdError',
        eventIds: [event.event_id],
      });
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('checks the expected version even when appending nothing', async () => {
      const stream = unique('noop');
      const first = await store.append(stream, [eventStoreTestEvent(), eventStoreTestEvent()], 0);
      let head = 0n;
      await until('the events to settle', async () => (head = await store.headPosition()) >= first.position);
      expect(await store.append(stream, [], 2)).toEqual({ version: 2, position: first.position });
      expect(await store.append(unique('noop-missing'), [], 0)).toEqual({ version: 0, position: 0n });
      await expect(store.append(stream, [], 1)).rejects.toMatchObject({ expected: 1, actual: 2 });
      expect(await store.headPosition()).toBe(head);
    });

    it('refuses malformed arguments', async () => {
      await expect(store.append('bad', [eventStoreTestEvent()], -1)).rejects.toBeInstanceOf(RangeError);
      await expect(store.append('bad', [eventStoreTestEvent()], 1.5)).rejects.toBeInstanceOf(RangeError);
      await expect(store.append('', [eventStoreTestEvent()], 'any')).rejects.toBeInstanceOf(RangeError);
      await expect(store.append('bad', [{ ...eventStoreTestEvent(), event_id: '' }], 'any')).rejects.toBeInstanceOf(RangeError);
      await expect(store.readAll(-1n, 10)).rejects.toBeInstanceOf(RangeError);
      await expect(store.readAll(0n, 0)).rejects.toBeInstanceOf(RangeError);
    });

    it('records the writing transaction and time of every event', async () => {
      const [a, b] = [unique('tx-a'), unique('tx-b')];
      await store.append(a, [eventStoreTestEvent(), eventStoreTestEvent()], 0);
      await store.append(b, [eventStoreTestEvent()], 0);
      const { rows } = await db.client.query<{ stream_id: string; tx: string; recorded: boolean }>(
        `SELECT stream_id, transaction_id::text AS tx, recorded_at <= now() AS recorded
           FROM kyc_events WHERE stream_id IN ($1, $2) ORDER BY position`,
        [a, b],
      );
      expect(rows.map((row) => row.stream_id)).toEqual([a, a, b]);
      expect(rows.every((row) => row.recorded)).toBe(true);
      expect(rows[0].tx).toBe(rows[1].tx);
      expect(BigInt(rows[2].tx) > BigInt(rows[0].tx)).toBe(true);
    });

    it('refuses to reserve positions after the transaction has written', async () => {
      const error = await db.client
        .transaction(async (tx) => {
          await tx.query(`INSERT INTO kyc_event_streams (stream_id, version) VALUES ($1, 1)`, [unique('early-write')]);
          await tx.query('SELECT kyc_reserve_event_positions(1)');
        })
        .catch((e: unknown) => e);
      expect(sqlErrorCode(error)).toBe('55000');
      expect(String(error)).toContain('before the transaction writes anything');
    });

    it('keeps a stream in version order in the global log under concurrent writers', async () => {
      const stream = unique('ordered');
      const from = await store.headPosition();
      await Promise.all(Array.from({ length: 15 }, () => store.append(stream, [eventStoreTestEvent(), eventStoreTestEvent()], 'any')));
      const log = await readLog(store, from, 30, stream);
      expect(log.map((event) => event.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });

    it('retries a failed read of the global log and reports it', async () => {
      const flaky = instrumented(db.client, 2);
      const flakyStore = new PostgresEventStore(flaky, { subscriptions: { initialBackoffMs: 5 } });
      cleanups.push(() => flakyStore.close());
      const stream = unique('flaky');
      const from = await store.headPosition();
      const written = [eventStoreTestEvent(), eventStoreTestEvent()];
      await store.append(stream, written, 0);
      const delivered: RecordedEvent[] = [];
      const errors: unknown[] = [];
      flakyStore.subscribeToAll({
        from,
        handler: async (event) => void (event.stream_id === stream && delivered.push(event)),
        onError: (e) => errors.push(e),
      });
      await until('delivery after the failures', () => delivered.length === 2);
      expect(ids(delivered)).toEqual(ids(written));
      expect(flaky.failed).toBe(2);
      expect(errors.map(String)).toEqual(['Error: connection lost (injected)', 'Error: connection lost (injected)']);
    });

    it("wakes another client's subscription through NOTIFY instead of waiting for its next poll", async () => {
      const other = instrumented(db.openAnotherClient());
      // Polls a minute apart: only notifications can make it deliver within the test.
      const sleepy = new PostgresEventStore(other, { subscriptions: { minPollMs: 60_000, maxPollMs: 60_000 } });
      cleanups.push(() => other.close(), () => sleepy.close());
      const stream = unique('notified');
      const delivered: RecordedEvent[] = [];
      sleepy.subscribeToAll({
        from: await store.headPosition(),
        handler: async (event) => void (event.stream_id === stream && delivered.push(event)),
      });
      await until('the subscription to find nothing and pause', () => other.emptyReads >= 1);
      const event = eventStoreTestEvent();
      await store.append(stream, [event], 0);
      // On a shared server another transaction may hold the event back when the first notification arrives;
      // further appends (each notifying) wake the subscription again. None of this is polling.
      let nudged = Date.now();
      await until('the notified subscription to deliver', async () => {
        if (delivered.length > 0) return true;
        if (Date.now() - nudged > 100) {
          nudged = Date.now();
          await store.append(unique('nudge'), [eventStoreTestEvent()], 0);
        }
        return false;
      });
      expect(ids(delivered)).toEqual([event.event_id]);
    });

    it('closes its subscriptions on close(), after the handler in flight', async () => {
      const closable = new PostgresEventStore(db.client);
      const stream = unique('closing');
      const from = await store.headPosition();
      await store.append(stream, [eventStoreTestEvent(), eventStoreTestEvent()], 0);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const handled: number[] = [];
      let started = false;
      closable.subscribeToAll({
        from,
        handler: async (event) => {
          started = true;
          await gate;
          handled.push(event.version);
        },
      });
      await until('the handler to start', () => started);
      let closed = false;
      const closing = closable.close().then(() => (closed = true));
      await tick();
      expect(closed).toBe(false);
      release();
      await closing;
      expect(handled).toEqual([1]);
      expect(() => closable.subscribeToAll({ from: 0n, handler: async () => undefined })).toThrow(/closed/);
    });
  });
}

const server = testDatabases().find((database) => database.kind === 'postgres');
if (server) {
  describe('PostgresEventStore on a PostgreSQL server: commits out of position order', () => {
    let db: TestSqlClient;
    let store: PostgresEventStore;

    beforeEach(async () => {
      db = await server.create();
      store = await createPostgresEventStore(db.client);
    });
    afterEach(async () => {
      await store.close();
      await db.cleanup();
    });

    it('does not return a later position while an earlier one is still uncommitted', async () => {
      const head = await store.headPosition();
      const gated = commitGate(db.client);
      const slowStore = new PostgresEventStore(gated.client);
      const [slowEvent, fastEvent] = [eventStoreTestEvent('Slow'), eventStoreTestEvent('Fast')];

      const slow = slowStore.append('gap-slow', [slowEvent], 0); // gets p1, does not commit yet
      try {
        await gated.written;
        const fast = await store.append('gap-fast', [fastEvent], 0); // gets p2 > p1, commits

        // The fast event is committed and visible to a plain query...
        const committed = await db.client.query(`SELECT 1 FROM kyc_events WHERE stream_id = 'gap-fast'`);
        expect(committed.rows).toHaveLength(1);
        // ...but the global log holds it back: a reader that took it would move past p1 and lose the slow event.
        expect(await store.readAll(head, 100)).toEqual([]);
        expect(await store.headPosition()).toBe(head);

        gated.commit();
        const slowResult = await slow;
        expect(slowResult.position < fast.position).toBe(true);
        let log: RecordedEvent[] = [];
        await until('both events in the log', async () => (log = await store.readAll(head, 100)).length === 2);
        expect(ids(log)).toEqual([slowEvent.event_id, fastEvent.event_id]);
        expect(log.map((event) => event.position)).toEqual([slowResult.position, fast.position]);
      } finally {
        gated.commit();
        await slow.catch(() => undefined);
        await slowStore.close();
      }
    });

    it('gives a reader that resumes from its last position every event exactly once under concurrent writers', async () => {
      const jittered = new PostgresEventStore(jitteredCommits(db.client, 8));
      const streams = Array.from({ length: 12 }, (_, i) => `busy-${i}`);
      const written: string[] = [];
      let writing = true;

      const writers = Array.from({ length: 8 }, async (_, w) => {
        const target = w % 2 === 0 ? jittered : store;
        for (let i = 0; i < 40; i++) {
          const batch = Array.from({ length: 1 + ((w + i) % 3) }, () => eventStoreTestEvent('Busy'));
          await target.append(streams[(w * 7 + i) % streams.length], batch, 'any');
          written.push(...ids(batch));
        }
      });
      const done = Promise.all(writers).finally(() => (writing = false));

      const read: RecordedEvent[] = [];
      let position = 0n;
      let deadline = Infinity;
      // Reads until it has as many events as were written, or gives up a while after the writers finished.
      while (read.length < written.length || writing) {
        const page = await store.readAll(position, 17);
        for (const event of page) {
          expect(event.position > position).toBe(true);
          position = event.position;
          read.push(event);
        }
        if (!writing) deadline = Math.min(deadline, Date.now() + 5_000);
        if (Date.now() > deadline) break;
        if (page.length === 0) await tick();
      }
      await done;
      await jittered.close();

      expect(read).toHaveLength(written.length);
      expect(new Set(ids(read)).size).toBe(read.length);
      expect(new Set(ids(read))).toEqual(new Set(written));
      for (const stream of streams) {
        const versions = read.filter((event) => event.stream_id === stream).map((event) => event.version);
        expect(versions).toEqual(versions.map((_, i) => i + 1));
      }
    });

    it('hands out positions in the order of transaction ids', async () => {
      const pairs: { xid: bigint; first: bigint; last: bigint }[] = [];
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < 60; i++) {
            await db.client.transaction(async (tx) => {
              const { rows } = await tx.query<{ position: string }>('SELECT kyc_reserve_event_positions(2)::text AS position');
              const xid = await tx.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
              const positions = rows.map((row) => BigInt(row.position));
              pairs.push({ xid: BigInt(xid.rows[0].xid), first: positions[0], last: positions[1] });
            });
          }
        }),
      );
      pairs.sort((a, b) => (a.xid < b.xid ? -1 : 1));
      for (let i = 1; i < pairs.length; i++) expect(pairs[i].first > pairs[i - 1].last).toBe(true);
    });

    it('releases the position lock after every append, also after failed ones', async () => {
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(`lock-${i % 3}`, [eventStoreTestEvent()], 'any')));
      await expect(store.append('lock-0', [eventStoreTestEvent()], 0)).rejects.toBeInstanceOf(VersionConflictError);
      const duplicate = eventStoreTestEvent();
      await store.append('lock-dup', [duplicate], 0);
      await expect(store.append('lock-dup-2', [duplicate], 0)).rejects.toBeInstanceOf(DuplicateEventIdError);
      // kyc_reserve_event_positions' lock: a bigint key shows up as classid (high half) and objid (low half),
      // compared half by half: rebuilding the key from other locks' halves can overflow a bigint.
      // Only this test's connections: other test files append on the same server at the same time.
      const { rows } = await db.client.query(
        `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE a.application_name = current_setting('application_name')
            AND l.locktype = 'advisory' AND l.objsubid = 1
            AND l.classid::bigint = 7020711097658716001 >> 32
            AND l.objid::bigint = 7020711097658716001 & 4294967295`,
      );
      expect(rows).toEqual([]);
    });
  });
}
