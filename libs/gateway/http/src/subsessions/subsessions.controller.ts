import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { READ_MODEL, type ReadModelClient } from '@kyc/read-model';
import { SessionApplication, SESSION_COMMANDS, type SessionCommands } from '@kyc/session-application';
import { CurrentTenant, RequireScope } from '../auth/auth.decorators';
import type { TenantPrincipal } from '../auth/scopes';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';
import { ApiError } from '../errors/api-error';
import { READ_MODEL_CONSISTENCY, type ReadModelConsistency } from '../http/app-tokens';
import { apiKeyOrigin } from '../http/request-origin';
import { UuidParam } from '../http/uuid-param.pipe';
import { accessLink } from '../sessions/session.presenter';
import { CreateSubsessionBody } from '../sessions/session.dto';
import { requireSession } from '../sessions/session-lookup';
import { presentCreatedSubsession, presentSubsessionList } from './subsession.presenter';

/** Related parties (UBOs, directors, submerchants): each a full session linked to its parent. */
@ApiTags('subsessions')
@ApiBearerAuth()
@Controller('kyc/sessions/:session_id/subsessions')
export class SubsessionsController {
  constructor(
    private readonly app: SessionApplication,
    @Inject(SESSION_COMMANDS) private readonly commands: SessionCommands,
    @Inject(READ_MODEL) private readonly db: ReadModelClient,
    @Inject(READ_MODEL_CONSISTENCY) private readonly consistency: ReadModelConsistency,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @RequireScope('kyc:create')
  async create(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @Body() body: CreateSubsessionBody,
    @Req() request: FastifyRequest,
  ) {
    const parent = await requireSession(this.app, tenant.tenantId, sessionId);
    const result = await this.commands.createSubsession(parent.session_id, body, apiKeyOrigin(tenant, request));
    if (!result.state.exists) throw new Error('subsession was not created');
    if (result.position !== null) await this.consistency.waitFor(result.position);
    return presentCreatedSubsession(result.state, this.config.publicBaseUrl);
  }

  @Get()
  @RequireScope('kyc:read')
  async list(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('session_id') sessionId: string) {
    await requireSession(this.app, tenant.tenantId, sessionId);
    const rows = await this.db.sessionView.findMany({
      where: { tenantId: tenant.tenantId, parentSessionId: sessionId },
      orderBy: [{ createdAt: 'asc' }, { sessionId: 'asc' }],
    });
    return presentSubsessionList(rows, this.config.publicBaseUrl);
  }

  @Post(':subsession_id/regenerate-link')
  @HttpCode(200)
  @RequireScope('kyc:create')
  async regenerateLink(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @UuidParam('subsession_id') subsessionId: string,
    @Req() request: FastifyRequest,
  ) {
    await this.requireChild(tenant.tenantId, sessionId, subsessionId);
    const result = await this.commands.regenerateLink(subsessionId, apiKeyOrigin(tenant, request));
    if (result.position !== null) await this.consistency.waitFor(result.position);
    return {
      subsession_id: subsessionId,
      access_token: result.session.access_token,
      access_link: accessLink(this.config.publicBaseUrl, result.session.access_token),
      expires_at: result.session.expires_at,
    };
  }

  @Delete(':subsession_id')
  @HttpCode(200)
  @RequireScope('kyc:delete')
  async remove(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @UuidParam('subsession_id') subsessionId: string,
    @Req() request: FastifyRequest,
  ) {
    const parent = await this.requireChild(tenant.tenantId, sessionId, subsessionId);
    const position = await this.commands.deleteSubsession(parent.session_id, subsessionId, apiKeyOrigin(tenant, request));
    if (position !== null) await this.consistency.waitFor(position);
    return { subsession_id: subsessionId, deleted: true };
  }

  private async requireChild(tenantId: string, sessionId: string, subsessionId: string) {
    const parent = await requireSession(this.app, tenantId, sessionId);
    if (!parent.subsessions.some((s) => s.subsession_id === subsessionId)) throw ApiError.notFound('subsession');
    return parent;
  }
}
