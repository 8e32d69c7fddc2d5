import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { expect } from 'vitest';
import { eventually } from './assertions';
import { ServiceProcess } from './service-process';
import { freePort, ROOT_KEY } from './test-platform';

export interface DistributedStackOptions {
  /** PostgreSQL server URL; each stack gets its own scratch database on it. */
  serverUrl: string;
  /** Brokers for the event relay; without them no relay runs. */
  kafkaBrokers?: string;
  /** Extra variables for every process. */
  env?: Record<string, string>;
  /** Also run the validation service (ongoing list monitoring; needs kafkaBrokers); it loads the configured lists at start. */
  validationService?: boolean;
  /** Also run the processing service (needs kafkaBrokers); it starts the document engines at start. */
  processingService?: boolean;
}

export interface DistributedStack {
  /** The gateway's base URL. */
  baseUrl: string;
  /** A client on the stack's own database (the event store and read model tables). */
  db: Client;
  sessionService: ServiceProcess;
  gateway: ServiceProcess;
  projections: ServiceProcess;
  eventRelay: ServiceProcess | undefined;
  notificationService: ServiceProcess | undefined;
  validationService: ServiceProcess | undefined;
  processingService: ServiceProcess | undefined;
  /** Health ports of the processes other than the gateway (which answers on its API port). */
  healthPorts: { sessionService: number; projections: number; eventRelay: number; notificationService: number; validationService: number; processingService: number };
  /** Waits until the process answers /health/ready on its port. */
  waitReady(port: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function waitReady(port: number, timeoutMs = 60_000): Promise<void> {
  await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), timeoutMs);
}

/**
 * The platform as an operator runs it distributed: the session service, the gateway (forwarding commands to
 * it over TCP), the projections, with Kafka the event relay and the notification service, and on request the
 * validation and processing services, each its own OS process, on a scratch
 * database of a real PostgreSQL server.
 */
export async function startDistributedStack(options: DistributedStackOptions): Promise<DistributedStack> {
  const dbName = `kyc_e2e_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: options.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(options.serverUrl);
  url.pathname = `/${dbName}`;

  const apiPort = await freePort();
  const commandsPort = await freePort();
  const healthPorts = {
    sessionService: await freePort(),
    projections: await freePort(),
    eventRelay: await freePort(),
    notificationService: await freePort(),
    validationService: await freePort(),
    processingService: await freePort(),
  };
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const env = {
    DATABASE_URL: url.toString(),
    KYC_MASTER_KEY: randomBytes(32).toString('base64'),
    KYC_URL_SIGNING_SECRET: randomBytes(32).toString('base64'),
    KYC_ROOT_API_KEY: ROOT_KEY,
    PUBLIC_BASE_URL: baseUrl,
    SESSION_EXPIRY_SWEEP_SECONDS: '1',
    SESSION_COMMANDS_HOST: '127.0.0.1',
    SESSION_COMMANDS_PORT: String(commandsPort),
    SESSION_SERVICE_ADDRESS: `127.0.0.1:${commandsPort}`,
    ...(options.kafkaBrokers ? { KAFKA_BROKERS: options.kafkaBrokers } : {}),
    ...options.env,
  };

  // The session service migrates the schema first; the others then find it in place.
  const sessionService = new ServiceProcess('session-service', { ...env, PORT: String(healthPorts.sessionService) });
  sessionService.start();
  await waitReady(healthPorts.sessionService);
  const gateway = new ServiceProcess('gateway', { ...env, PORT: String(apiPort) });
  const projections = new ServiceProcess('projections', { ...env, PORT: String(healthPorts.projections) });
  const eventRelay = options.kafkaBrokers ? new ServiceProcess('event-relay', { ...env, PORT: String(healthPorts.eventRelay) }) : undefined;
  const notificationService = options.kafkaBrokers
    ? new ServiceProcess('notification-service', { ...env, PORT: String(healthPorts.notificationService) })
    : undefined;
  const validationService = options.validationService
    ? new ServiceProcess('validation-service', { ...env, PORT: String(healthPorts.validationService) })
    : undefined;
  const processingService =
    options.processingService && options.kafkaBrokers
      ? new ServiceProcess('processing-service', { ...env, PORT: String(healthPorts.processingService) })
      : undefined;
  const services = [gateway, projections, eventRelay, notificationService, validationService, processingService];
  for (const service of services) service?.start();
  await waitReady(apiPort);

  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  return {
    baseUrl,
    db,
    sessionService,
    gateway,
    projections,
    eventRelay,
    notificationService,
    validationService,
    processingService,
    healthPorts,
    waitReady,
    async stop() {
      await Promise.all(services.map((service) => service?.stop()));
      await sessionService.stop();
      await db.end();
      const cleanup = new Client({ connectionString: options.serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
