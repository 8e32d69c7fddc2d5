import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '@kyc/config';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../platform';

export const ROOT_KEY = 'root_test_key_0123456789abcdef0123456789';

export interface TestPlatform extends RunningPlatform {
  /** Which database the platform runs on, for the test log. */
  describeDatabase: string;
  dataDir: string;
  close(): Promise<void>;
}

/** A TCP port nothing listens on right now, on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway database on the server DATABASE_URL names, so parallel test files never share state. */
async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kyc_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Starts the platform as `npm start` does, on a free loopback port: on a scratch database of the PostgreSQL
 * server named by DATABASE_URL when set, on embedded PGlite otherwise (or when `env` sets DATABASE_URL to '').
 */
export interface TestPlatformOptions {
  env?: Record<string, string>;
  /** Reuse a data folder (restart tests); it is then left in place on close. */
  dataDir?: string;
  clock?: () => Date;
  webhookRetrySchedule?: PlatformOptions['webhookRetrySchedule'];
  /** Off unless a test is about ongoing monitoring: it loads every list at start. */
  listMonitoring?: boolean;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const env = options.env ?? {};
  const existingDataDir = options.dataDir;
  const dataDir = existingDataDir ?? (await mkdtemp(join(tmpdir(), 'kyc-test-')));
  const scratch = process.env.DATABASE_URL && !('DATABASE_URL' in env) ? await createScratchDatabase(process.env.DATABASE_URL) : null;
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    KYC_ROOT_API_KEY: ROOT_KEY,
    KYC_DATA_DIR: dataDir,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'error',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...env,
  });
  const platform = await startPlatform(config, {
    logger: false,
    host: '127.0.0.1',
    clock: options.clock,
    webhookRetrySchedule: options.webhookRetrySchedule,
    listMonitoring: options.listMonitoring ?? false,
  });
  const describeDatabase = platform.database === 'postgres' ? 'PostgreSQL server (DATABASE_URL)' : 'embedded PGlite';
  return {
    ...platform,
    describeDatabase,
    dataDir,
    async close() {
      await platform.stop();
      await scratch?.drop();
      if (!existingDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
