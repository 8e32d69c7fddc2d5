import { Global, Logger, Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@kyc/config';
import { createPgClient, createPgliteClient, migrate, type SqlClient } from '@kyc/database';
import { createPostgresEventStore } from '@kyc/event-store';
import {
  createGatewayApp,
  GATEWAY_CONFIG,
  GatewayHttpModule,
  READ_MODEL_CONSISTENCY,
  READINESS_PROBES,
  type GatewayConfig,
  type ReadinessProbe,
} from '@kyc/gateway-http';
import { PII_VAULT_MIGRATIONS_DIR, PII_VAULT_MIGRATIONS_OWNER, PiiVault } from '@kyc/pii-vault';
import {
  createReadModelClient,
  ExpirySweeper,
  READ_MODEL,
  READ_MODEL_MIGRATIONS_DIR,
  ReadModelProjection,
  type ReadModelClient,
} from '@kyc/read-model';
import { DOCUMENT_STORAGE, EVENT_STORE, SessionApplication } from '@kyc/session-application';
import { LocalFileStorage } from '@kyc/storage';

export interface RunningPlatform {
  app: NestFastifyApplication;
  url: string;
  database: 'postgres' | 'pglite';
  sql: SqlClient;
  readModel: ReadModelClient;
  application: SessionApplication;
  projection: ReadModelProjection;
  sweeper: ExpirySweeper;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  logger?: LoggerService | false;
  /** Listen on this host (default all interfaces). */
  host?: string;
}

/**
 * The whole platform in one process: event store, read model and key table in one database (PostgreSQL
 * when DATABASE_URL is set, embedded PGlite otherwise), local document storage, the projection, the expiry
 * sweeper and the REST gateway.
 */
export async function startPlatform(config: AppConfig, options: PlatformOptions = {}): Promise<RunningPlatform> {
  const logger = new Logger('Platform');
  const log = options.logger === false ? () => undefined : (message: string) => logger.log(message);
  const warn = (error: unknown) => options.logger !== false && logger.warn(error instanceof Error ? error.message : String(error));

  const database = config.database;
  const pglite = database.kind === 'pglite' ? await createPgliteClient(database.dataDir) : null;
  const sql = pglite ?? createPgClient((database as { url: string }).url);
  await migrate(sql, PII_VAULT_MIGRATIONS_DIR, { owner: PII_VAULT_MIGRATIONS_OWNER });
  await migrate(sql, READ_MODEL_MIGRATIONS_DIR, { owner: 'read-model' });

  const store = await createPostgresEventStore(sql);
  const vault = new PiiVault(sql, { masterKey: config.masterKey });
  if (config.documentStorage.kind !== 'local') throw new Error('S3 document storage is not available in this release');
  const documents = new LocalFileStorage(config.documentStorage.rootDir);
  const readModel = createReadModelClient(
    database.kind === 'pglite' && pglite ? { kind: 'pglite', db: pglite.pglite } : { kind: 'postgres', connectionString: (database as { url: string }).url },
  );
  const application = new SessionApplication(store, vault, documents);
  const projection = new ReadModelProjection(store, readModel, application, warn);
  await projection.start();
  const sweeper = new ExpirySweeper(readModel, application, config.sessionExpirySweepSeconds * 1000, warn);
  sweeper.start();

  const gatewayConfig: GatewayConfig = {
    rootApiKey: config.rootApiKey,
    publicBaseUrl: config.publicBaseUrl,
    documentUrlTtlSeconds: config.documentUrlTtlSeconds,
    uploadMaxBytes: config.uploadMaxBytes,
    urlSigningSecret: config.urlSigningSecret,
  };
  const probes: ReadinessProbe[] = [
    { name: 'event_store', check: async () => void (await store.headPosition()) },
    { name: 'read_model', check: async () => void (await readModel.$queryRawUnsafe('SELECT 1')) },
    {
      name: 'projection',
      check: async () => {
        const lag = (await store.headPosition()) - projection.checkpoint;
        if (lag > 10_000n) throw new Error(`projection is ${lag} events behind`);
      },
    },
  ];

  @Global()
  @Module({})
  class InfrastructureModule {
    static of(): DynamicModule {
      const providers = [
        { provide: EVENT_STORE, useValue: store },
        { provide: DOCUMENT_STORAGE, useValue: documents },
        { provide: READ_MODEL, useValue: readModel },
        { provide: GATEWAY_CONFIG, useValue: gatewayConfig },
        { provide: READINESS_PROBES, useValue: probes },
        { provide: READ_MODEL_CONSISTENCY, useValue: projection },
        { provide: SessionApplication, useValue: application },
      ];
      return { module: InfrastructureModule, providers, exports: providers.map((p) => p.provide) };
    }
  }

  const app = await createGatewayApp(GatewayHttpModule.register(InfrastructureModule.of()), {
    uploadMaxBytes: config.uploadMaxBytes,
    logger: options.logger,
  });
  await app.listen({ port: config.port, host: options.host ?? '0.0.0.0' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log(`database: ${database.kind === 'pglite' ? `embedded PGlite in ${database.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);

  return {
    app,
    url: `http://127.0.0.1:${port}`,
    database: pglite ? 'pglite' : 'postgres',
    sql,
    readModel,
    application,
    projection,
    sweeper,
    async stop() {
      await app.close();
      await sweeper.stop();
      await projection.stop();
      await readModel.$disconnect();
      await sql.close();
    },
  };
}
