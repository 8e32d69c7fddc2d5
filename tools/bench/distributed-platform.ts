/**
 * The platform in its distributed shape for a bench run: a scratch database on the PostgreSQL server, the
 * session events topic with a chosen partition count, and each app as its own OS process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ServiceProcess } from '../../apps/all-in-one/src/testing/service-process';
import { ROOT_KEY } from '../../apps/all-in-one/src/testing/test-platform';

type AppName = ServiceProcess['app'];

interface DistributedApp {
  app: AppName;
  /**
   * Its variables beyond the shared ones; it answers GET /health/ready on `PORT` = `port(app)`. `port(name)` is a
   * free loopback port per name, the same for every app that asks, so one app can point at another's.
   */
  env(port: (name: string) => number): Record<string, string>;
}

/**
 * In start order: the first one migrates the schema and starts alone, the others then find it in place (and
 * the gateway is ready only once the session service answers its commands). They stop in the reverse order.
 */
export const DISTRIBUTED_APPS: readonly DistributedApp[] = [
  { app: 'session-service', env: (port) => ({ SESSION_COMMANDS_HOST: '127.0.0.1', SESSION_COMMANDS_PORT: String(port('session-commands')) }) },
  { app: 'gateway', env: (port) => ({ PUBLIC_BASE_URL: `http://127.0.0.1:${port('gateway')}`, SESSION_SERVICE_ADDRESS: `127.0.0.1:${port('session-commands')}` }) },
  { app: 'projections', env: () => ({}) },
  { app: 'event-relay', env: () => ({}) },
];

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Deletes the topic (if it exists) and creates it anew with `partitions` partitions, empty. */
export async function recreateTopic(brokers: string[], topic: string, partitions: number): Promise<void> {
  const admin = new Kafka({ clientId: 'kyc-bench-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
    // Deletion completes in the background; creation fails until it has.
    const deadline = Date.now() + 30_000;
    while ((await admin.listTopics()).includes(topic)) {
      if (Date.now() > deadline) throw new Error(`topic ${topic} was still being deleted after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { brokers: nodes } = await admin.describeCluster();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: Math.min(3, nodes.length) }], waitForLeaders: true });
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const created = topics.find((t) => t.name === topic)?.partitions.length;
    if (created !== partitions) throw new Error(`topic ${topic} has ${created} partitions, not ${partitions}`);
  } finally {
    await admin.disconnect();
  }
}

export interface DistributedPlatform {
  gatewayUrl: string;
  /** Every process's output so far, for a failure report. */
  logs(): string;
  /** SIGTERM to each (the first one last), SIGKILL to whichever has not ended after a while. */
  stop(): Promise<void>;
  /** SIGKILL to each. */
  kill(): Promise<void>;
}

/** Starts DISTRIBUTED_APPS on a database and brokers, each with its own port, and waits until each is ready. */
export async function startDistributedPlatform(options: { databaseUrl: string; kafkaBrokers: string }): Promise<DistributedPlatform> {
  const ports = await allocatePorts(DISTRIBUTED_APPS);
  const port = (name: string) => ports.get(name) as number;
  const dataDir = await mkdtemp(join(tmpdir(), 'kyc-bench-'));
  const shared = {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers,
    KYC_MASTER_KEY: randomBytes(32).toString('base64'),
    KYC_URL_SIGNING_SECRET: randomBytes(32).toString('base64'),
    KYC_ROOT_API_KEY: ROOT_KEY,
    KYC_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // The read model's feed under test: the event store (default) or the session events topic.
    ...(process.env.PROJECTION_SOURCE ? { PROJECTION_SOURCE: process.env.PROJECTION_SOURCE } : {}),
  };
  const processes = DISTRIBUTED_APPS.map(
    ({ app, env }) => new ServiceProcess(app, { ...shared, PORT: String(port(app)), ...env(port) }),
  );
  const platform: DistributedPlatform = {
    gatewayUrl: `http://127.0.0.1:${port('gateway')}`,
    logs: () => processes.map((p) => `--- ${p.app}\n${p.log}`).join('\n'),
    async stop() {
      const [first, ...rest] = processes;
      await Promise.all(rest.map(stopOrKill));
      await stopOrKill(first);
      await rm(dataDir, { recursive: true, force: true });
    },
    async kill() {
      await Promise.all(processes.map((p) => p.kill()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    const [first, ...rest] = processes;
    first.start();
    await untilReady(first, port(first.app));
    for (const p of rest) p.start();
    await Promise.all(rest.map((p) => untilReady(p, port(p.app))));
    return platform;
  } catch (error) {
    await platform.kill();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${platform.logs()}`);
  }
}

async function stopOrKill(service: ServiceProcess): Promise<void> {
  const timer = setTimeout(() => void service.kill(), STOP_TIMEOUT_MS);
  await service.stop();
  clearTimeout(timer);
}

/** One free port for each app and for each other name an app's env asks for. */
async function allocatePorts(apps: readonly DistributedApp[]): Promise<Map<string, number>> {
  const names = new Set<string>(apps.map(({ app }) => app));
  for (const { env } of apps) {
    env((name) => {
      names.add(name);
      return 0;
    });
  }
  const ports = new Map<string, number>();
  for (const name of names) ports.set(name, await freePort(new Set(ports.values())));
  return ports;
}

async function freePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (!taken.has(port)) return port;
  }
}

async function untilReady(service: ServiceProcess, port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${service.app} was not ready on port ${port} after ${READY_TIMEOUT_MS / 1000} s (last answer: ${status || 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
