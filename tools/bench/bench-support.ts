/** What the benches share: percentiles, the raw PostgreSQL INSERT baseline, and their result tables. */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

export interface Result {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
}

export interface Distribution {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function distributionOf(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

/**
 * The baseline: `connections` concurrent writers for `seconds`, each inserting one row per statement into a
 * throwaway table shaped like a small read-model row.
 */
export async function rawInsertBaseline(databaseUrl: string, options: { connections: number; seconds: number }): Promise<Result> {
  const pool = new Pool({ connectionString: databaseUrl, max: options.connections });
  const table = `bench_raw_${Date.now()}`;
  try {
    await pool.query(`CREATE TABLE ${table} (id uuid primary key, tenant_id uuid, data jsonb, created_at timestamptz default now())`);
    const latencies: number[] = [];
    const deadline = Date.now() + options.seconds * 1000;
    const tenant = randomUUID();
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (Date.now() < deadline) {
          const started = performance.now();
          await pool.query(`INSERT INTO ${table} (id, tenant_id, data) VALUES ($1, $2, $3)`, [randomUUID(), tenant, { status: 'active' }]);
          latencies.push(performance.now() - started);
        }
      }),
    );
    await pool.query(`DROP TABLE ${table}`);
    const { p50, p99, count } = distributionOf(latencies);
    return { name: `raw PostgreSQL INSERT (${options.connections} writers)`, perSecond: count / options.seconds, p50, p99, count };
  } finally {
    await pool.end();
  }
}

/** `perSecond` as a share of the baseline's rate, or n/a without a baseline. */
export function shareOf(perSecond: number, baseline: Result | undefined): string {
  return baseline ? `${((perSecond / baseline.perSecond) * 100).toFixed(1)} %` : 'n/a';
}

/** Milliseconds with one decimal, a dash when there was nothing to measure. */
export function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : '-';
}

/** A Markdown table; a column whose header ends with ':' is right-aligned (the colon is not printed). */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const right = headers.map((header) => header.endsWith(':'));
  console.log(`| ${headers.map((header, i) => (right[i] ? header.slice(0, -1) : header)).join(' | ')} |`);
  console.log(`| ${right.map((r) => (r ? '---:' : '---')).join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
