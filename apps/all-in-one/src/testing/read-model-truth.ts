import type { Client } from 'pg';
import { expect } from 'vitest';

/** The read model equals the event store's truth: one row per session, at its stream's version. */
export async function expectRowsAtStreamVersions(db: Client, sessionIds: string[]): Promise<void> {
  const truth = await db.query(
    `SELECT stream_id, max(version) AS version FROM kyc_events WHERE stream_id = ANY($1) GROUP BY stream_id`,
    [sessionIds.map((id) => `session-${id}`)],
  );
  const rows = await db.query(`SELECT session_id, stream_version FROM session_views WHERE session_id = ANY($1)`, [sessionIds]);
  expect(rows.rows.map((r) => [`session-${r.session_id}`, Number(r.stream_version)]).sort()).toEqual(
    truth.rows.map((r) => [r.stream_id, Number(r.version)]).sort(),
  );
}
