/**
 * `npm run bench`: session creation through the REST API (embedded PGlite, and PostgreSQL when DATABASE_URL
 * is set) against the same machine's raw single-row INSERT rate into PostgreSQL, measured in the same run.
 * Prints throughput, p50/p99 latency and the ratio to the baseline. The baseline uses as many concurrent
 * writers as the HTTP load has connections.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ApiClient } from '../../apps/all-in-one/src/testing/api-client';
import { BASIC_WORKFLOW, tenantClient } from '../../apps/all-in-one/src/testing/fixtures';
import { startTestPlatform } from '../../apps/all-in-one/src/testing/test-platform';
import { ms, printTable, rawInsertBaseline, shareOf, type Result } from './bench-support';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

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
  const baseline = databaseUrl ? await rawInsertBaseline(databaseUrl, { connections: CONNECTIONS, seconds: DURATION_S }) : undefined;
  if (baseline) results.push(baseline);
  else console.log('DATABASE_URL is not set: no PostgreSQL baseline and no PostgreSQL run (tools/services/postgres.sh starts one).');
  results.push(...(await createSessionLoad('embedded PGlite', { DATABASE_URL: '' })));
  if (databaseUrl) results.push(...(await createSessionLoad('PostgreSQL', {})));

  console.log(`\n${CONNECTIONS} concurrent clients, ${DURATION_S} s each\n`);
  printTable(
    ['run', 'per second:', 'p50 ms:', 'p99 ms:', 'vs raw INSERT:'],
    results.map((r) => [r.name, r.perSecond.toFixed(0), ms(r.p50), ms(r.p99), shareOf(r.perSecond, baseline)]),
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
