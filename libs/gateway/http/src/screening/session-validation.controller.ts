import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { SessionValidator } from '@kyc/screening-application';
import { CLOCK, SessionApplication, SESSION_COMMANDS, type Clock, type SessionCommands } from '@kyc/session-application';
import { workflowVersion } from '@kyc/workflow-domain';
import { CurrentTenant, RequireScope } from '../auth/auth.decorators';
import type { TenantPrincipal } from '../auth/scopes';
import { ApiError } from '../errors/api-error';
import { READ_MODEL_CONSISTENCY, SESSION_VALIDATOR, type ReadModelConsistency } from '../http/app-tokens';
import { apiKeyOrigin } from '../http/request-origin';
import { UuidParam } from '../http/uuid-param.pipe';
import { requireSession } from '../sessions/session-lookup';
import { DismissMatchBody } from './screening.dto';
import { presentValidationResults } from './validation.presenter';

const MATCH_ID = /^m_[0-9a-f]{16}$/;

/** Watchlist, crypto and adverse-media validation of a session, and reviewers' dismissals of its hits. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('kyc/sessions')
export class SessionValidationController {
  constructor(
    private readonly app: SessionApplication,
    @Inject(SESSION_COMMANDS) private readonly commands: SessionCommands,
    @Inject(SESSION_VALIDATOR) private readonly validator: SessionValidator,
    @Inject(READ_MODEL_CONSISTENCY) private readonly consistency: ReadModelConsistency,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs the validations the session's workflow version enables and records them on the session. */
  @Post(':session_id/validate')
  @HttpCode(200)
  @RequireScope('kyc:process')
  async validate(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('session_id') sessionId: string, @Req() request: FastifyRequest) {
    const session = await requireSession(this.app, tenant.tenantId, sessionId);
    const workflow = await this.app.findWorkflow(tenant.tenantId, session.workflow_id);
    const definition = workflow && workflowVersion(workflow, session.workflow_version);
    if (!definition) throw new Error(`workflow ${session.workflow_id} v${session.workflow_version} of session ${sessionId} is missing`);
    const { results, list_versions } = await this.validator.validate(session, definition.validations, this.clock());
    const recorded = await this.commands.handleSession(
      sessionId,
      { type: 'RecordValidation', validation_id: randomUUID(), results, list_versions },
      apiKeyOrigin(tenant, request),
    );
    if (recorded.position !== null) await this.consistency.waitFor(recorded.position);
    const after = recorded.state.exists ? recorded.state : session;
    return { session_id: sessionId, validation_results: presentValidationResults(results, after), list_versions };
  }

  /** A reviewer judges a hit a false positive: it stops counting, and the audit trail keeps who and why. */
  @Post(':session_id/matches/:match_id/dismiss')
  @HttpCode(200)
  @RequireScope('kyc:update')
  async dismiss(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @Param('match_id') matchId: string,
    @Body() body: DismissMatchBody,
    @Req() request: FastifyRequest,
  ) {
    await requireSession(this.app, tenant.tenantId, sessionId);
    if (!MATCH_ID.test(matchId)) throw ApiError.notFound('match');
    const result = await this.commands.handleSession(sessionId, { type: 'DismissMatch', match_id: matchId, reason: body.reason }, apiKeyOrigin(tenant, request));
    if (!result.state.exists) throw new Error('session vanished');
    const dismissal = result.state.screening.dismissed[matchId];
    return { session_id: sessionId, match_id: matchId, dismissed: true, reason: dismissal.reason, dismissed_at: dismissal.dismissed_at };
  }
}
