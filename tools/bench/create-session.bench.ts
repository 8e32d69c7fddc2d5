/**
 * `npm run bench`: session creation through the REST API (embedded PGlite, and PostgreSQL when DATABASE_URL
 * is set) against the same machine's raw single-row INSERT rate into PostgreSQL, measured in the same run.
 * Prints throughput, p50/p99 latency and the ratio to the baseline. The baseline uses as many concurrent
 * writers as the HTTP load has connections.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ApiClient } from '../../apps/all-in-one/src/testing/api-client';
import { BASIC_WORKFLOW, tenantClient } from '../../apps/all-in-one/src/testing/fixtures';
import { startTestPlatform } from '../../apps/all-in-one/src/testing/test-platform';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Result {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The baseline: as many concurrent writers as the HTTP load, each inserting one row per statement. */
async function rawInsertBaseline(databaseUrl: string): Promise<Result> {
  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  const table = `bench_raw_${Date.now()}`;
  await pool.query(`CREATE TABLE ${table} (id uuid primary key, tenant_id uuid, data jsonb, created_at timestamptz default now())`);
  const latencies: number[] = [];
  const deadline = Date.now() + DURATION_S * 1000;
  const tenant = randomUUID();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        await pool.query(`INSERT INTO ${table} (id, tenant_id, data) VALUES ($1, $2, $3)`, [randomUUID(), tenant, { status: 'active' }]);
        latencies.push(performance.now() - started);
      }
    }),
  );
  await pool.query(`DROP TABLE ${table}`);
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { name: 'raw PostgreSQL INSERT', perSecond: latencies.length / DURATION_S, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length };
}

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

/** The load generator runs in its own process, so it does not compete with the server for its event loop. */
async function loadFromAnotherProcess(url: string, key: string, body?: unknown): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      require.resolve('autocannon/autocannon.js'),
      '--json',
      '-c', String(CONNECTIONS),
      '-d', String(DURATION_S),
      '-H', `authorization=Bearer ${key}`,
      ...(body === undefined ? [] : ['-m', 'POST', '-H', 'content-type=application/json', '-b', JSON.stringify(body)]),
      url,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LoadResult;
}

/** Session creation, and the same server's GET /health as the ceiling the HTTP stack allows on this machine. */
async function createSessionLoad(name: string, env: Record<string, string>): Promise<Result[]> {
  const platform = await startTestPlatform({ env });
  try {
    const { api } = await tenantClient(platform.url);
    const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    const key = api.key as string;
    const ceiling = await loadFromAnotherProcess(`${platform.url}/health`, key);
    const run = await loadFromAnotherProcess(`${platform.url}/kyc/sessions`, key, {
      workflow_id: workflow.body.data.workflow_id,
      metadata: { user_email: 'bench@example.com' },
    });
    const created = await new ApiClient(platform.url, key).get('/kyc/sessions?limit=1&include_summary=true');
    if (run.non2xx > 0 || run.errors > 0) throw new Error(`${name}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
    return [
      { name: `${name}: GET /health`, perSecond: ceiling.requests.average, p50: ceiling.latency.p50, p99: ceiling.latency.p99, count: ceiling.requests.total },
      {
        name: `${name}: POST /kyc/sessions (${created.body.data.summary.total} sessions listed)`,
        perSecond: run.requests.average,
        p50: run.latency.p50,
        p99: run.latency.p99,
        count: run.requests.total,
      },
    ];
  } finally {
    await platform.close();
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) results.push(await rawInsertBaseline(databaseUrl));
  else console.log('DATABASE_URL is not set: no PostgreSQL baseline and no PostgreSQL run (tools/services/postgres.sh starts one).');
  results.push(...(await createSessionLoad('embedded PGlite', { DATABASE_URL: '' })));
  if (databaseUrl) results.push(...(await createSessionLoad('PostgreSQL', {})));

  const baseline = databaseUrl ? results[0].perSecond : undefined;
  console.log(`\n${CONNECTIONS} concurrent clients, ${DURATION_S} s each\n`);
  console.log('| run | per second | p50 ms | p99 ms | vs raw INSERT |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const ratio = baseline ? `${((r.perSecond / baseline) * 100).toFixed(1)} %` : 'n/a';
    console.log(`| ${r.name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${ratio} |`);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
