import { randomBytes } from 'node:crypto';
import { createPgClient, createPgliteClient, wrapPglite, type SqlClient } from '@kyc/database';
import { Client } from 'pg';

export type TestDatabaseKind = 'postgres' | 'pglite';

export interface TestSqlClient {
  client: SqlClient;
  kind: TestDatabaseKind;
  /** What the tests ran against, e.g. "PostgreSQL 127.0.0.1:5432/kyc, schema test_3f9a..." (no credentials). */
  describe: string;
  /**
   * A second, independent client on the same database, as another process would have (its own pool on the
   * server; another client over the same instance for PGlite). The caller closes it, before cleanup().
   */
  openAnotherClient(): SqlClient;
  /** Closes the client; on PostgreSQL also drops the test's schema. */
  cleanup(): Promise<void>;
}

export interface TestDatabaseTarget {
  kind: TestDatabaseKind;
  /** 'PGlite' or 'PostgreSQL', for suite titles. */
  name: string;
  create(): Promise<TestSqlClient>;
}

export interface CreateTestSqlClientOptions {
  /** Default: 'postgres' when DATABASE_URL is set, else 'pglite'. */
  kind?: TestDatabaseKind;
  /** Pool size on PostgreSQL (default 10). */
  max?: number;
  /** Print which database the client uses (default true). */
  announce?: boolean;
}

function databaseUrl(): string | undefined {
  const url = process.env['DATABASE_URL'];
  return url && url.trim().length > 0 ? url : undefined;
}

function serverLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

async function withAdmin<T>(url: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function createPostgresTestClient(url: string, max: number | undefined): Promise<TestSqlClient> {
  // A schema per client, so test files running in parallel on one server never see each other's tables.
  const schema = `test_${randomBytes(8).toString('hex')}`;
  await withAdmin(url, (admin) => admin.query(`CREATE SCHEMA ${schema}`));
  const connect = () => createPgClient(url, { searchPath: [schema], max, applicationName: `kyc-test ${schema}` });
  const client = connect();
  let cleaned: Promise<void> | null = null;
  return {
    client,
    kind: 'postgres',
    describe: `PostgreSQL ${serverLabel(url)}, schema ${schema}`,
    openAnotherClient: connect,
    cleanup() {
      cleaned ??= (async () => {
        await client.close();
        await withAdmin(url, (admin) => admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      })();
      return cleaned;
    },
  };
}

async function createPgliteTestClient(): Promise<TestSqlClient> {
  const client = await createPgliteClient();
  return {
    client,
    kind: 'pglite',
    describe: 'PGlite (in memory)',
    openAnotherClient: () => wrapPglite(client.pglite),
    cleanup: () => client.close(),
  };
}

/**
 * A fresh, empty database for a test: a new schema on the server in DATABASE_URL (the connection's search_path
 * points at it), or in-memory PGlite when DATABASE_URL is not set.
 */
export async function createTestSqlClient(options: CreateTestSqlClientOptions = {}): Promise<TestSqlClient> {
  const url = databaseUrl();
  const kind = options.kind ?? (url ? 'postgres' : 'pglite');
  let created: TestSqlClient;
  if (kind === 'postgres') {
    if (!url) throw new Error('a PostgreSQL test database needs DATABASE_URL');
    created = await createPostgresTestClient(url, options.max);
  } else {
    created = await createPgliteTestClient();
  }
  if (options.announce ?? true) console.info(`[test database] ${created.describe}`);
  return created;
}

/** Every database the tests can run against here: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function testDatabases(options: Omit<CreateTestSqlClientOptions, 'kind'> = {}): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [
    { kind: 'pglite', name: 'PGlite', create: () => createTestSqlClient({ ...options, kind: 'pglite' }) },
  ];
  if (databaseUrl()) {
    targets.push({ kind: 'postgres', name: 'PostgreSQL', create: () => createTestSqlClient({ ...options, kind: 'postgres' }) });
  }
  return targets;
}
