import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { listSessions, READ_MODEL, summarizeSessions, type ReadModelClient } from '@kyc/read-model';
import { SessionApplication, SESSION_COMMANDS, type SessionCommands } from '@kyc/session-application';
import type { DocumentType } from '@kyc/workflow-domain';
import { CurrentTenant, RequireScope } from '../auth/auth.decorators';
import type { TenantPrincipal } from '../auth/scopes';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';
import { DocumentLinks } from '../documents/document-links.service';
import { ApiError } from '../errors/api-error';
import { READ_MODEL_CONSISTENCY, type ReadModelConsistency } from '../http/app-tokens';
import { apiKeyOrigin } from '../http/request-origin';
import { UuidParam } from '../http/uuid-param.pipe';
import { presentAuditTrail } from './audit-trail.presenter';
import { CreateSessionBody, ExtendSessionBody, RequestCorrectionsBody, UpdateSessionBody } from './session.dto';
import { ListSessionsQuery } from './list-sessions.query';
import { presentSessionRow } from './session-list.presenter';
import { accessLink, presentSession, presentStep } from './session.presenter';
import { requireSession } from './session-lookup';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('kyc/sessions')
export class SessionsController {
  constructor(
    private readonly app: SessionApplication,
    @Inject(SESSION_COMMANDS) private readonly commands: SessionCommands,
    @Inject(READ_MODEL) private readonly db: ReadModelClient,
    @Inject(READ_MODEL_CONSISTENCY) private readonly consistency: ReadModelConsistency,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly links: DocumentLinks,
  ) {}

  @Post()
  @RequireScope('kyc:create')
  async create(@CurrentTenant() tenant: TenantPrincipal, @Body() body: CreateSessionBody, @Req() request: FastifyRequest) {
    const result = await this.commands.createSession(body, apiKeyOrigin(tenant, request));
    if (!result.state.exists) throw new Error('session was not created');
    if (result.position !== null) await this.consistency.waitFor(result.position);
    return presentSession(result.state, this.config.publicBaseUrl);
  }

  @Get()
  @RequireScope('kyc:read')
  async list(@CurrentTenant() tenant: TenantPrincipal, @Query() query: ListSessionsQuery) {
    const filter = {
      tenantId: tenant.tenantId,
      status: query.status,
      statusList: query.status_list,
      complianceStatus: query.compliance_status,
      workflowId: query.workflow_id,
      customerId: query.customer_id,
      createdFrom: query.created_from ? new Date(query.created_from) : undefined,
      createdTo: query.created_to ? new Date(query.created_to) : undefined,
      parentSessionId: query.parent_session_id,
      includeSubsessions: query.include_subsessions,
    };
    const [page, summary] = await Promise.all([
      listSessions(this.db, filter, query.limit ?? 20, query.next_key),
      query.include_summary ? summarizeSessions(this.db, filter) : Promise.resolve(undefined),
    ]);
    return { sessions: page.rows.map(presentSessionRow), next_key: page.nextKey, ...(summary ? { summary } : {}) };
  }

  @Get(':session_id')
  @RequireScope('kyc:read')
  async get(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('session_id') sessionId: string) {
    return presentSession(await requireSession(this.app, tenant.tenantId, sessionId), this.config.publicBaseUrl);
  }

  @Patch(':session_id')
  @RequireScope('kyc:update')
  async update(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @Body() body: UpdateSessionBody,
    @Req() request: FastifyRequest,
  ) {
    // The validated body is a class instance whose declared fields exist even when the request left them out.
    if (Object.values(body).every((value) => value === undefined)) {
      throw ApiError.invalid('nothing to update', [{ field: 'body', issue: 'give at least one of status, notes, assigned_to, priority' }]);
    }
    await requireSession(this.app, tenant.tenantId, sessionId);
    const result = await this.commands.handleSession(sessionId, { type: 'UpdateReview', ...body }, apiKeyOrigin(tenant, request));
    const state = result.state.exists ? result.state : null;
    return { session_id: sessionId, status: state?.status, updated_at: state?.updated_at };
  }

  @Delete(':session_id')
  @HttpCode(200)
  @RequireScope('kyc:delete')
  async remove(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('session_id') sessionId: string, @Req() request: FastifyRequest) {
    const session = await requireSession(this.app, tenant.tenantId, sessionId);
    const position = await this.commands.deleteSession(session.session_id, apiKeyOrigin(tenant, request));
    // The list rows (and their personal data) are gone when the answer says deleted.
    if (position !== null) await this.consistency.waitFor(position);
    return { session_id: sessionId, deleted: true };
  }

  @Post(':session_id/generate-link')
  @HttpCode(200)
  @RequireScope('kyc:create')
  async generateLink(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('session_id') sessionId: string, @Req() request: FastifyRequest) {
    await requireSession(this.app, tenant.tenantId, sessionId);
    const result = await this.commands.regenerateLink(sessionId, apiKeyOrigin(tenant, request));
    if (result.position !== null) await this.consistency.waitFor(result.position);
    return {
      session_id: sessionId,
      status: result.session.status,
      access_token: result.session.access_token,
      link: accessLink(this.config.publicBaseUrl, result.session.access_token),
      expires_at: result.session.expires_at,
    };
  }

  @Post(':session_id/extend')
  @HttpCode(200)
  @RequireScope('kyc:create')
  async extend(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @Body() body: ExtendSessionBody,
    @Req() request: FastifyRequest,
  ) {
    await requireSession(this.app, tenant.tenantId, sessionId);
    const result = await this.commands.handleSession(
      sessionId,
      { type: 'ExtendSession', extend_days: body.extend_days, comment: body.comment ?? null },
      apiKeyOrigin(tenant, request),
    );
    const state = result.state.exists ? result.state : null;
    return { session_id: sessionId, status: state?.status, expires_at: state?.expires_at };
  }

  @Post(':session_id/corrections')
  @HttpCode(200)
  @RequireScope('kyc:update')
  async corrections(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @Body() body: RequestCorrectionsBody,
    @Req() request: FastifyRequest,
  ) {
    await requireSession(this.app, tenant.tenantId, sessionId);
    const corrections = body.corrections.map((c) => ({
      id: `corr_${randomBytes(9).toString('base64url')}`,
      step_id: c.step_id,
      field_ids: c.field_ids ?? [],
      document_types: (c.document_types ?? []) as DocumentType[],
      message: c.message,
    }));
    const result = await this.commands.handleSession(
      sessionId,
      { type: 'RequestCorrections', corrections, comment: body.comment ?? null },
      apiKeyOrigin(tenant, request),
    );
    if (!result.state.exists) throw new Error('session vanished');
    const affected = new Set(corrections.map((c) => c.step_id));
    return {
      session_id: sessionId,
      status: result.state.status,
      current_step_index: result.state.current_step_index,
      steps_data: result.state.steps.filter((s) => affected.has(s.step_id)).map((s) => presentStep(s, { onlyOpenCorrections: true })),
    };
  }

  @Get(':session_id/events')
  @RequireScope('kyc:read')
  async events(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('session_id') sessionId: string) {
    await requireSession(this.app, tenant.tenantId, sessionId);
    const { events } = await this.app.sessions.load(sessionId);
    return { events: presentAuditTrail(events) };
  }

  @Get(':session_id/documents/:doc_id/url')
  @RequireScope('kyc:read')
  async documentUrl(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @Param('doc_id') docId: string,
  ) {
    const session = await requireSession(this.app, tenant.tenantId, sessionId);
    for (const step of session.steps) {
      const document = step.documents.find((d) => d.doc_id === docId);
      if (!document) continue;
      const link = await this.links.issue(sessionId, document);
      return {
        presigned_url: link.url,
        file_name: document.file_name,
        mime_type: document.mime_type,
        doc_id: docId,
        document_type: document.document_type,
        step_id: step.step_id,
        size: document.size,
        uploaded_at: document.uploaded_at,
        expires_at: link.expiresAt,
      };
    }
    throw ApiError.notFound('document');
  }
}
