import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases, type TestSqlClient } from '@kyc/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, migrationChecksum, MigrationChecksumMismatchError } from './migrator';

async function writeMigrations(dir: string, migrations: Record<string, string>): Promise<void> {
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(join(dir, name), { recursive: true });
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
}

const tableNames = async (db: TestSqlClient) =>
  (
    await db.client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
    )
  ).rows.map((row) => row.name);

describe('loadMigrations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kyc-migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads Prisma's folder layout in name order, ignoring loose files", async () => {
    await writeMigrations(dir, { '20260102000000_second': 'SELECT 2;', '20260101000000_first': 'SELECT 1;' });
    await writeFile(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    const migrations = await loadMigrations(dir);
    expect(migrations.map((migration) => migration.name)).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(migrations[0]).toMatchObject({ sql: 'SELECT 1;', checksum: migrationChecksum('SELECT 1;') });
  });

  it('names a folder without migration.sql', async () => {
    await mkdir(join(dir, '20260101000000_empty'));
    await expect(loadMigrations(dir)).rejects.toThrow(/20260101000000_empty has no readable migration.sql/);
  });

  it('gives the same checksum whatever the line endings', () => {
    expect(migrationChecksum('SELECT 1;\r\nSELECT 2;\r\n')).toBe(migrationChecksum('SELECT 1;\nSELECT 2;\n'));
    expect(migrationChecksum('SELECT 1;')).not.toBe(migrationChecksum('SELECT 2;'));
  });
});

for (const database of testDatabases()) {
  describe(`migrate on ${database.name}`, () => {
    // One database for these tests: each uses its own owner and table names.
    let db: TestSqlClient;
    let dir: string;

    beforeAll(async () => {
      db = await database.create();
    });
    afterAll(async () => {
      await db.cleanup();
    });
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kyc-migrations-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('applies pending migrations in order, records them, and does nothing the second time', async () => {
      await writeMigrations(dir, {
        '20260101000000_create': `CREATE TABLE widgets (id TEXT PRIMARY KEY);\nCREATE INDEX widgets_id ON widgets (id);`,
        '20260102000000_alter': `ALTER TABLE widgets ADD COLUMN size INTEGER NOT NULL DEFAULT 0;`,
      });
      expect(await migrate(db.client, dir, { owner: 'widgets' })).toEqual({
        applied: ['20260101000000_create', '20260102000000_alter'],
      });
      expect(await migrate(db.client, dir, { owner: 'widgets' })).toEqual({ applied: [] });
      await db.client.query(`INSERT INTO widgets (id, size) VALUES ('w', 3)`);

      await writeMigrations(dir, { '20260103000000_more': `CREATE TABLE gadgets (id TEXT);` });
      expect(await migrate(db.client, dir, { owner: 'widgets' })).toEqual({ applied: ['20260103000000_more'] });

      const { rows } = await db.client.query<{ name: string; checksum: string; applied: boolean }>(
        `SELECT name, checksum, applied_at IS NOT NULL AS applied FROM kyc_schema_migrations WHERE owner = 'widgets' ORDER BY name`,
      );
      expect(rows.map((row) => row.name)).toEqual(['20260101000000_create', '20260102000000_alter', '20260103000000_more']);
      expect(rows[1].checksum).toBe(migrationChecksum(`ALTER TABLE widgets ADD COLUMN size INTEGER NOT NULL DEFAULT 0;`));
      expect(rows.every((row) => row.applied)).toBe(true);
    });

    it('refuses to run when an applied migration was edited, naming it', async () => {
      await writeMigrations(dir, { '20260101000000_create': 'CREATE TABLE edited (id TEXT);' });
      await migrate(db.client, dir, { owner: 'edits' });
      await writeMigrations(dir, {
        '20260101000000_create': 'CREATE TABLE edited (id TEXT, extra TEXT);',
        '20260102000000_next': 'CREATE TABLE never_applied (id TEXT);',
      });
      const error = await migrate(db.client, dir, { owner: 'edits' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationChecksumMismatchError);
      expect(error).toMatchObject({ owner: 'edits', migration: '20260101000000_create' });
      expect(String(error)).toMatch(/was changed after it was applied/);
      expect(await tableNames(db)).not.toContain('never_applied');
    });

    it('leaves nothing of a failing migration behind and stops there', async () => {
      await writeMigrations(dir, {
        '20260101000000_good': 'CREATE TABLE good (id TEXT);',
        '20260102000000_bad': 'CREATE TABLE half (id TEXT);\nINSERT INTO missing_table VALUES (1);',
        '20260103000000_after': 'CREATE TABLE after_bad (id TEXT);',
      });
      await expect(migrate(db.client, dir, { owner: 'failing' })).rejects.toThrow(/migration 20260102000000_bad of failing failed/);
      const tables = await tableNames(db);
      expect(tables).toContain('good');
      expect(tables).not.toContain('half');
      expect(tables).not.toContain('after_bad');
      const { rows } = await db.client.query<{ name: string }>(`SELECT name FROM kyc_schema_migrations WHERE owner = 'failing'`);
      expect(rows.map((row) => row.name)).toEqual(['20260101000000_good']);

      // Fixed (it never applied, so editing it is fine): the next start carries on.
      await writeMigrations(dir, { '20260102000000_bad': 'CREATE TABLE half (id TEXT);' });
      expect(await migrate(db.client, dir, { owner: 'failing' })).toEqual({ applied: ['20260102000000_bad', '20260103000000_after'] });
    });

    it('keeps the histories of different owners apart', async () => {
      const other = join(dir, 'other');
      await writeMigrations(join(dir, 'one'), { '20260101000000_same_name': 'CREATE TABLE one_table (id TEXT);' });
      await writeMigrations(other, { '20260101000000_same_name': 'CREATE TABLE other_table (id TEXT);' });
      expect((await migrate(db.client, join(dir, 'one'), { owner: 'one' })).applied).toEqual(['20260101000000_same_name']);
      expect((await migrate(db.client, other, { owner: 'other' })).applied).toEqual(['20260101000000_same_name']);
      expect(await tableNames(db)).toEqual(expect.arrayContaining(['one_table', 'other_table']));
    });

    it('applies each migration exactly once when several processes start together', async () => {
      await writeMigrations(dir, {
        '20260101000000_a': 'CREATE TABLE race_a (id TEXT);',
        '20260102000000_b': 'CREATE TABLE race_b (id TEXT);',
        '20260103000000_c': 'CREATE TABLE race_c (id TEXT);',
      });
      const clients = Array.from({ length: 5 }, () => db.openAnotherClient());
      try {
        const results = await Promise.all(clients.map((client) => migrate(client, dir, { owner: 'race' })));
        expect(results.flatMap((result) => result.applied).sort()).toEqual(['20260101000000_a', '20260102000000_b', '20260103000000_c']);
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
      const { rows } = await db.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM kyc_schema_migrations WHERE owner = 'race'`);
      expect(rows).toEqual([{ n: 3 }]);
    });
  });
}
