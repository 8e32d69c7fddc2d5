import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlClient, SqlQueryable } from './sql-client.port';

/** One migration: the folder name (`<timestamp>_<name>`) and its SQL. */
export interface Migration {
  name: string;
  sql: string;
  /** sha256 of the SQL with line endings normalised, so a checkout with CRLF endings matches. */
  checksum: string;
}

export interface MigrateOptions {
  /** Whose migrations these are ('event-store', 'read-model', ...): each owner has its own history. */
  owner: string;
}

export interface MigrateResult {
  /** Names applied by this call, in order (empty when the schema was up to date). */
  applied: string[];
}

/** An applied migration's file changed since: the schema no longer matches what the files say. */
export class MigrationChecksumMismatchError extends Error {
  constructor(
    readonly owner: string,
    readonly migration: string,
    readonly recorded: string,
    readonly current: string,
  ) {
    super(
      `migration ${migration} of ${owner} was changed after it was applied (recorded checksum ${recorded}, ` +
        `file now ${current}); add a new migration instead of editing an applied one`,
    );
    this.name = 'MigrationChecksumMismatchError';
  }
}

export const MIGRATIONS_TABLE = 'kyc_schema_migrations';
const MIGRATION_FILE = 'migration.sql';
/** First half of the advisory lock key; the second is the schema, so separate schemas migrate independently. */
const MIGRATION_LOCK_NAMESPACE = 0x6b796331;

export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** Reads `<dir>/<name>/migration.sql` for every folder in `dir` (Prisma's layout), sorted by folder name. */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    folders.map(async (name) => {
      const file = join(dir, name, MIGRATION_FILE);
      const sql = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new Error(`migration folder ${name} has no readable ${MIGRATION_FILE} (${error.code ?? error.message})`);
      });
      return { name, sql, checksum: migrationChecksum(sql) };
    }),
  );
}

async function lockAndReadHistory(tx: SqlQueryable, owner: string): Promise<Map<string, string>> {
  // Serialises migrators that start together (several processes on one server), including the table creation.
  await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))`, [MIGRATION_LOCK_NAMESPACE]);
  await tx.query(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
       owner      TEXT NOT NULL,
       name       TEXT NOT NULL,
       checksum   TEXT NOT NULL,
       applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       PRIMARY KEY (owner, name)
     )`,
  );
  const { rows } = await tx.query<{ name: string; checksum: string }>(
    `SELECT name, checksum FROM ${MIGRATIONS_TABLE} WHERE owner = $1`,
    [owner],
  );
  return new Map(rows.map((row) => [row.name, row.checksum]));
}

function verify(owner: string, migration: Migration, recorded: string | undefined): boolean {
  if (recorded === undefined) return false;
  if (recorded !== migration.checksum) throw new MigrationChecksumMismatchError(owner, migration.name, recorded, migration.checksum);
  return true;
}

async function runScript(tx: SqlQueryable, sql: string): Promise<void> {
  if (tx.exec) await tx.exec(sql);
  else await tx.query(sql);
}

/**
 * Applies the migrations not yet recorded for `owner`, in order, each in its own transaction together with its
 * record, so a failed migration leaves nothing behind and the next start retries it. Refuses to run when an
 * applied migration's file changed. Migrations must not contain transaction control statements.
 */
export async function applyMigrations(client: SqlClient, migrations: Migration[], options: MigrateOptions): Promise<MigrateResult> {
  const { owner } = options;
  const pending = await client.transaction(async (tx) => {
    const history = await lockAndReadHistory(tx, owner);
    return migrations.filter((migration) => !verify(owner, migration, history.get(migration.name)));
  });
  const applied: string[] = [];
  for (const migration of pending) {
    const ran = await client.transaction(async (tx) => {
      // Another process may have applied it since the first look.
      const history = await lockAndReadHistory(tx, owner);
      if (verify(owner, migration, history.get(migration.name))) return false;
      try {
        await runScript(tx, migration.sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`migration ${migration.name} of ${owner} failed: ${reason}`, { cause: error });
      }
      await tx.query(`INSERT INTO ${MIGRATIONS_TABLE} (owner, name, checksum) VALUES ($1, $2, $3)`, [
        owner,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  return { applied };
}

/** Applies `<migrationsDir>/<timestamp>_<name>/migration.sql` folders for `owner` (see applyMigrations). */
export async function migrate(client: SqlClient, migrationsDir: string, options: MigrateOptions): Promise<MigrateResult> {
  return applyMigrations(client, await loadMigrations(migrationsDir), options);
}
