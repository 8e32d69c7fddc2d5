/**
 * The few SQL operations the adapters need, over either a PostgreSQL server (node-postgres pool) or embedded
 * PGlite. Both speak the same SQL, so every adapter built on this runs unchanged in both modes.
 */
export interface SqlQueryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs `work` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** 'postgres' for a server, 'pglite' for the embedded engine (one connection: transactions run one at a time). */
  readonly kind: 'postgres' | 'pglite';
}
