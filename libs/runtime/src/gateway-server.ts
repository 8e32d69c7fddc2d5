import { Global, Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@kyc/config';
import {
  createGatewayApp,
  GATEWAY_CONFIG,
  GatewayHttpModule,
  READ_MODEL_CONSISTENCY,
  READINESS_PROBES,
  SCREENING_CATALOG,
  SESSION_VALIDATOR,
  WEBHOOK_ENDPOINTS,
  type GatewayConfig,
  type ReadinessProbe,
  type ReadModelConsistency,
} from '@kyc/gateway-http';
import { WebhookEndpoints, WebhookSecretBox } from '@kyc/notification';
import { READ_MODEL } from '@kyc/read-model';
import { CLOCK, DOCUMENT_STORAGE, EVENT_STORE, SESSION_COMMANDS, SessionApplication, type SessionCommands } from '@kyc/session-application';
import { infrastructureProbes, type Infrastructure } from './infrastructure';
import { openScreening, type Screening } from './screening';

export interface GatewayServerOptions {
  consistency: ReadModelConsistency;
  /** Where commands go; default: the infrastructure's own session application, in this process. */
  commands?: SessionCommands;
  probes?: ReadinessProbe[];
  /** Default: the configured lists and provider, loaded on first use. */
  screening?: Screening;
  host?: string;
  logger?: LoggerService | false;
}

export interface GatewayServer {
  app: NestFastifyApplication;
  /** Loopback URL of the listening server. */
  url: string;
  close(): Promise<void>;
}

/** The REST gateway over the given infrastructure, listening on the configured port. */
export async function startGatewayServer(
  infra: Infrastructure,
  config: AppConfig,
  options: GatewayServerOptions,
): Promise<GatewayServer> {
  const gatewayConfig: GatewayConfig = {
    rootApiKey: config.rootApiKey,
    publicBaseUrl: config.publicBaseUrl,
    documentUrlTtlSeconds: config.documentUrlTtlSeconds,
    documentLinks: config.documentLinks,
    uploadMaxBytes: config.uploadMaxBytes,
    urlSigningSecret: config.urlSigningSecret,
    webhookAllowPrivateTargets: config.webhookAllowPrivateTargets,
    processingWaitMs: config.processing.waitMs,
  };
  const probes: ReadinessProbe[] = [...infrastructureProbes(infra), ...(options.probes ?? [])];
  const screening = options.screening ?? openScreening(config);

  @Global()
  @Module({})
  class InfrastructureModule {
    static of(): DynamicModule {
      const providers = [
        { provide: EVENT_STORE, useValue: infra.store },
        { provide: DOCUMENT_STORAGE, useValue: infra.documents },
        { provide: READ_MODEL, useValue: infra.readModel },
        { provide: SessionApplication, useValue: infra.application },
        { provide: SESSION_COMMANDS, useValue: options.commands ?? infra.application },
        { provide: CLOCK, useValue: infra.clock },
        { provide: GATEWAY_CONFIG, useValue: gatewayConfig },
        { provide: READINESS_PROBES, useValue: probes },
        { provide: READ_MODEL_CONSISTENCY, useValue: options.consistency },
        { provide: WEBHOOK_ENDPOINTS, useValue: new WebhookEndpoints(infra.readModel, new WebhookSecretBox(config.masterKey)) },
        { provide: SCREENING_CATALOG, useValue: screening.catalog },
        { provide: SESSION_VALIDATOR, useValue: screening.validator },
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
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
