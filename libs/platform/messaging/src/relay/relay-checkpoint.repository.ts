import type { SqlQueryable } from '@kyc/database';

/** Durable relay positions (table `kyc_relay_checkpoints`). Positions travel as text: BIGINT outgrows a JS number. */
export class RelayCheckpointRepository {
  constructor(private readonly sql: SqlQueryable) {}

  /** The saved position of relay `name`, or 0n (the start of the log) when it never saved one. */
  async load(name: string): Promise<bigint> {
    const { rows } = await this.sql.query<{ position: string }>(
      'SELECT position::text AS position FROM kyc_relay_checkpoints WHERE name = $1',
      [name],
    );
    return rows.length === 0 ? 0n : BigInt(rows[0].position);
  }

  /** Moves the checkpoint forward; never back, so a slower writer cannot undo a faster one. */
  async save(name: string, position: bigint): Promise<void> {
    await this.sql.query(
      `INSERT INTO kyc_relay_checkpoints (name, position, updated_at) VALUES ($1, $2::bigint, now())
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at
       WHERE kyc_relay_checkpoints.position < EXCLUDED.position`,
      [name, position.toString()],
    );
  }
}
