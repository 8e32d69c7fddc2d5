import { existsSync } from 'node:fs';

/**
 * Where the tests' PostgreSQL comes from, decided once per run: DATABASE_URL when set (CI starts a server from
 * Debian's packages); else a throwaway container when a Docker engine is reachable; else none, and the suites
 * run on embedded PGlite only. Every suite logs which database it used.
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.DATABASE_URL) {
    console.log('[test database] PostgreSQL from DATABASE_URL');
    return;
  }
  if (!dockerEngineReachable()) {
    console.log('[test database] no DATABASE_URL and no Docker engine: PostgreSQL suites use embedded PGlite only');
    return;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:17').withUsername('kyc').withPassword('kyc').withDatabase('kyc').start();
  // Test workers start after this and inherit it.
  process.env.DATABASE_URL = container.getConnectionUri();
  console.log('[test database] PostgreSQL in a container started with testcontainers');
  return async () => {
    await container.stop();
  };
}

function dockerEngineReachable(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}
