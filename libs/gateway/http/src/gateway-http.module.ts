import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminController } from './admin/admin.controller';
import { DocumentLinks } from './documents/document-links.service';
import { DocumentsController } from './documents/documents.controller';
import { HostedPageController } from './hosted-page/hosted-page.controller';
import { SessionProcessingController } from './processing/session-processing.controller';
import { PublicSessionLookup } from './public/public-session.lookup';
import { PublicSessionsController } from './public/public-sessions.controller';
import { ScreeningSearchController } from './screening/screening-search.controller';
import { SessionValidationController } from './screening/session-validation.controller';
import { SessionsController } from './sessions/sessions.controller';
import { SubsessionsController } from './subsessions/subsessions.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WorkflowsController } from './workflows/workflows.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeysService } from './auth/api-keys.service';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';

/**
 * The REST API. The host passes a module that exports the infrastructure the gateway needs
 * (READ_MODEL, GATEWAY_CONFIG, READINESS_PROBES, READ_MODEL_CONSISTENCY, DOCUMENT_STORAGE,
 * SESSION_COMMANDS, WEBHOOK_ENDPOINTS, SCREENING_CATALOG, SESSION_VALIDATOR and SessionApplication).
 */
@Module({})
export class GatewayHttpModule {
  static register(infrastructure: NonNullable<ModuleMetadata['imports']>[number]): DynamicModule {
    return {
      module: GatewayHttpModule,
      imports: [infrastructure],
      controllers: [
        HealthController,
        AdminController,
        WorkflowsController,
        WebhooksController,
        SessionsController,
        SessionValidationController,
        SessionProcessingController,
        ScreeningSearchController,
        SubsessionsController,
        PublicSessionsController,
        DocumentsController,
        HostedPageController,
      ],
      providers: [ApiKeysService, IdempotencyInterceptor, DocumentLinks, PublicSessionLookup, { provide: APP_GUARD, useClass: ApiKeyGuard }],
    };
  }
}
