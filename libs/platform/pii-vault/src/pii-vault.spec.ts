import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from '@kyc/database';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DataKeyMissingError,
  DataKeyUnwrapError,
  PII_VAULT_MIGRATIONS_DIR,
  PiiIntegrityError,
  PiiVault,
  SubjectErasedError,
  type JsonValue,
  type SealedValue,
} from './index';

interface TestDatabase {
  client: SqlClient;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(sql: string): Promise<void>;
  dispose(): Promise<void>;
}

function pgliteDatabase(): TestDatabase {
  const db = new PGlite();
  const queryable = (target: Pick<PGlite, 'query'>): SqlQueryable => ({
    query: async <R>(sql: string, params?: unknown[]) => ({
      rows: (await target.query<R>(sql, params)).rows,
    }),
  });
  return {
    client: {
      kind: 'pglite',
      ...queryable(db),
      transaction: (work) => db.transaction((tx) => work(queryable(tx))),
      close: () => db.close(),
    },
    execScript: async (sql) => {
      await db.exec(sql);
    },
    dispose: () => db.close(),
  };
}

/** A PostgreSQL schema of its own, so that test files running in parallel never see each other's rows. */
async function postgresDatabase(url: string): Promise<TestDatabase> {
  const schema = `pii_vault_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const queryable = (target: pg.Pool | pg.PoolClient): SqlQueryable => ({
    query: async <R>(sql: string, params?: unknown[]) => ({
      rows: (await target.query(sql, params)).rows as R[],
    }),
  });
  return {
    client: {
      kind: 'postgres',
      ...queryable(pool),
      transaction: async (work) => {
        const connection = await pool.connect();
        try {
          await connection.query('BEGIN');
          const result = await work(queryable(connection));
          await connection.query('COMMIT');
          return result;
        } catch (error) {
          await connection.query('ROLLBACK');
          throw error;
        } finally {
          connection.release();
        }
      },
      close: () => pool.end(),
    },
    execScript: async (sql) => {
      await pool.query(sql);
    },
    dispose: async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function applyMigrations(db: TestDatabase): Promise<void> {
  for (const folder of readdirSync(PII_VAULT_MIGRATIONS_DIR).sort()) {
    await db.execScript(readFileSync(join(PII_VAULT_MIGRATIONS_DIR, folder, 'migration.sql'), 'utf8'));
  }
}

/** Counts round trips, to check what the vault promises about key lookups. */
function countingClient(inner: SqlClient): SqlClient & { queries: string[] } {
  const queries: string[] = [];
  return {
    kind: inner.kind,
    queries,
    query: (sql, params) => {
      queries.push(sql);
      return inner.query(sql, params);
    },
    transaction: (work) => inner.transaction(work),
    close: () => inner.close(),
  };
}

const newMasterKey = () => randomBytes(32).toString('base64');

const backends: Array<[string, () => Promise<TestDatabase>]> = [['PGlite', async () => pgliteDatabase()]];
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) backends.push(['PostgreSQL', () => postgresDatabase(databaseUrl)]);

describe.each(backends)('PiiVault on %s', (_name, openDatabase) => {
  let db: TestDatabase;
  let masterKey: string;
  let vault: PiiVault;

  // One database per backend; every test works on fresh random subject ids, so tests do not interfere.
  beforeAll(async () => {
    db = await openDatabase();
    await applyMigrations(db);
  });

  afterAll(async () => {
    await db.dispose();
  });

  beforeEach(() => {
    masterKey = newMasterKey();
    vault = new PiiVault(db.client, { masterKey });
  });

  const keyRow = async (subjectId: string) =>
    (
      await db.client.query<{ wrapped_key: Uint8Array | null; destroyed_at: Date | string | null }>(
        'SELECT wrapped_key, destroyed_at FROM kyc_data_keys WHERE subject_id = $1',
        [subjectId],
      )
    ).rows[0];

  it('seals and unseals JSON values of every shape', async () => {
    const subject = randomUUID();
    const values: JsonValue[] = [
      'Alice Liddell',
      { full_name: 'José Ñúñez 山田', date_of_birth: '1990-01-31', tags: ['a', 1, true, null] },
      [1, 2.5, -3],
      null,
      0,
      false,
      '',
    ];
    for (const value of values) {
      const sealed = await vault.seal(subject, value);
      expect(sealed.$pii.startsWith('v1.')).toBe(true);
      expect(await vault.unseal(subject, sealed)).toEqual(value);
    }
  });

  it('uses a fresh IV for every seal, so equal values do not give equal ciphertexts', async () => {
    const subject = randomUUID();
    const first = await vault.seal(subject, 'same');
    const second = await vault.seal(subject, 'same');
    expect(first.$pii).not.toBe(second.$pii);
  });

  it('creates the data key lazily, once, and stores it wrapped', async () => {
    const subject = randomUUID();
    expect(await keyRow(subject)).toBeUndefined();
    const sealed = await vault.seal(subject, 'x');
    await vault.seal(subject, 'y');
    const { rows } = await db.client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM kyc_data_keys WHERE subject_id = $1',
      [subject],
    );
    expect(rows[0].n).toBe(1);
    const row = await keyRow(subject);
    // iv (12) | tag (16) | wrapped 32-byte key
    expect(Buffer.from(row.wrapped_key ?? []).length).toBe(60);
    expect(row.destroyed_at).toBeNull();
    // A new instance (cold cache) unwraps the stored key with the same master key.
    expect(await new PiiVault(db.client, { masterKey }).unseal(subject, sealed)).toBe('x');
  });

  it('detects a flipped byte anywhere in the sealed blob', async () => {
    const subject = randomUUID();
    const sealed = await vault.seal(subject, { full_name: 'Alice Liddell' });
    const blob = Buffer.from(sealed.$pii.slice(3), 'base64');
    for (const position of [0, 12, 28, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[position] ^= 0x01;
      await expect(
        vault.unseal(subject, { $pii: `v1.${tampered.toString('base64')}` }),
      ).rejects.toBeInstanceOf(PiiIntegrityError);
    }
  });

  it('rejects malformed markers', async () => {
    const subject = randomUUID();
    await vault.seal(subject, 'x');
    for (const bad of ['v2.AAAA', 'v1.not base64!', 'v1.', 'v1.AAAA']) {
      await expect(vault.unseal(subject, { $pii: bad })).rejects.toBeInstanceOf(PiiIntegrityError);
    }
  });

  it('binds a sealed blob to its subject: a blob of A does not open under B', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const sealed = await vault.seal(a, 'Alice Liddell');
    await vault.seal(b, 'Bob');
    await expect(vault.unseal(b, sealed)).rejects.toBeInstanceOf(PiiIntegrityError);
    // Moving A's wrapped key into B's row does not help either: the wrapping is bound to the subject too.
    await db.client.query(
      'UPDATE kyc_data_keys SET wrapped_key = (SELECT wrapped_key FROM kyc_data_keys WHERE subject_id = $1) WHERE subject_id = $2',
      [a, b],
    );
    await expect(new PiiVault(db.client, { masterKey }).unseal(b, sealed)).rejects.toBeInstanceOf(
      DataKeyUnwrapError,
    );
  });

  it('fails with a wrong master key', async () => {
    const subject = randomUUID();
    const sealed = await vault.seal(subject, 'Alice Liddell');
    const other = new PiiVault(db.client, { masterKey: newMasterKey() });
    await expect(other.unseal(subject, sealed)).rejects.toBeInstanceOf(DataKeyUnwrapError);
    await expect(other.seal(subject, 'more')).rejects.toBeInstanceOf(DataKeyUnwrapError);
  });

  it('refuses to read a subject that never had a key', async () => {
    const sealed = await vault.seal(randomUUID(), 'x');
    await expect(vault.unseal(randomUUID(), sealed)).rejects.toBeInstanceOf(DataKeyMissingError);
  });

  it('crypto-shreds: after destroyKey the data reads as erased and no key material is left', async () => {
    const subject = randomUUID();
    const sealed = await vault.seal(subject, { full_name: 'Alice Liddell' });
    const event = await vault.sealKeys(
      subject,
      { type: 'FormSaved', step_id: 'personal_info', values: { a: 1 } },
      ['values'],
    );
    const wrappedBefore = Buffer.from((await keyRow(subject)).wrapped_key ?? []);
    expect(await vault.unseal(subject, sealed)).toEqual({ full_name: 'Alice Liddell' }); // warms the cache

    await vault.destroyKey(subject);

    expect(await vault.unseal(subject, sealed)).toEqual({ $erased: true });
    expect(await vault.unsealDeep(subject, event)).toEqual({
      type: 'FormSaved',
      step_id: 'personal_info',
      values: { $erased: true },
    });
    expect(await new PiiVault(db.client, { masterKey }).unseal(subject, sealed)).toEqual({ $erased: true });

    const row = await keyRow(subject);
    expect(row.wrapped_key).toBeNull();
    expect(row.destroyed_at).not.toBeNull();
    const { rows } = await db.client.query<{ dump: string }>(
      "SELECT encode(convert_to(t::text, 'UTF8'), 'hex') AS dump FROM kyc_data_keys t WHERE subject_id = $1",
      [subject],
    );
    expect(rows[0].dump).not.toContain(wrappedBefore.toString('hex'));
    expect(rows[0].dump).not.toContain(wrappedBefore.subarray(28).toString('hex'));
  });

  it('refuses to seal for a destroyed subject, from any instance, and destroyKey is idempotent', async () => {
    const subject = randomUUID();
    await vault.seal(subject, 'x');
    await vault.destroyKey(subject);
    await vault.destroyKey(subject);
    await expect(vault.seal(subject, 'y')).rejects.toBeInstanceOf(SubjectErasedError);
    await expect(new PiiVault(db.client, { masterKey }).seal(subject, 'y')).rejects.toBeInstanceOf(
      SubjectErasedError,
    );
  });

  it('leaves a tombstone for a subject erased before anything was sealed', async () => {
    const subject = randomUUID();
    await vault.destroyKey(subject);
    await expect(new PiiVault(db.client, { masterKey }).seal(subject, 'late')).rejects.toBeInstanceOf(
      SubjectErasedError,
    );
  });

  it('stores no plaintext: the stored bytes do not contain a known name', async () => {
    const subject = randomUUID();
    const name = 'Wilhelmina Oyelaran-Castellanos';
    await db.client.query(
      'CREATE TABLE IF NOT EXISTS test_events (id serial PRIMARY KEY, data jsonb NOT NULL)',
    );
    const payload = await vault.sealKeys(
      subject,
      {
        type: 'SessionCreated',
        metadata: { full_name: name },
        values: { email: 'w.o@example.org' },
        priority: 'high',
      },
      ['metadata', 'values'],
    );
    const { rows } = await db.client.query<{ raw: Uint8Array }>(
      "INSERT INTO test_events (data) VALUES ($1) RETURNING convert_to(data::text, 'UTF8') AS raw",
      [JSON.stringify(payload)],
    );
    const stored = Buffer.from(rows[0].raw);
    expect(stored.includes(Buffer.from('SessionCreated'))).toBe(true); // the search does find clear text
    expect(stored.includes(Buffer.from(name))).toBe(false);
    expect(stored.includes(Buffer.from('Wilhelmina'))).toBe(false);
    expect(stored.includes(Buffer.from('w.o@example.org'))).toBe(false);
    const ciphertext = Buffer.from((payload.metadata as SealedValue).$pii.slice(3), 'base64');
    expect(ciphertext.includes(Buffer.from('Wilhelmina'))).toBe(false);
  });

  it('seals only the given top-level keys and unseals markers at any depth', async () => {
    const subject = randomUUID();
    const input = {
      type: 'X',
      metadata: { name: 'A' },
      values: ['b', { c: 1 }],
      notes: 'n',
      absent: undefined,
    };
    const sealed = await vault.sealKeys(subject, input, ['metadata', 'values', 'absent']);
    expect(sealed.type).toBe('X');
    expect(sealed.notes).toBe('n');
    expect(sealed.absent).toBeUndefined();
    expect(Object.keys(sealed.metadata)).toEqual(['$pii']);
    expect(Object.keys(sealed.values)).toEqual(['$pii']);
    // Sealing again is a no-op for values that are already sealed.
    expect(await vault.sealKeys(subject, sealed, ['metadata'])).toEqual(sealed);

    const nested: JsonValue = { outer: [{ deep: await vault.seal(subject, 'Alice') }], top: sealed.metadata };
    expect(await vault.decryptFields(subject, nested)).toEqual({
      outer: [{ deep: 'Alice' }],
      top: { name: 'A' },
    });
    const { absent: _absent, ...json } = input;
    expect(await vault.unsealDeep(subject, JSON.parse(JSON.stringify(sealed)))).toEqual(json);
  });

  it('unseals a whole stream with one key lookup and shares lookups between concurrent readers', async () => {
    const subject = randomUUID();
    const events: JsonValue[] = [];
    for (let version = 1; version <= 40; version++) {
      events.push(
        await vault.encryptFields(subject, { version, values: { n: `name ${version}` } }, ['values']),
      );
    }
    events.push({ version: 41, values: null });

    const counting = countingClient(db.client);
    const cold = new PiiVault(counting, { masterKey });
    const read = await cold.unsealMany(subject, events);
    expect(read[0]).toEqual({ version: 1, values: { n: 'name 1' } });
    expect(read[39]).toEqual({ version: 40, values: { n: 'name 40' } });
    expect(read[40]).toEqual({ version: 41, values: null });
    expect(counting.queries).toHaveLength(1);

    const other = randomUUID();
    const marker = await vault.seal(other, 'concurrent');
    counting.queries.length = 0;
    const results = await Promise.all(Array.from({ length: 10 }, () => cold.unseal(other, marker)));
    expect(results).toEqual(Array(10).fill('concurrent'));
    expect(counting.queries).toHaveLength(1);
  });

  it('preloads the keys of many subjects in one query, leaving unknown and erased ones to the reads that need them', async () => {
    const subjects = Array.from({ length: 5 }, () => randomUUID());
    const markers = await Promise.all(subjects.map((subject) => vault.seal(subject, `value of ${subject}`)));
    const erased = randomUUID();
    const erasedMarker = await vault.seal(erased, 'gone');
    await vault.destroyKey(erased);
    const unknown = randomUUID();

    const counting = countingClient(db.client);
    const cold = new PiiVault(counting, { masterKey });
    await cold.preload([...subjects, subjects[0], erased, unknown]);
    expect(counting.queries).toHaveLength(1);

    expect(await Promise.all(subjects.map((subject, i) => cold.unseal(subject, markers[i])))).toEqual(
      subjects.map((subject) => `value of ${subject}`),
    );
    expect(await cold.unseal(erased, erasedMarker)).toEqual({ $erased: true });
    expect(counting.queries).toHaveLength(1);
    await expect(cold.unseal(unknown, markers[0])).rejects.toThrow(DataKeyMissingError);
    await cold.preload(subjects);
    expect(counting.queries).toHaveLength(2);
  });

  it('reads values with no markers without touching the key table', async () => {
    const counting = countingClient(db.client);
    const cold = new PiiVault(counting, { masterKey });
    expect(await cold.unsealMany(randomUUID(), [{ a: 1 }, ['b']])).toEqual([{ a: 1 }, ['b']]);
    expect(counting.queries).toHaveLength(0);
  });

  it('agrees on one key when two instances seal a new subject at the same time', async () => {
    const subject = randomUUID();
    const one = new PiiVault(db.client, { masterKey });
    const two = new PiiVault(db.client, { masterKey });
    const [a, b] = await Promise.all([one.seal(subject, 'from one'), two.seal(subject, 'from two')]);
    const third = new PiiVault(db.client, { masterKey });
    expect(await third.unseal(subject, a)).toBe('from one');
    expect(await third.unseal(subject, b)).toBe('from two');
  });

  it('sees a key destroyed by another instance once its cache entry expires', async () => {
    const subject = randomUUID();
    const reader = new PiiVault(db.client, { masterKey, cacheTtlMs: 0 });
    const sealed = await vault.seal(subject, 'x');
    expect(await reader.unseal(subject, sealed)).toBe('x');
    await vault.destroyKey(subject);
    expect(await reader.unseal(subject, sealed)).toEqual({ $erased: true });
  });

  it('rejects a master key that is not 32 bytes of base64', () => {
    for (const bad of ['', 'short', randomBytes(16).toString('base64'), randomBytes(32).toString('hex')]) {
      expect(() => new PiiVault(db.client, { masterKey: bad })).toThrow(/exactly 32 bytes/);
    }
    expect(() => new PiiVault(db.client, { masterKey: randomBytes(31) })).toThrow(/exactly 32 bytes/);
    expect(() => new PiiVault(db.client, { masterKey: randomBytes(32) })).not.toThrow();
  });
});
