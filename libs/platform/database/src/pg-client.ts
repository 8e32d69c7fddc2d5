import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { PgNotificationListener } from './pg-notification-listener';
import type { SqlClient, SqlQueryable } from './sql-client.port';

export interface PgClientOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Schemas to put on every connection's search_path, in order (plain identifiers only). */
  searchPath?: string[];
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** Give up opening a connection after this long (default 10 s), instead of waiting forever on a dead network. */
  connectTimeoutMs?: number;
  /** Server-side cap on each statement, in milliseconds (default: the server's setting). */
  statementTimeoutMs?: number;
  /**
   * Errors of idle pooled connections and of the notification connection (e.g. the server restarted). The pool
   * drops such connections and opens new ones on demand; by default these errors are ignored.
   */
  onBackgroundError?: (error: unknown) => void;
}

/** A SqlClient over a PostgreSQL server; `pool` is the node-postgres pool underneath. */
export interface PgSqlClient extends SqlClient {
  readonly kind: 'postgres';
  readonly pool: Pool;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

function connectionConfig(connectionString: string, options: PgClientOptions): PoolConfig {
  const settings: string[] = [];
  if (options.searchPath) {
    const invalid = options.searchPath.find((schema) => !IDENTIFIER.test(schema));
    if (invalid !== undefined || options.searchPath.length === 0) {
      throw new RangeError(`searchPath must list plain schema identifiers, got ${JSON.stringify(options.searchPath)}`);
    }
    settings.push(`-c search_path=${options.searchPath.join(',')}`);
  }
  if (options.statementTimeoutMs !== undefined) settings.push(`-c statement_timeout=${Math.floor(options.statementTimeoutMs)}`);
  return {
    connectionString,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    ...(settings.length > 0 ? { options: settings.join(' ') } : {}),
  };
}

function queryable(target: Pool | PoolClient): Required<SqlQueryable> {
  return {
    async query<R>(sql: string, params?: unknown[]) {
      const result = await target.query(sql, params);
      return { rows: result.rows as R[] };
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await target.query(sql);
    },
  };
}

/** A handle that refuses work once its transaction has ended, instead of running it outside the transaction. */
function transactionHandle(connection: PoolClient): { handle: Required<SqlQueryable>; end(): void } {
  const inner = queryable(connection);
  let ended = false;
  const guard = () => {
    if (ended) throw new Error('the transaction has ended: its handle can no longer be used');
  };
  return {
    handle: {
      query: async (sql, params) => {
        guard();
        return inner.query(sql, params);
      },
      exec: async (sql) => {
        guard();
        return inner.exec(sql);
      },
    },
    end: () => {
      ended = true;
    },
  };
}

/** Connects to a PostgreSQL server through a node-postgres pool (connections open lazily). */
export function createPgClient(connectionString: string, options: PgClientOptions = {}): PgSqlClient {
  const config = connectionConfig(connectionString, options);
  const onBackgroundError = options.onBackgroundError ?? (() => undefined);
  const pool = new Pool({ ...config, max: options.max ?? 10 });
  // Without a listener an idle connection's error (server restart) would crash the process.
  pool.on('error', onBackgroundError);
  let listener: PgNotificationListener | null = null;
  let closing: Promise<void> | null = null;
  const direct = queryable(pool);

  return {
    kind: 'postgres',
    pool,
    query: (sql, params) => direct.query(sql, params),
    exec: (sql) => direct.exec(sql),
    async transaction(work) {
      const connection = await pool.connect();
      const { handle, end } = transactionHandle(connection);
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const result = await work(handle);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch((rollbackError: Error) => {
          // A connection that cannot roll back is in an unknown state: discard it rather than reuse it.
          broken = rollbackError;
        });
        throw error;
      } finally {
        end();
        connection.release(broken);
      }
    },
    listen(channel, onNotify) {
      listener ??= new PgNotificationListener(config, onBackgroundError);
      return listener.listen(channel, onNotify);
    },
    close() {
      closing ??= (async () => {
        await listener?.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
