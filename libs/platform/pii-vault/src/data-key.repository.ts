import type { SqlQueryable } from '@kyc/database';

export type StoredDataKey = { state: 'active'; wrappedKey: Buffer } | { state: 'destroyed' };

interface KeyRow {
  wrapped_key: Uint8Array | null;
  destroyed_at: unknown;
}

function storedKeyOf(row: KeyRow): StoredDataKey {
  if (row.destroyed_at !== null || row.wrapped_key === null) return { state: 'destroyed' };
  return { state: 'active', wrappedKey: Buffer.from(row.wrapped_key) };
}

/** SQL for the `kyc_data_keys` table (see the migrations folder). */
export class DataKeyRepository {
  constructor(private readonly db: SqlQueryable) {}

  async find(subjectId: string): Promise<StoredDataKey | undefined> {
    const { rows } = await this.db.query<KeyRow>('SELECT wrapped_key, destroyed_at FROM kyc_data_keys WHERE subject_id = $1', [
      subjectId,
    ]);
    return rows[0] && storedKeyOf(rows[0]);
  }

  /** The stored keys of these subjects, in one query; subjects without a row are absent from the map. */
  async findMany(subjectIds: readonly string[]): Promise<Map<string, StoredDataKey>> {
    const { rows } = await this.db.query<KeyRow & { subject_id: string }>(
      'SELECT subject_id, wrapped_key, destroyed_at FROM kyc_data_keys WHERE subject_id = ANY($1::text[])',
      [[...subjectIds]],
    );
    return new Map(rows.map((row) => [row.subject_id, storedKeyOf(row)]));
  }

  /** Inserts a new key unless the subject already has a row (a concurrent creator or a tombstone); returns whether it did. */
  async insertIfAbsent(subjectId: string, wrappedKey: Buffer): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO kyc_data_keys (subject_id, wrapped_key) VALUES ($1, $2)
       ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id`,
      [subjectId, wrappedKey],
    );
    return rows.length === 1;
  }

  /**
   * Replaces the subject's key with a tombstone, or writes a tombstone when it never had a key, so that a late
   * writer cannot create a fresh key for an erased subject.
   */
  async destroy(subjectId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO kyc_data_keys (subject_id, wrapped_key, destroyed_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject_id) DO UPDATE
         SET wrapped_key = NULL, destroyed_at = COALESCE(kyc_data_keys.destroyed_at, EXCLUDED.destroyed_at)`,
      [subjectId],
    );
  }
}
