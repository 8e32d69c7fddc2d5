/** The HTTP part of `npm run bench:screening`: GET /kyc/screening/search on the embedded platform. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tenantClient } from '../../apps/all-in-one/src/testing/fixtures';
import { startTestPlatform } from '../../apps/all-in-one/src/testing/test-platform';
import type { Result } from './bench-support';

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

async function load(url: string, key: string, seconds: number, connections: number, rate: number): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', require.resolve('./screening-http-load.ts'), url, key, String(seconds), String(connections), String(rate)],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as LoadResult;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

const asResult = (name: string, run: LoadResult): Result => ({
  name,
  perSecond: run.requests.average,
  p50: run.latency.p50,
  p99: run.latency.p99,
  count: run.requests.total,
});

/**
 * GET /health (the ceiling of the HTTP stack on this machine), then the search at a fixed 200 requests/s, then
 * as fast as 10 connections go. The lists are loaded before the clock starts.
 */
export async function screeningHttpResults(seconds: number): Promise<Result[]> {
  const platform = await startTestPlatform({ env: { DATABASE_URL: '' } });
  try {
    const { api } = await tenantClient(platform.url);
    const key = api.key as string;
    await platform.screening.catalog.lists();
    await load(`${platform.url}/kyc/screening/search?name=warm`, key, 2, 4, 0);
    return [
      asResult('HTTP: GET /health (ceiling)', await load(`${platform.url}/health`, key, seconds, 10, 0)),
      asResult('HTTP: search at 200 requests/s offered', await load(platform.url, key, seconds, 10, 200)),
      asResult('HTTP: search, 10 connections flat out', await load(platform.url, key, seconds, 10, 0)),
    ];
  } finally {
    await platform.close();
  }
}
