/**
 * The few SQL operations the adapters need, over either a PostgreSQL server (node-postgres pool) or embedded
 * PGlite. Both speak the same SQL, so every adapter built on this runs unchanged in both modes.
 */
export interface SqlQueryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /**
   * Runs a script of several statements without parameters (e.g. a migration). Optional so that a plain
   * `query`-only wrapper still satisfies the interface; the adapters of this library implement it.
   */
  exec?(sql: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs `work` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** 'postgres' for a server, 'pglite' for the embedded engine (one connection: transactions run one at a time). */
  readonly kind: 'postgres' | 'pglite';
  /**
   * Calls `onNotify` for every NOTIFY on `channel` until the returned function is called. A wake-up hint
   * only: notifications can be lost (e.g. while a server connection is re-established), so callers also poll.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}
