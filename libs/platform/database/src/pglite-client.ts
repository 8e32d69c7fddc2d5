import { PGlite } from '@electric-sql/pglite';
import { SerialQueue } from './serial-queue';
import type { SqlClient, SqlQueryable } from './sql-client.port';

/** A SqlClient over one PGlite instance; `pglite` is that instance, to share with e.g. Prisma's PGlite adapter. */
export interface PgliteSqlClient extends SqlClient {
  readonly kind: 'pglite';
  readonly pglite: PGlite;
}

export interface WrapPgliteOptions {
  /** Close the PGlite instance when the client is closed (default false: whoever created it closes it). */
  closeInstance?: boolean;
}

type PgliteQueryable = Pick<PGlite, 'query' | 'exec'>;

function queryable(target: PgliteQueryable): Required<SqlQueryable> {
  return {
    async query<R>(sql: string, params?: unknown[]) {
      const result = await target.query<R>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/**
 * Opens embedded PostgreSQL: in memory when `dataDir` is omitted or `memory://`, otherwise persisted in that
 * directory. The client owns the instance and closes it on `close()`.
 */
export async function createPgliteClient(dataDir = 'memory://'): Promise<PgliteSqlClient> {
  const db = await PGlite.create(dataDir);
  return wrapPglite(db, { closeInstance: true });
}

/**
 * A SqlClient over an existing PGlite instance. PGlite is one connection: every statement of the client runs
 * through one queue, so a transaction never interleaves with another transaction or with a plain query of this
 * client. Other users of the same instance (Prisma's PGlite adapter) go through PGlite's own transaction lock,
 * which this client also takes, so they do not interleave with it either.
 */
export function wrapPglite(db: PGlite, options: WrapPgliteOptions = {}): PgliteSqlClient {
  const queue = new SerialQueue(
    'the embedded database is one connection: inside transaction() use the transaction handle, not the client',
  );
  const direct = queryable(db);
  let closed = false;

  return {
    kind: 'pglite',
    pglite: db,
    query: (sql, params) => queue.run(() => direct.query(sql, params)),
    exec: (sql) => queue.run(() => direct.exec(sql)),
    transaction: (work) =>
      queue.run(() =>
        db.transaction(async (tx) => {
          const handle = queryable(tx);
          return work(handle);
        }),
      ),
    async listen(channel, onNotify) {
      const unlisten = await db.listen(channel, onNotify);
      return async () => {
        if (!db.closed) await unlisten();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Queued behind any running transaction, so that it finishes first.
      if (options.closeInstance) await queue.run(() => db.close());
    },
  };
}
