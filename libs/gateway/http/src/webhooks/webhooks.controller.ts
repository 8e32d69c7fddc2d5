import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { webhookUrlProblem, type WebhookEndpoints } from '@kyc/notification';
import { CurrentTenant, RequireScope } from '../auth/auth.decorators';
import type { TenantPrincipal } from '../auth/scopes';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';
import { ApiError } from '../errors/api-error';
import { WEBHOOK_ENDPOINTS } from '../http/app-tokens';
import { UuidParam } from '../http/uuid-param.pipe';
import { CreateWebhookBody, ListDeliveriesQuery } from './webhook.dto';

/** A tenant's webhook endpoints: every session event of the tenant, signed, to each (at least once). */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('kyc/webhooks')
export class WebhooksController {
  constructor(
    @Inject(WEBHOOK_ENDPOINTS) private readonly endpoints: WebhookEndpoints,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @RequireScope('webhooks:manage')
  async create(@CurrentTenant() tenant: TenantPrincipal, @Body() body: CreateWebhookBody) {
    const problem = webhookUrlProblem(body.url, this.config.webhookAllowPrivateTargets);
    if (problem) throw ApiError.invalid(`url ${problem}`, [{ field: 'url', issue: problem }]);
    return this.endpoints.create(tenant.tenantId, {
      url: body.url,
      event_types: body.event_types ?? [],
      description: body.description ?? null,
    });
  }

  @Get()
  @RequireScope('webhooks:manage')
  async list(@CurrentTenant() tenant: TenantPrincipal) {
    return { webhooks: await this.endpoints.list(tenant.tenantId) };
  }

  @Get(':webhook_id')
  @RequireScope('webhooks:manage')
  async get(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('webhook_id') webhookId: string) {
    const endpoint = await this.endpoints.find(tenant.tenantId, webhookId);
    if (!endpoint) throw ApiError.notFound('webhook');
    return endpoint;
  }

  @Delete(':webhook_id')
  @HttpCode(200)
  @RequireScope('webhooks:manage')
  async remove(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('webhook_id') webhookId: string) {
    if (!(await this.endpoints.remove(tenant.tenantId, webhookId))) throw ApiError.notFound('webhook');
    return { webhook_id: webhookId, deleted: true };
  }

  @Get(':webhook_id/deliveries')
  @RequireScope('webhooks:manage')
  async deliveries(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('webhook_id') webhookId: string, @Query() query: ListDeliveriesQuery) {
    if (!(await this.endpoints.find(tenant.tenantId, webhookId))) throw ApiError.notFound('webhook');
    return { deliveries: await this.endpoints.deliveries(tenant.tenantId, webhookId, query.limit ?? 20) };
  }
}
