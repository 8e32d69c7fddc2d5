import { Logger, type LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@kyc/config';
import type { SqlClient } from '@kyc/database';
import type { EventStore } from '@kyc/event-store';
import { EventRelay, InProcessMessageBus, type MessageBus } from '@kyc/messaging';
import { startWebhookNotifications, type RetrySchedule, type RunningWebhookNotifications } from '@kyc/notification';
import { ExpirySweeper, ReadModelProjection, SessionRowConsistency, SessionTopicProjection, type ReadModelClient } from '@kyc/read-model';
import {
  openInfrastructure,
  openProcessing,
  openScreening,
  startGatewayServer,
  startApprovalRescreening,
  startListMonitoring,
  startProcessingConsumer,
  type Processing,
  type Screening,
} from '@kyc/runtime';
import type { ListMonitoringJob } from '@kyc/screening-application';
import type { SessionApplication } from '@kyc/session-application';

export interface RunningPlatform {
  app: NestFastifyApplication;
  url: string;
  database: 'postgres' | 'pglite';
  sql: SqlClient;
  store: EventStore;
  readModel: ReadModelClient;
  application: SessionApplication;
  projection: ReadModelProjection;
  sweeper: ExpirySweeper;
  /** The in-process bus the relay publishes session events to (topic kyc.session.events.v1). */
  bus: MessageBus;
  relay: EventRelay;
  notifications: RunningWebhookNotifications;
  screening: Screening;
  processing: Processing;
  /** Null when the platform was started without list monitoring. */
  listMonitoring: ListMonitoringJob | null;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  logger?: LoggerService | false;
  /** Listen on this host (default all interfaces). */
  host?: string;
  /** The platform's notion of now (tests move it forward to reach expiry). */
  clock?: () => Date;
  /** When failed webhook deliveries are tried again (tests shorten it). */
  webhookRetrySchedule?: RetrySchedule;
  /**
   * Re-screen approved sessions when new list versions arrive, and each session approved against the versions
   * published since its validation (default true; it loads the lists at start).
   */
  listMonitoring?: boolean;
}

/** A projection this far behind the event store makes the instance not ready. */
const MAX_READY_LAG = 10_000n;

/**
 * The whole platform in one process: the infrastructure (one database, local documents), the relay to the
 * in-process bus, the projection, the expiry sweeper and the REST gateway. The projection runs in-process, so commands that hand out links
 * wait on it directly.
 */
export async function startPlatform(config: AppConfig, options: PlatformOptions = {}): Promise<RunningPlatform> {
  const logger = new Logger('Platform');
  const warn = (error: unknown) => options.logger !== false && logger.warn(error instanceof Error ? error.message : String(error));

  const infra = await openInfrastructure(config, options.clock);
  const bus = new InProcessMessageBus();
  const relay = new EventRelay({ store: infra.store, sql: infra.sql, bus, onError: warn });
  await relay.start();
  const notifications = await startWebhookNotifications({
    db: infra.readModel,
    bus,
    masterKey: config.masterKey,
    allowPrivateTargets: config.webhookAllowPrivateTargets,
    schedule: options.webhookRetrySchedule,
    onError: warn,
  });
  // PROJECTION_SOURCE=topic: the sessions' rows come from the (in-process) topic, as a consumer group would.
  const fromTopic = config.projectionSource === 'topic';
  const projection = new ReadModelProjection(infra.store, infra.readModel, infra.application, warn, { sessions: !fromTopic });
  await projection.start();
  const sessionsFromTopic = fromTopic ? new SessionTopicProjection(bus, infra.readModel, infra.application) : null;
  await sessionsFromTopic?.start();
  const sweeper = new ExpirySweeper(infra.readModel, infra.application, config.sessionExpirySweepSeconds * 1000, warn, infra.clock);
  sweeper.start();
  const screening = openScreening(config);
  // The document engines start in their own process on the first run, not with the platform.
  const processing = openProcessing(config, infra, screening, infra.application);
  const processingConsumer = await startProcessingConsumer(bus, processing);
  const monitored = options.listMonitoring !== false;
  const listMonitoring = monitored ? startListMonitoring(screening, infra, infra.application, config, logger) : null;
  const approvalRescreening = monitored ? await startApprovalRescreening(bus, screening, infra, infra.application, logger) : null;
  const gateway = await startGatewayServer(infra, config, {
    consistency: fromTopic ? new SessionRowConsistency(infra.store, infra.readModel) : projection,
    screening,
    host: options.host,
    logger: options.logger,
    probes: [
      {
        name: 'projection',
        check: async () => {
          const lag = (await infra.store.headPosition()) - projection.checkpoint;
          if (lag > MAX_READY_LAG) throw new Error(`projection is ${lag} events behind`);
        },
      },
    ],
  });
  if (options.logger !== false) {
    logger.log(`database: ${config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
  }

  return {
    app: gateway.app,
    url: gateway.url,
    database: infra.database,
    sql: infra.sql,
    store: infra.store,
    readModel: infra.readModel,
    application: infra.application,
    projection,
    sweeper,
    bus,
    relay,
    notifications,
    screening,
    processing,
    listMonitoring,
    async stop() {
      await gateway.close();
      await listMonitoring?.stop();
      await approvalRescreening?.close();
      await processingConsumer.close();
      await processing.close();
      await notifications.stop();
      await sweeper.stop();
      await sessionsFromTopic?.stop();
      await projection.stop();
      await relay.stop();
      await bus.close();
      await infra.close();
    },
  };
}
