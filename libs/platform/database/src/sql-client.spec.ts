import { testDatabases, type TestSqlClient } from '@kyc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, sqlErrorCode } from './sql-errors';

const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await nextTick();
  }
}

for (const database of testDatabases()) {
  describe(`SqlClient on ${database.name}`, () => {
    let db: TestSqlClient;

    beforeAll(async () => {
      db = await database.create();
      await db.client.exec!(`
        CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER NOT NULL);
        CREATE TABLE counters (id TEXT PRIMARY KEY, value INTEGER NOT NULL);
      `);
    });
    afterAll(async () => {
      await db.cleanup();
    });

    it('says what it is', () => {
      expect(db.client.kind).toBe(database.kind);
    });

    it('runs parameterised queries and returns rows', async () => {
      await db.client.query('INSERT INTO items (id, n) VALUES ($1, $2), ($3, $4)', ['q1', 1, 'q2', 2]);
      const { rows } = await db.client.query<{ id: string; n: number }>(
        'SELECT id, n FROM items WHERE id = ANY($1::text[]) ORDER BY id',
        [['q1', 'q2']],
      );
      expect(rows).toEqual([
        { id: 'q1', n: 1 },
        { id: 'q2', n: 2 },
      ]);
    });

    it('commits a transaction when its work resolves', async () => {
      const result = await db.client.transaction(async (tx) => {
        await tx.query(`INSERT INTO items (id, n) VALUES ('c1', 1)`);
        await tx.exec!(`INSERT INTO items (id, n) VALUES ('c2', 2); INSERT INTO items (id, n) VALUES ('c3', 3);`);
        return 'done';
      });
      expect(result).toBe('done');
      const { rows } = await db.client.query(`SELECT id FROM items WHERE id LIKE 'c%' ORDER BY id`);
      expect(rows).toEqual([{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }]);
    });

    it('rolls a transaction back when its work throws, and passes the error on', async () => {
      const failure = db.client.transaction(async (tx) => {
        await tx.query(`INSERT INTO items (id, n) VALUES ('r1', 1)`);
        throw new Error('changed my mind');
      });
      await expect(failure).rejects.toThrow('changed my mind');
      expect((await db.client.query(`SELECT id FROM items WHERE id = 'r1'`)).rows).toEqual([]);
    });

    it('reports database errors with their SQLSTATE and constraint', async () => {
      await db.client.query(`INSERT INTO items (id, n) VALUES ('u1', 1)`);
      const error = await db.client.query(`INSERT INTO items (id, n) VALUES ('u1', 2)`).catch((e: unknown) => e);
      expect(sqlErrorCode(error)).toBe('23505');
      expect(isUniqueViolation(error, 'items_pkey')).toBe(true);
      expect(isUniqueViolation(error, 'other_constraint')).toBe(false);
      expect(sqlErrorCode(new Error('plain'))).toBeUndefined();
    });

    it('refuses to use a transaction handle after the transaction ended', async () => {
      let leaked: { query(sql: string): Promise<unknown> } | undefined;
      await db.client.transaction(async (tx) => {
        leaked = tx;
      });
      await expect(leaked!.query('SELECT 1')).rejects.toThrow();
    });

    it('never loses an update between concurrent read-modify-write transactions that lock the row', async () => {
      await db.client.query(`INSERT INTO counters (id, value) VALUES ('rmw', 0)`);
      await Promise.all(
        Array.from({ length: 10 }, () =>
          db.client.transaction(async (tx) => {
            const { rows } = await tx.query<{ value: number }>(`SELECT value FROM counters WHERE id = 'rmw' FOR UPDATE`);
            await nextTick();
            await tx.query(`UPDATE counters SET value = $1 WHERE id = 'rmw'`, [rows[0].value + 1]);
          }),
        ),
      );
      expect((await db.client.query(`SELECT value FROM counters WHERE id = 'rmw'`)).rows).toEqual([{ value: 10 }]);
    });

    it('delivers notifications to listeners until they stop listening', async () => {
      const received: string[] = [];
      const unlisten = await db.client.listen!('test_channel', (payload) => received.push(payload));
      await db.client.query(`SELECT pg_notify('test_channel', 'one')`);
      await db.client.transaction(async (tx) => {
        await tx.query(`SELECT pg_notify('test_channel', 'two')`);
      });
      await until('both notifications', () => received.length === 2);
      expect(received).toEqual(['one', 'two']);
      await unlisten();
      await db.client.query(`SELECT pg_notify('test_channel', 'three')`);
      // A later notification on another channel arriving proves the first one had its chance.
      const witness: string[] = [];
      const stopWitness = await db.client.listen!('witness_channel', (payload) => witness.push(payload));
      await db.client.query(`SELECT pg_notify('test_channel', 'four'), pg_notify('witness_channel', 'w')`);
      await until('the witness notification', () => witness.length === 1);
      await stopWitness();
      expect(received).toEqual(['one', 'two']);
    });
  });
}
