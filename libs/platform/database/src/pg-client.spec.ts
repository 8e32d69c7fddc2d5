import { testDatabases, type TestSqlClient } from '@kyc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient } from './pg-client';

describe('PostgreSQL client options', () => {
  it('accepts only plain schema names on the search path', () => {
    expect(() => createPgClient('postgresql://localhost/none', { searchPath: ['ok', 'bad name'] })).toThrow(RangeError);
    expect(() => createPgClient('postgresql://localhost/none', { searchPath: ['x;DROP'] })).toThrow(RangeError);
    expect(() => createPgClient('postgresql://localhost/none', { searchPath: [] })).toThrow(RangeError);
  });
});

const server = testDatabases().find((database) => database.kind === 'postgres');
if (server) {
  describe('PostgreSQL client on a server', () => {
    let db: TestSqlClient;

    beforeAll(async () => {
      db = await server.create();
    });
    afterAll(async () => {
      await db.cleanup();
    });

    it('connects with the configured search path', async () => {
      await db.client.query('CREATE TABLE here (id INTEGER)');
      const { rows } = await db.client.query<{ schema: string }>(
        `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'here'`,
      );
      const current = await db.client.query<{ schema: string }>('SELECT current_schema() AS schema');
      expect(rows).toEqual([{ schema: current.rows[0].schema }]);
      expect(current.rows[0].schema).toMatch(/^test_/);
    });

    it('runs transactions on separate connections, so they overlap', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const pids = new Set<number>();
      const first = db.client.transaction(async (tx) => {
        pids.add((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
        await gate;
      });
      await db.client.transaction(async (tx) => {
        pids.add((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      });
      release();
      await first;
      expect(pids.size).toBe(2);
    });

    it('listens again after its notification connection was killed, and wakes listeners once', async () => {
      const received: string[] = [];
      const unlisten = await db.client.listen!('reconnect_channel', (payload) => received.push(payload));
      const killed = await db.client.query<{ killed: boolean }>(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
          WHERE application_name = current_setting('application_name') AND query LIKE 'LISTEN%'`,
      );
      expect(killed.rows).toEqual([{ killed: true }]);
      const deadline = Date.now() + 10_000;
      // The reconnect wakes listeners with an empty payload; afterwards notifications arrive again.
      while (!received.includes('after')) {
        if (Date.now() > deadline) throw new Error(`no notification after the reconnect (got ${JSON.stringify(received)})`);
        await db.client.query(`SELECT pg_notify('reconnect_channel', 'after')`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(received).toContain('');
      await unlisten();
    });
  });
}
