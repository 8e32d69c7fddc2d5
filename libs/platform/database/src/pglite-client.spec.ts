import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteClient, wrapPglite, type PgliteSqlClient } from './pglite-client';
import { SerialQueueReentryError } from './serial-queue';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('PGlite client (one connection)', () => {
  let client: PgliteSqlClient;

  beforeAll(async () => {
    client = await createPgliteClient();
    await client.query('CREATE TABLE log (seq SERIAL PRIMARY KEY, entry TEXT NOT NULL)');
  });
  afterAll(async () => {
    await client.close();
  });

  it('runs concurrent transactions one after the other, never interleaved', async () => {
    await client.query('TRUNCATE log');
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        client.transaction(async (tx) => {
          await tx.query('INSERT INTO log (entry) VALUES ($1)', [`${name} begin`]);
          await pause(5);
          await tx.query('INSERT INTO log (entry) VALUES ($1)', [`${name} end`]);
        }),
      ),
    );
    const { rows } = await client.query<{ entry: string }>('SELECT entry FROM log ORDER BY seq');
    expect(rows.map((row) => row.entry)).toEqual(['a begin', 'a end', 'b begin', 'b end', 'c begin', 'c end']);
  });

  it('makes a plain query wait for the running transaction (and then see its commit)', async () => {
    await client.query('TRUNCATE log');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const didInsert = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = client.transaction(async (tx) => {
      await tx.query(`INSERT INTO log (entry) VALUES ('inside')`);
      inserted();
      await gate;
    });
    await didInsert;
    let answered = false;
    const count = client.query<{ n: number }>('SELECT count(*)::int AS n FROM log').then((result) => {
      answered = true;
      return result.rows[0].n;
    });
    await pause(20);
    expect(answered).toBe(false);
    release();
    await transaction;
    expect(await count).toBe(1);
  });

  it('reports client use inside its own transaction instead of hanging', async () => {
    const attempt = client.transaction(async () => client.query('SELECT 1'));
    await expect(attempt).rejects.toBeInstanceOf(SerialQueueReentryError);
    await expect(attempt).rejects.toThrow(/use the transaction handle/);
    expect((await client.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('does not interleave with another user of the same instance (e.g. Prisma through its PGlite adapter)', async () => {
    await client.query('TRUNCATE log');
    const neighbour = client.pglite;
    await Promise.all([
      client.transaction(async (tx) => {
        await tx.query(`INSERT INTO log (entry) VALUES ('client begin')`);
        await pause(10);
        await tx.query(`INSERT INTO log (entry) VALUES ('client end')`);
      }),
      neighbour.transaction(async (tx) => {
        await tx.query(`INSERT INTO log (entry) VALUES ('neighbour begin')`);
        await pause(10);
        await tx.query(`INSERT INTO log (entry) VALUES ('neighbour end')`);
      }),
    ]);
    const { rows } = await client.query<{ entry: string }>('SELECT entry FROM log ORDER BY seq');
    const entries = rows.map((row) => row.entry);
    expect([entries.slice(0, 2), entries.slice(2)].map((pair) => pair.map((entry) => entry.split(' ')[0]))).toEqual(
      entries[0].startsWith('client')
        ? [
            ['client', 'client'],
            ['neighbour', 'neighbour'],
          ]
        : [
            ['neighbour', 'neighbour'],
            ['client', 'client'],
          ],
    );
  });
});

// These tests open their own instances; starting PGlite takes seconds on a busy machine.
describe('PGlite client lifecycle', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyc-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists to a data directory across close and reopen', async () => {
    const first = await createPgliteClient(join(dir, 'data'));
    await first.exec!(`CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('survives');`);
    await first.close();
    expect(first.pglite.closed).toBe(true);
    const second = await createPgliteClient(join(dir, 'data'));
    expect((await second.query('SELECT v FROM kept')).rows).toEqual([{ v: 'survives' }]);
    await second.close();
  }, 60_000);

  it('wraps an existing instance and leaves closing it to its owner unless told otherwise', async () => {
    const db = await PGlite.create();
    const shared = wrapPglite(db);
    expect((await shared.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    await shared.close();
    expect(db.closed).toBe(false);
    const owning = wrapPglite(db, { closeInstance: true });
    await owning.close();
    expect(db.closed).toBe(true);
  }, 60_000);
});
